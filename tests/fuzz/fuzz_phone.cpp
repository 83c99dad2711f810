// Phone numbers (contract §2) through libphonenumber on arbitrary input.
#include "core/phonepolicy.h"
#include "fuzzsupport.h"

using namespace signup;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QString input = fuzz::textFrom(data, size);
    const PhoneNumberInfo info = PhonePolicy::parse(input);
    if (info.valid) {
        FUZZ_REQUIRE(info.parsed, input);
        FUZZ_REQUIRE(info.e164.startsWith(QLatin1Char('+')), input);
        // The E.164 form reads back as the same number.
        const PhoneNumberInfo again = PhonePolicy::parse(info.e164);
        FUZZ_REQUIRE(again.valid && again.e164 == info.e164 && again.regionCode == info.regionCode, input);
        // The Moscow rule: only Russian numbers.
        const std::optional<ErrorCode> moscow = PhonePolicy::problem(input, {QStringLiteral("RU")});
        FUZZ_REQUIRE(!moscow == (info.regionCode == QLatin1String("RU")), input);
        FUZZ_REQUIRE(!PhonePolicy::problem(input, {}), input);
        // The masked form (support view, contract §6) hides digits of every number long enough
        // to have some to hide, and keeps the country code.
        const QString masked = PhonePolicy::masked(info.e164);
        const qsizetype digits = info.e164.size() - 1;
        FUZZ_REQUIRE(masked.startsWith(info.international.section(QLatin1Char(' '), 0, 0)), input);
        if (digits >= 9)
            FUZZ_REQUIRE(masked.contains(QLatin1Char('*')), input);
    } else {
        FUZZ_REQUIRE(PhonePolicy::problem(input, {}) == ErrorCode::InvalidPhone, input);
    }
    PhoneAsYouTypeFormatter formatter;
    (void)formatter.format(input.left(64));
    return 0;
}
