#include "core/cardpolicy.h"

#include "core/region.h"

#include <algorithm>

namespace signup {

namespace {

bool allDigits(const QString &text) {
    return std::all_of(text.cbegin(), text.cend(),
                       [](QChar c) { return c.unicode() >= '0' && c.unicode() <= '9'; });
}

// The first `count` digits as a number, or -1 when there are fewer digits.
int prefix(const QString &digits, int count) {
    if (digits.size() < count)
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = digits[i].unicode();
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

bool inRange(int value, int low, int high) {
    return value >= low && value <= high;
}

} // namespace

QString cardBrandId(CardBrand brand) {
    switch (brand) {
    case CardBrand::Mir:
        return QStringLiteral("mir");
    case CardBrand::Visa:
        return QStringLiteral("visa");
    case CardBrand::Mastercard:
        return QStringLiteral("mastercard");
    case CardBrand::UnionPay:
        return QStringLiteral("unionpay");
    case CardBrand::AmericanExpress:
        return QStringLiteral("amex");
    case CardBrand::Jcb:
        return QStringLiteral("jcb");
    case CardBrand::Maestro:
        return QStringLiteral("maestro");
    case CardBrand::DinersClub:
        return QStringLiteral("diners");
    case CardBrand::Discover:
        return QStringLiteral("discover");
    case CardBrand::Unknown:
        break;
    }
    return {};
}

CardBrand cardBrandFromId(const QString &id) {
    static const CardBrand brands[] = {CardBrand::Mir,
                                       CardBrand::Visa,
                                       CardBrand::Mastercard,
                                       CardBrand::UnionPay,
                                       CardBrand::AmericanExpress,
                                       CardBrand::Jcb,
                                       CardBrand::Maestro,
                                       CardBrand::DinersClub,
                                       CardBrand::Discover};
    for (CardBrand brand : brands) {
        if (cardBrandId(brand) == id)
            return brand;
    }
    return CardBrand::Unknown;
}

QString cardBrandDisplayName(CardBrand brand) {
    switch (brand) {
    case CardBrand::Mir:
        return QStringLiteral("Mir");
    case CardBrand::Visa:
        return QStringLiteral("Visa");
    case CardBrand::Mastercard:
        return QStringLiteral("Mastercard");
    case CardBrand::UnionPay:
        return QStringLiteral("UnionPay");
    case CardBrand::AmericanExpress:
        return QStringLiteral("American Express");
    case CardBrand::Jcb:
        return QStringLiteral("JCB");
    case CardBrand::Maestro:
        return QStringLiteral("Maestro");
    case CardBrand::DinersClub:
        return QStringLiteral("Diners Club");
    case CardBrand::Discover:
        return QStringLiteral("Discover");
    case CardBrand::Unknown:
        break;
    }
    return {};
}

QStringList CardPolicy::supportedBrandIds() {
    return {QStringLiteral("mir"), QStringLiteral("visa"), QStringLiteral("mastercard"),
            QStringLiteral("unionpay")};
}

QString CardPolicy::normalizedNumber(const QString &number) {
    QString digits;
    digits.reserve(number.size());
    for (QChar c : number) {
        if (c != u' ' && c != u'-')
            digits.append(c);
    }
    return digits;
}

CardBrand CardPolicy::detectBrand(const QString &digits) {
    const int p1 = prefix(digits, 1), p2 = prefix(digits, 2), p3 = prefix(digits, 3), p4 = prefix(digits, 4);
    // Mir (2200–2204) comes before Mastercard's 2221–2720 series.
    if (inRange(p4, 2200, 2204))
        return CardBrand::Mir;
    if (inRange(p4, 2221, 2720) || inRange(p2, 51, 55))
        return CardBrand::Mastercard;
    if (p1 == 4)
        return CardBrand::Visa;
    if (p2 == 34 || p2 == 37)
        return CardBrand::AmericanExpress;
    if (p2 == 62)
        return CardBrand::UnionPay;
    if (inRange(p4, 3528, 3589))
        return CardBrand::Jcb;
    if (p2 == 36 || p2 == 38 || p2 == 39 || inRange(p3, 300, 305) || p3 == 309)
        return CardBrand::DinersClub;
    if (p4 == 6011 || p2 == 65 || inRange(p3, 644, 649))
        return CardBrand::Discover;
    if (p2 == 50 || inRange(p2, 56, 58) || p4 == 6304 || p4 == 6759 || inRange(p4, 6761, 6763) || p3 == 639 ||
        p2 == 67)
        return CardBrand::Maestro;
    return CardBrand::Unknown;
}

bool CardPolicy::luhnValid(const QString &digits) {
    if (digits.isEmpty() || !allDigits(digits))
        return false;
    int sum = 0;
    bool doubleIt = false;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        int d = digits[i].unicode() - '0';
        if (doubleIt) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
}

bool CardPolicy::lengthValid(CardBrand brand, const QString &digits) {
    const qsizetype n = digits.size();
    if (n < 13 || n > 19)
        return false;
    switch (brand) {
    case CardBrand::Mir:
        return n >= 16; // 16–19
    case CardBrand::Visa:
        return n == 13 || n == 16 || n == 19;
    case CardBrand::Mastercard:
        return n == 16;
    case CardBrand::UnionPay:
        return n >= 16;
    case CardBrand::AmericanExpress:
        return n == 15;
    case CardBrand::Jcb:
        return n >= 16;
    case CardBrand::DinersClub:
        return n >= 14;
    case CardBrand::Discover:
        return n >= 16;
    case CardBrand::Maestro:
    case CardBrand::Unknown:
        return true;
    }
    return true;
}

std::optional<ErrorCode> CardPolicy::numberProblem(const QString &number, const QStringList &regionBrandIds) {
    const QString digits = normalizedNumber(number);
    if (digits.size() < 13 || digits.size() > 19 || !allDigits(digits) || !luhnValid(digits))
        return ErrorCode::InvalidCard;
    const CardBrand brand = detectBrand(digits);
    // A number no payment system issues is a mistyped number, not "a brand we do not take".
    if (brand == CardBrand::Unknown || !lengthValid(brand, digits))
        return ErrorCode::InvalidCard;
    if (!supportedBrandIds().contains(cardBrandId(brand)) || !regionBrandIds.contains(cardBrandId(brand)))
        return ErrorCode::UnsupportedCardBrand;
    return std::nullopt;
}

std::optional<ErrorCode> CardPolicy::expiryProblem(int month, int year, const QDate &todayUtc) {
    if (month < 1 || month > 12 || year < 1000 || year > 9999 || !todayUtc.isValid())
        return ErrorCode::InvalidCard;
    const int monthsAhead = (year * 12 + month) - (todayUtc.year() * 12 + todayUtc.month());
    // Valid through the last day of the month: the current month is still fine.
    if (monthsAhead < 0)
        return ErrorCode::ExpiredCard;
    if (monthsAhead > 20 * 12)
        return ErrorCode::InvalidCard;
    return std::nullopt;
}

CardExpiry CardPolicy::parseExpiry(const QString &text) {
    QString digits = text.trimmed();
    if (digits.size() == 5 && digits.at(2) == QLatin1Char('/'))
        digits.remove(2, 1);
    if (digits.size() != 4 || !allDigits(digits))
        return {};
    return {digits.left(2).toInt(), 2000 + digits.mid(2).toInt()};
}

AutopaymentBlock CardPolicy::autopaymentBlock(const Region *region, bool cardLinked, CardBrand brand) {
    if (region && !region->autopaymentAvailable)
        return AutopaymentBlock::Region;
    if (brand == CardBrand::UnionPay)
        return AutopaymentBlock::CardBrand;
    if (!cardLinked)
        return AutopaymentBlock::CardNotLinked;
    return AutopaymentBlock::None;
}

bool CardPolicy::cvcValid(const QString &cvc) {
    return cvc.size() == 3 && allDigits(cvc);
}

QString CardPolicy::formatAsTyped(const QString &input) {
    QString digits;
    for (QChar c : input) {
        if (c.unicode() >= '0' && c.unicode() <= '9')
            digits.append(c);
    }
    const bool amex = detectBrand(digits) == CardBrand::AmericanExpress;
    digits.truncate(amex ? 15 : 19);
    QString out;
    for (qsizetype i = 0; i < digits.size(); ++i) {
        const bool groupStart = amex ? (i == 4 || i == 10) : (i > 0 && i % 4 == 0);
        if (groupStart)
            out.append(u' ');
        out.append(digits[i]);
    }
    return out;
}

QString CardPolicy::masked(const QString &last4) {
    return QStringLiteral("\u2022\u2022\u2022\u2022 ") + last4;
}

} // namespace signup
