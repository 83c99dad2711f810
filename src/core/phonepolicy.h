#pragma once

#include "core/errorcode.h"

#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace signup {

struct PhoneNumberInfo {
    bool parsed = false;   // libphonenumber could read it as a number at all
    bool valid = false;    // a valid number for its region
    QString e164;          // "+79123456789" when parsed
    QString international; // "+7 912 345-67-89" when parsed
    QString regionCode;    // ISO 3166 region of the number ("RU", "KZ"), empty if unknown
};

// Phone numbers through libphonenumber (the real library).
class PhonePolicy {
public:
    // Parses a number typed by a user. Input without a leading '+' is read for defaultRegion.
    static PhoneNumberInfo parse(const QString &input, const QString &defaultRegion = QStringLiteral("RU"));

    // The contract's error for this number in a sign-up region (none when accepted): InvalidPhone,
    // or PhoneRegionNotAllowed when the region's phone_regions does not list the number's region.
    // An empty allowedPhoneRegions list allows every valid number.
    static std::optional<ErrorCode> problem(const QString &input, const QStringList &allowedPhoneRegions);

    // "+7 912 ***-**-89": the international form with every digit but the country code, the first
    // group and the last two replaced by '*'.
    static QString masked(const QString &e164);

    // The country's name in English for a region code ("RU" -> "Russia"), empty if unknown.
    static QString countryName(const QString &regionCode);
};

// Formats a phone number as the user types it (libphonenumber's AsYouTypeFormatter).
class PhoneAsYouTypeFormatter {
public:
    explicit PhoneAsYouTypeFormatter(const QString &defaultRegion = QStringLiteral("RU"));
    ~PhoneAsYouTypeFormatter();
    PhoneAsYouTypeFormatter(const PhoneAsYouTypeFormatter &) = delete;
    PhoneAsYouTypeFormatter &operator=(const PhoneAsYouTypeFormatter &) = delete;

    // The formatted form of the whole input (digits and a leading '+' are kept, the rest ignored).
    QString format(const QString &input);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace signup
