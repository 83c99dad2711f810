#pragma once

#include <QJsonObject>
#include <QList>
#include <QLocale>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace signup {

// Money as the contract sends it: a decimal string and a currency, never a float.
struct Money {
    QString value;    // "500.00"
    QString currency; // "RUB"

    bool isNull() const { return value.isEmpty(); }
    // Amount in minor units (kopecks); parsing "500.00" gives 50000. ok=false for a bad string.
    qint64 minorUnits(bool *ok = nullptr) const;
    // The number as people write it in `locale`: grouped ("1 234" in Russian, with a no-break
    // space), with the kopecks only when there are some ("500", "1 234,50"). The value as is if
    // it does not parse.
    QString displayNumber(const QLocale &locale) const;
    static Money fromMinorUnits(qint64 minor, const QString &currency);
    QJsonObject toJson() const;
    static Money fromJson(const QJsonValue &value); // null Money for JSON null / wrong shape
    friend bool operator==(const Money &a, const Money &b) = default;
};

// The sign-up regions of the contract, typed; the wire ids are converted here and nowhere else.
// Unknown is what an id this build does not know reads as (and what is never written).
enum class RegionId { Unknown, Moscow, Kazakhstan };
QString wireName(RegionId id); // "ru-msk" | "kz-ast"
RegionId regionIdFromWire(QStringView id);

// A sign-up region of the contract: ru-msk (Moscow) or kz-ast (Kazakhstan).
struct Region {
    QString id;                        // "ru-msk"
    QString name;                      // "Moscow" (English; the UI translates by id)
    QStringList phoneRegions;          // {"RU"}, or empty = any valid number
    QString currency;                  // "RUB"
    Money cardTestAmount;              // 500.00 RUB
    QStringList cardBrands;            // {"mir", "visa", "mastercard", "unionpay"}
    Money signupBonus;                 // 5000.00 RUB
    bool autopaymentAvailable = false; // false for kz-ast
    Money autopaymentMinAmount;        // 100.00 RUB
    Money autopaymentMaxAmount;        // 10000.00 RUB
    Money autopaymentMaxThreshold;     // 9999999.00

    RegionId typedId() const { return regionIdFromWire(id); }
    QJsonObject toJson() const; // the contract's GET /regions entry
};

class Regions {
public:
    static const QList<Region> &all();
    static const Region *find(const QString &id); // nullptr for an unknown id
    static const Region *find(RegionId id);
};

} // namespace signup
