#include "core/region.h"

#include <QJsonArray>
#include <QJsonValue>

namespace signup {

QString Money::displayNumber(const QLocale &locale) const {
    bool ok = false;
    const qint64 minor = minorUnits(&ok);
    if (!ok)
        return value;
    const qint64 magnitude = minor < 0 ? -minor : minor;
    QString text = locale.toString(magnitude / 100);
    if (magnitude % 100 != 0)
        text += locale.decimalPoint() + QStringLiteral("%1").arg(magnitude % 100, 2, 10, QLatin1Char('0'));
    return minor < 0 ? locale.negativeSign() + text : text;
}

qint64 Money::minorUnits(bool *ok) const {
    // "500", "500.5", "500.00", "-1.00": digits, at most two decimals; never through a float.
    auto fail = [ok]() -> qint64 {
        if (ok)
            *ok = false;
        return 0;
    };
    QStringView text(value);
    bool negative = false;
    if (text.startsWith(u'-')) {
        negative = true;
        text = text.mid(1);
    }
    const qsizetype dot = text.indexOf(u'.');
    const QStringView whole = dot < 0 ? text : text.left(dot);
    const QStringView fraction = dot < 0 ? QStringView() : text.mid(dot + 1);
    if (whole.isEmpty() || whole.size() > 15 || (dot >= 0 && (fraction.isEmpty() || fraction.size() > 2)))
        return fail();
    qint64 result = 0;
    for (QChar c : whole) {
        if (c.unicode() < '0' || c.unicode() > '9')
            return fail();
        result = result * 10 + (c.unicode() - '0');
    }
    int cents = 0;
    for (qsizetype i = 0; i < 2; ++i) {
        int digit = 0;
        if (i < fraction.size()) {
            const char16_t c = fraction[i].unicode();
            if (c < '0' || c > '9')
                return fail();
            digit = c - '0';
        }
        cents = cents * 10 + digit;
    }
    if (ok)
        *ok = true;
    result = result * 100 + cents;
    return negative ? -result : result;
}

Money Money::fromMinorUnits(qint64 minor, const QString &currency) {
    const bool negative = minor < 0;
    const quint64 magnitude = negative ? quint64(0) - quint64(minor) : quint64(minor);
    const QString value = (negative ? QStringLiteral("-") : QString()) + QString::number(magnitude / 100) +
                          u'.' + QStringLiteral("%1").arg(magnitude % 100, 2, 10, QLatin1Char('0'));
    return {value, currency};
}

QJsonObject Money::toJson() const {
    return {{QStringLiteral("value"), value}, {QStringLiteral("currency"), currency}};
}

Money Money::fromJson(const QJsonValue &json) {
    if (!json.isObject())
        return {};
    const QJsonObject o = json.toObject();
    const QJsonValue v = o.value(QStringLiteral("value"));
    const QJsonValue c = o.value(QStringLiteral("currency"));
    if (!v.isString() || !c.isString())
        return {};
    return {v.toString(), c.toString()};
}

QJsonObject Region::toJson() const {
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("phone_regions"), QJsonArray::fromStringList(phoneRegions)},
        {QStringLiteral("currency"), currency},
        {QStringLiteral("card_test_amount"), cardTestAmount.toJson()},
        {QStringLiteral("card_brands"), QJsonArray::fromStringList(cardBrands)},
        {QStringLiteral("signup_bonus"), signupBonus.toJson()},
    };
}

QString wireName(RegionId id) {
    switch (id) {
    case RegionId::Moscow:
        return QStringLiteral("ru-msk");
    case RegionId::Kazakhstan:
        return QStringLiteral("kz-ast");
    case RegionId::Unknown:
        break;
    }
    return {};
}

RegionId regionIdFromWire(QStringView id) {
    for (RegionId region : {RegionId::Moscow, RegionId::Kazakhstan})
        if (!id.isEmpty() && wireName(region) == id)
            return region;
    return RegionId::Unknown;
}

const QList<Region> &Regions::all() {
    static const QList<Region> regions = [] {
        Region moscow;
        moscow.id = wireName(RegionId::Moscow);
        moscow.name = QStringLiteral("Moscow");
        moscow.phoneRegions = {QStringLiteral("RU")};
        moscow.currency = QStringLiteral("RUB");
        moscow.cardTestAmount = {QStringLiteral("500.00"), moscow.currency};
        moscow.cardBrands = {QStringLiteral("mir"), QStringLiteral("visa"), QStringLiteral("mastercard"),
                             QStringLiteral("unionpay")};
        moscow.signupBonus = {QStringLiteral("5000.00"), moscow.currency};
        moscow.autopaymentAvailable = true;
        moscow.autopaymentMinAmount = {QStringLiteral("100.00"), moscow.currency};
        moscow.autopaymentMaxAmount = {QStringLiteral("10000.00"), moscow.currency};
        moscow.autopaymentMaxThreshold = {QStringLiteral("9999999.00"), moscow.currency};

        Region kazakhstan;
        kazakhstan.id = wireName(RegionId::Kazakhstan);
        kazakhstan.name = QStringLiteral("Kazakhstan");
        kazakhstan.currency = QStringLiteral("KZT");
        kazakhstan.cardTestAmount = {QStringLiteral("3000.00"), kazakhstan.currency};
        kazakhstan.cardBrands = {QStringLiteral("visa"), QStringLiteral("mastercard")};
        kazakhstan.signupBonus = {QStringLiteral("24000.00"), kazakhstan.currency};
        kazakhstan.autopaymentAvailable = false;
        return QList<Region>{moscow, kazakhstan};
    }();
    return regions;
}

const Region *Regions::find(const QString &id) {
    for (const Region &region : all()) {
        if (region.id == id)
            return &region;
    }
    return nullptr;
}

const Region *Regions::find(RegionId id) {
    return id == RegionId::Unknown ? nullptr : find(wireName(id));
}

} // namespace signup
