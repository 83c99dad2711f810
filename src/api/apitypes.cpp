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
    m.inviteUrl = o.value(QLatin1String("invite_url")).toString();
    m.sentAt = fromRfc3339(o.value(QLatin1String("sent_at")).toString());
    return m;
}

Invitation invitationFromJson(const QJsonObject &o) {
    Invitation i;
    const QJsonObject project = o.value(QLatin1String("project")).toObject();
    i.project = ProjectState{project.value(QLatin1String("id")).toString(),
                             project.value(QLatin1String("name")).toString()};
    for (const QJsonValue &v : o.value(QLatin1String("roles")).toArray())
        i.roles << v.toString();
    i.email = o.value(QLatin1String("email")).toString();
    i.invitedBy = o.value(QLatin1String("invited_by")).toString();
    i.expiresAt = fromRfc3339(o.value(QLatin1String("expires_at")).toString());
    i.accountExists = o.value(QLatin1String("account_exists")).toBool();
    i.status = o.value(QLatin1String("status")).toString();
    return i;
}

SupportEvent supportEventFromJson(const QJsonObject &o) {
    SupportEvent e;
    e.at = fromRfc3339(o.value(QLatin1String("at")).toString());
    e.requestId = o.value(QLatin1String("request_id")).toString();
    e.method = o.value(QLatin1String("method")).toString();
    e.route = o.value(QLatin1String("route")).toString();
    e.status = o.value(QLatin1String("status")).toInt();
    e.errorCode = o.value(QLatin1String("error_code")).toString();
    return e;
}

} // namespace signup
