// Email rules (contract §2) on arbitrary input: never crash, and the answers agree with each other.
#include "core/emailpolicy.h"
#include "fuzzsupport.h"

using namespace signup;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QString email = fuzz::textFrom(data, size);
    const RuleChecks checks = EmailPolicy::check(email);
    const bool valid = EmailPolicy::isValid(email);
    FUZZ_REQUIRE(valid == failedRuleIds(checks).isEmpty(), email);
    FUZZ_REQUIRE(valid == EmailPolicy::failedRules(email).isEmpty(), email);
    if (valid) {
        // What the server stores must respect the limits as the user typed them.
        FUZZ_REQUIRE(email.size() <= EmailPolicy::MaxLength, email);
        FUZZ_REQUIRE(!email.contains(QLatin1Char('+')), email);
        FUZZ_REQUIRE(email.count(QLatin1Char('@')) == 1, email);
        FUZZ_REQUIRE(!EmailPolicy::normalized(email).isEmpty(), email);
        // Normalising is idempotent: the uniqueness key of the key is the key.
        const QString key = EmailPolicy::normalized(email);
        FUZZ_REQUIRE(EmailPolicy::normalized(key) == key, email);
    } else {
        FUZZ_REQUIRE(EmailPolicy::normalized(email).isEmpty(), email);
    }
    const QString fix = EmailPolicy::suggestTypoFix(email);
    // A typo fix changes the domain only: what was typed before the last '@' stays.
    const auto local = [](const QString &address) {
        return address.left(address.lastIndexOf(QLatin1Char('@')));
    };
    FUZZ_REQUIRE(fix.isEmpty() || (fix != email && local(fix) == local(email)), email);
    (void)EmailPolicy::isPublicMailbox(email);
    return 0;
}
