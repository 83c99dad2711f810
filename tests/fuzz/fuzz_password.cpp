// Password rules (contract §2) on arbitrary input, including the repeat search against a slow
// but obviously right reference on short inputs.
#include "core/passwordpolicy.h"
#include "fuzzsupport.h"

#include <algorithm>

using namespace signup;

namespace {

// Some group of length L repeated three times in a row, by brute force.
bool referenceRepeats(QStringView s) {
    const qsizetype n = s.size();
    for (qsizetype len = 1; 3 * len <= n; ++len) {
        for (qsizetype i = 0; i + 3 * len <= n; ++i) {
            if (s.mid(i, len) == s.mid(i + len, len) && s.mid(i, len) == s.mid(i + 2 * len, len))
                return true;
        }
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QString password = fuzz::textFrom(data, size);
    const RuleChecks checks = PasswordPolicy::check(password);
    FUZZ_REQUIRE(checks.size() == 6, password);
    const bool valid = PasswordPolicy::isValid(password);
    FUZZ_REQUIRE(valid == failedRuleIds(checks).isEmpty(), password);
    if (valid) {
        FUZZ_REQUIRE(password.size() >= PasswordPolicy::MinLength, password);
        FUZZ_REQUIRE(password.size() <= PasswordPolicy::MaxLength, password);
        FUZZ_REQUIRE(!PasswordPolicy::looksLikeCyrillicLayout(password), password);
    }
    // Compared where characters and UTF-16 units are the same thing: outside the BMP the two
    // readings of "a group" differ, and such passwords fail the charset rule anyway.
    const bool bmpOnly =
        std::none_of(password.cbegin(), password.cend(), [](QChar c) { return c.isSurrogate(); });
    if (password.size() <= 64 && bmpOnly)
        FUZZ_REQUIRE(PasswordPolicy::hasRepeatedGroup(password) == referenceRepeats(password), password);
    return 0;
}
