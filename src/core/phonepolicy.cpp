#include "core/phonepolicy.h"

#include <phonenumbers/asyoutypeformatter.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <QHash>

#include <algorithm>

namespace signup {

using i18n::phonenumbers::AsYouTypeFormatter;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

std::string toStd(const QString &text) {
    return text.toStdString();
}

QString fromStd(const std::string &text) {
    return QString::fromStdString(text);
}

} // namespace

PhoneNumberInfo PhonePolicy::parse(const QString &input, const QString &defaultRegion) {
    PhoneNumberInfo info;
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    const QString trimmed = input.trimmed();
    if (trimmed.isEmpty())
        return info;
    if (util->Parse(toStd(trimmed), toStd(defaultRegion.toUpper()), &number) !=
        PhoneNumberUtil::NO_PARSING_ERROR)
        return info;
    info.parsed = true;
    info.valid = util->IsValidNumber(number);
    std::string text;
    util->Format(number, PhoneNumberUtil::E164, &text);
    info.e164 = fromStd(text);
    text.clear();
    util->Format(number, PhoneNumberUtil::INTERNATIONAL, &text);
    info.international = fromStd(text);
    text.clear();
    util->GetRegionCodeForNumber(number, &text);
    // libphonenumber answers "ZZ" for an unknown region.
    info.regionCode = text == "ZZ" ? QString() : fromStd(text);
    return info;
}

std::optional<ErrorCode> PhonePolicy::problem(const QString &input, const QStringList &allowedPhoneRegions) {
    const PhoneNumberInfo info = parse(input);
    if (!info.parsed || !info.valid)
        return ErrorCode::InvalidPhone;
    // Kazakhstan shares the +7 country code with Russia: only the number's region tells them apart.
    if (!allowedPhoneRegions.isEmpty() && !allowedPhoneRegions.contains(info.regionCode))
        return ErrorCode::PhoneRegionNotAllowed;
    return std::nullopt;
}

QString PhonePolicy::masked(const QString &e164) {
    const PhoneNumberInfo info = parse(e164);
    QString text = info.parsed ? info.international : e164.trimmed();
    // Keep the country code and the first group of the national number. Groups are separated by
    // spaces in some countries and dashes in others ("+1 650-253-0000"), and some write the whole
    // national number as one group: then only its first three digits are kept.
    qsizetype start = 0;
    if (info.parsed) {
        const qsizetype firstSpace = text.indexOf(u' ');
        const qsizetype national = firstSpace < 0 ? text.size() : firstSpace + 1;
        start = national;
        while (start < text.size() && text[start].isDigit())
            ++start;
        const auto digitsFrom = [&text](qsizetype from) {
            return std::count_if(text.cbegin() + from, text.cend(), [](QChar c) { return c.isDigit(); });
        };
        if (digitsFrom(start) < 4) {
            start = national;
            for (int kept = 0; start < text.size() && kept < 3; ++start)
                kept += text[start].isDigit() ? 1 : 0;
        }
    } else {
        start = std::min<qsizetype>(text.size(), 4);
    }
    qsizetype digitsAfter = 0;
    for (qsizetype i = start; i < text.size(); ++i) {
        if (text[i].isDigit())
            ++digitsAfter;
    }
    qsizetype toHide = digitsAfter - 2;
    for (qsizetype i = start; i < text.size() && toHide > 0; ++i) {
        if (text[i].isDigit()) {
            text[i] = u'*';
            --toHide;
        }
    }
    return text;
}

QString PhonePolicy::countryName(const QString &regionCode) {
    static const QHash<QString, QString> names = {
        {QStringLiteral("RU"), QStringLiteral("Russia")},
        {QStringLiteral("KZ"), QStringLiteral("Kazakhstan")},
        {QStringLiteral("BY"), QStringLiteral("Belarus")},
        {QStringLiteral("UZ"), QStringLiteral("Uzbekistan")},
        {QStringLiteral("AM"), QStringLiteral("Armenia")},
        {QStringLiteral("KG"), QStringLiteral("Kyrgyzstan")},
        {QStringLiteral("TJ"), QStringLiteral("Tajikistan")},
        {QStringLiteral("TM"), QStringLiteral("Turkmenistan")},
        {QStringLiteral("GE"), QStringLiteral("Georgia")},
        {QStringLiteral("AZ"), QStringLiteral("Azerbaijan")},
        {QStringLiteral("MD"), QStringLiteral("Moldova")},
        {QStringLiteral("UA"), QStringLiteral("Ukraine")},
        {QStringLiteral("MN"), QStringLiteral("Mongolia")},
        {QStringLiteral("CN"), QStringLiteral("China")},
        {QStringLiteral("TR"), QStringLiteral("Turkey")},
        {QStringLiteral("AE"), QStringLiteral("United Arab Emirates")},
        {QStringLiteral("IN"), QStringLiteral("India")},
        {QStringLiteral("IL"), QStringLiteral("Israel")},
        {QStringLiteral("US"), QStringLiteral("United States")},
        {QStringLiteral("CA"), QStringLiteral("Canada")},
        {QStringLiteral("GB"), QStringLiteral("United Kingdom")},
        {QStringLiteral("DE"), QStringLiteral("Germany")},
        {QStringLiteral("FR"), QStringLiteral("France")},
        {QStringLiteral("IT"), QStringLiteral("Italy")},
        {QStringLiteral("ES"), QStringLiteral("Spain")},
        {QStringLiteral("NL"), QStringLiteral("Netherlands")},
        {QStringLiteral("PL"), QStringLiteral("Poland")},
        {QStringLiteral("FI"), QStringLiteral("Finland")},
        {QStringLiteral("EE"), QStringLiteral("Estonia")},
        {QStringLiteral("LV"), QStringLiteral("Latvia")},
        {QStringLiteral("LT"), QStringLiteral("Lithuania")},
        {QStringLiteral("RS"), QStringLiteral("Serbia")},
        {QStringLiteral("TH"), QStringLiteral("Thailand")},
        {QStringLiteral("VN"), QStringLiteral("Vietnam")},
    };
    return names.value(regionCode.toUpper());
}

struct PhoneAsYouTypeFormatter::Private {
    std::unique_ptr<AsYouTypeFormatter> formatter;
    std::string region;
};

PhoneAsYouTypeFormatter::PhoneAsYouTypeFormatter(const QString &defaultRegion)
    : d(std::make_unique<Private>()) {
    // libphonenumber loads its metadata on first use (about 20 ms): not while the wizard's window is
    // built, but when the first number is typed.
    d->region = toStd(defaultRegion.toUpper());
}

PhoneAsYouTypeFormatter::~PhoneAsYouTypeFormatter() = default;

QString PhoneAsYouTypeFormatter::format(const QString &input) {
    // The formatter is fed one character at a time; re-feeding the whole input keeps it right after
    // edits in the middle of the field.
    if (!d->formatter)
        d->formatter.reset(PhoneNumberUtil::GetInstance()->GetAsYouTypeFormatter(d->region));
    d->formatter->Clear();
    std::string result;
    bool first = true;
    for (QChar c : input) {
        const bool plus = c == u'+' && first;
        if (!plus && !(c.unicode() >= '0' && c.unicode() <= '9'))
            continue;
        first = false;
        d->formatter->InputDigit(char(c.unicode()), &result);
    }
    return fromStd(result);
}

} // namespace signup
