// Card rules (contract §2) on arbitrary input.
#include "core/cardpolicy.h"
#include "fuzzsupport.h"

#include <QDate>

using namespace signup;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QString input = fuzz::textFrom(data, size);
    const QStringList all = CardPolicy::supportedBrandIds();
    const std::optional<ErrorCode> verdict = CardPolicy::numberProblem(input, all);
    const QString digits = CardPolicy::normalizedNumber(input);
    if (!verdict) {
        FUZZ_REQUIRE(digits.size() >= 13 && digits.size() <= 19, input);
        for (const QChar c : digits)
            FUZZ_REQUIRE(c >= QLatin1Char('0') && c <= QLatin1Char('9'), input);
        FUZZ_REQUIRE(CardPolicy::luhnValid(digits), input);
        FUZZ_REQUIRE(all.contains(cardBrandId(CardPolicy::detectBrand(digits))), input);
    } else {
        FUZZ_REQUIRE(*verdict == ErrorCode::InvalidCard || *verdict == ErrorCode::UnsupportedCardBrand,
                     input);
    }
    const QString grouped = CardPolicy::formatAsTyped(input);
    FUZZ_REQUIRE(CardPolicy::normalizedNumber(grouped).size() <= 19, input);
    if (size >= 2) {
        const std::optional<ErrorCode> expiry =
            CardPolicy::expiryProblem(int(int8_t(data[0])), 2000 + int(data[1]) * 4, QDate(2026, 12, 1));
        FUZZ_REQUIRE(!expiry || *expiry == ErrorCode::ExpiredCard || *expiry == ErrorCode::InvalidCard,
                     input);
    }
    bool threeAsciiDigits = input.size() == 3;
    for (const QChar c : input)
        threeAsciiDigits = threeAsciiDigits && c >= QLatin1Char('0') && c <= QLatin1Char('9');
    FUZZ_REQUIRE(CardPolicy::cvcValid(input) == threeAsciiDigits, input);
    return 0;
}
