#pragma once

#include "core/errorcode.h"

#include <QDate>
#include <QString>
#include <QStringList>
#include <optional>

namespace signup {

struct Region;

// Month and year as printed on a card; 0/0 when the text is not MM/YY.
struct CardExpiry {
    int month = 0;
    int year = 0; // four digits
    bool isValid() const { return month > 0 && year > 0; }
};

// Why autopayment cannot be turned on (contract §4), or None when it can.
enum class AutopaymentBlock { None, CardNotLinked, Region, CardBrand };

enum class CardBrand {
    Unknown,
    Mir,
    Visa,
    Mastercard,
    UnionPay,
    AmericanExpress,
    Jcb,
    Maestro,
    DinersClub,
    Discover
};

// The contract's brand id: "mir", "visa", "mastercard", "unionpay"; for the brands the contract
// does not take: "amex", "jcb", "maestro", "diners", "discover"; "" for Unknown.
QString cardBrandId(CardBrand brand);
CardBrand cardBrandFromId(const QString &id);
// A human name: "Mir", "Visa", "Mastercard", "UnionPay", "American Express", "JCB", ...
QString cardBrandDisplayName(CardBrand brand);

// A card as the person types it and POST /card carries it (§3): the client sends it, the sandbox
// checks it again. Never logged or stored.
struct CardDetails {
    QString number;
    int expMonth = 0;
    int expYear = 0;
    QString cvc;
};

// The card rules of the contract (§2).
class CardPolicy {
public:
    // The brands the contract supports at all, by id.
    static QStringList supportedBrandIds();

    // Removes spaces and dashes; any other character is kept (and makes the number invalid).
    static QString normalizedNumber(const QString &number);
    // Brand by IIN range: Mir 2200–2204, Visa 4, Mastercard 51–55 and 2221–2720, UnionPay 62,
    // Amex 34/37, JCB 3528–3589, Maestro 50/56–58/6304/6759..., Diners 36/38/300–305, Discover
    // 6011/65/644–649.
    static CardBrand detectBrand(const QString &digits);
    static bool luhnValid(const QString &digits);
    // Whether the digit count fits the brand (13–19 overall; 16 for Mir, 16–19 UnionPay, ...).
    static bool lengthValid(CardBrand brand, const QString &digits);

    // The contract's error for a number in a region that takes regionBrandIds (none when accepted):
    // InvalidCard (not 13–19 digits, bad Luhn, wrong length) or UnsupportedCardBrand.
    static std::optional<ErrorCode> numberProblem(const QString &number, const QStringList &regionBrandIds);
    // None when the card is valid through the last day of month/year (UTC) relative to todayUtc;
    // ExpiredCard when that day has passed; InvalidCard for a month outside 1–12, a year that is
    // not four digits, or an expiry more than 20 years ahead.
    static std::optional<ErrorCode> expiryProblem(int month, int year, const QDate &todayUtc);
    // "08/29" (or "0829") -> August 2029: cards print two-digit years, all in this century.
    // Anything else (one-digit parts, letters, a missing part) gives an invalid CardExpiry; the
    // month's range is expiryProblem's business.
    static CardExpiry parseExpiry(const QString &text);
    static bool cvcValid(const QString &cvc);

    // "2200 0000 0000 0004" from any input (groups of four; Amex 4-6-5), at most 19 digits.
    static QString formatAsTyped(const QString &input);
    // "•••• 0004".
    static QString masked(const QString &last4);

    // Autopayment needs a linked card, a region that offers it (not kz-ast) and a card brand
    // that supports it (not UnionPay). The wizard explains it; the server refuses with 409.
    static AutopaymentBlock autopaymentBlock(const Region *region, bool cardLinked, CardBrand brand);
};

} // namespace signup
