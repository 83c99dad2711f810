#include "api/apitypes.h"

#include <QJsonArray>

namespace signup {

QJsonObject SandboxFault::toJson() const {
    QJsonObject o{{QStringLiteral("path"), path}, {QStringLiteral("count"), count}};
    if (!method.isEmpty())
        o.insert(QStringLiteral("method"), method);
    if (status)
        o.insert(QStringLiteral("status"), status);
    if (delayMs)
        o.insert(QStringLiteral("delay_ms"), delayMs);
    if (drop)
        o.insert(QStringLiteral("drop"), true);
    if (malformed)
        o.insert(QStringLiteral("malformed"), true);
    if (retryAfterSeconds >= 0)
        o.insert(QStringLiteral("retry_after"), retryAfterSeconds);
    return o;
}

Region regionFromJson(const QJsonObject &o) {
    Region r;
    r.id = o.value(QLatin1String("id")).toString();
    r.name = o.value(QLatin1String("name")).toString();
    for (const QJsonValue &v : o.value(QLatin1String("phone_regions")).toArray())
        r.phoneRegions << v.toString();
    r.currency = o.value(QLatin1String("currency")).toString();
    r.cardTestAmount = Money::fromJson(o.value(QLatin1String("card_test_amount")));
    for (const QJsonValue &v : o.value(QLatin1String("card_brands")).toArray())
        r.cardBrands << v.toString();
    r.signupBonus = Money::fromJson(o.value(QLatin1String("signup_bonus")));
    // Not on the wire: the rest comes from the client's own copy of the region's rules.
    if (const Region *known = Regions::find(r.id)) {
        r.autopaymentAvailable = known->autopaymentAvailable;
        r.autopaymentMinAmount = known->autopaymentMinAmount;
        r.autopaymentMaxAmount = known->autopaymentMaxAmount;
        r.autopaymentMaxThreshold = known->autopaymentMaxThreshold;
    }
    return r;
}

OutboxMessage outboxMessageFromJson(const QJsonObject &o) {
    OutboxMessage m;
    m.id = o.value(QLatin1String("id")).toString();
    m.to = o.value(QLatin1String("to")).toString();
    m.subject = o.value(QLatin1String("subject")).toString();
    m.text = o.value(QLatin1String("text")).toString();
    m.confirmUrl = o.value(QLatin1String("confirm_url")).toString();
    m.sentAt = fromRfc3339(o.value(QLatin1String("sent_at")).toString());
    return m;
}

} // namespace signup
