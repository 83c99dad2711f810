#include "api/sandboxtoolsclient.h"

#include "api/typedcall.h"

#include <QJsonArray>
#include <QUrl>

namespace signup {

using namespace typedcall;

SandboxToolsClient::SandboxToolsClient(RegistrationClient *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport) {
    Q_ASSERT(transport);
}

ApiCall *SandboxToolsClient::info(QObject *context, Done<SandboxInfo> done) {
    ApiCall::Spec spec = makeSpec("GET", QStringLiteral("/sandbox/v1/info"));
    spec.maxAttempts = 1; // a quick question at start: no answer means "not known to be a sandbox"
    return deliver<SandboxInfo>(m_transport->send(spec), context, std::move(done),
                                [](const QJsonObject &o, SandboxInfo *out, QString *problem) {
                                    if (!o.value(QLatin1String("sandbox")).isBool()) {
                                        *problem =
                                            QStringLiteral("the answer does not say whether it is a sandbox");
                                        return false;
                                    }
                                    out->sandbox = o.value(QLatin1String("sandbox")).toBool();
                                    out->version = o.value(QLatin1String("version")).toString();
                                    return true;
                                });
}

ApiCall *SandboxToolsClient::invite(const SandboxInvitationRequest &request, QObject *context,
                                    Done<SandboxInvitation> done) {
    ApiCall::Spec spec = makeSpec("POST", QStringLiteral("/sandbox/v1/invitations"));
    QJsonObject body{{QStringLiteral("email"), request.email},
                     {QStringLiteral("roles"), QJsonArray::fromStringList(request.roles)}};
    if (!request.projectName.isEmpty())
        body.insert(QStringLiteral("project_name"), request.projectName);
    if (!request.language.isEmpty())
        body.insert(QStringLiteral("language"), request.language);
    spec.body = toBody(body);
    return deliver<SandboxInvitation>(
        m_transport->send(spec), context, std::move(done),
        [](const QJsonObject &o, SandboxInvitation *out, QString *problem) {
            const QJsonObject invitation = o.value(QLatin1String("invitation")).toObject();
            out->url = QUrl(invitation.value(QLatin1String("url")).toString());
            out->token = RegistrationClient::invitationTokenFromUrl(out->url);
            out->expiresAt = fromRfc3339(invitation.value(QLatin1String("expires_at")).toString());
            const QJsonObject project = invitation.value(QLatin1String("project")).toObject();
            out->project = ProjectState{project.value(QLatin1String("id")).toString(),
                                        project.value(QLatin1String("name")).toString()};
            if (out->token.isEmpty()) {
                *problem = QStringLiteral("the answer has no invitation url");
                return false;
            }
            return true;
        });
}

ApiCall *SandboxToolsClient::outbox(const QString &to, QObject *context, Done<QList<OutboxMessage>> done) {
    ApiCall::Spec spec = makeSpec("GET", QStringLiteral("/sandbox/v1/outbox"));
    if (!to.isEmpty())
        spec.query.addQueryItem(QStringLiteral("to"), QString::fromLatin1(QUrl::toPercentEncoding(to)));
    return deliver<QList<OutboxMessage>>(
        m_transport->send(spec), context, std::move(done),
        [](const QJsonObject &o, QList<OutboxMessage> *out, QString *problem) {
            if (!o.value(QLatin1String("messages")).isArray()) {
                *problem = QStringLiteral("the answer has no messages list");
                return false;
            }
            for (const QJsonValue &v : o.value(QLatin1String("messages")).toArray())
                out->append(outboxMessageFromJson(v.toObject()));
            return true;
        });
}

ApiCall *SandboxToolsClient::call(const QString &from, const QString &to, QObject *context,
                                  Done<SandboxCall> done) {
    ApiCall::Spec spec = makeSpec("POST", QStringLiteral("/sandbox/v1/calls"));
    spec.body = toBody({{QStringLiteral("from"), from}, {QStringLiteral("to"), to}});
    return deliver<SandboxCall>(m_transport->send(spec), context, std::move(done),
                                [](const QJsonObject &o, SandboxCall *out, QString *) {
                                    out->callId = o.value(QLatin1String("call_id")).toString();
                                    out->robotSays = o.value(QLatin1String("robot_says")).toString();
                                    out->result = o.value(QLatin1String("result")).toString();
                                    return true;
                                });
}

ApiCall *SandboxToolsClient::dtmf(const QString &callId, const QString &digits, QObject *context,
                                  Done<KeyedDigitsResult> done) {
    ApiCall::Spec spec = makeSpec("POST", QStringLiteral("/sandbox/v1/calls/%1/dtmf").arg(callId));
    spec.body = toBody({{QStringLiteral("digits"), digits}});
    return deliver<KeyedDigitsResult>(m_transport->send(spec), context, std::move(done),
                                      [](const QJsonObject &o, KeyedDigitsResult *out, QString *error) {
                                          *out = keyedDigitsResultFromWire(
                                              o.value(QLatin1String("result")).toString());
                                          if (*out == KeyedDigitsResult::Unknown)
                                              *error = QStringLiteral("unknown result of keyed digits");
                                          return *out != KeyedDigitsResult::Unknown;
                                      });
}

ApiCall *SandboxToolsClient::decide3ds(const QString &id, bool approve, QObject *context,
                                       Done<CardState> done) {
    ApiCall::Spec spec = makeSpec("POST", QStringLiteral("/sandbox/v1/3ds/%1").arg(id));
    spec.body = toBody(
        {{QStringLiteral("decision"), approve ? QStringLiteral("approve") : QStringLiteral("decline")}});
    return deliver<CardState>(m_transport->send(spec), context, std::move(done), parseCard);
}

ApiCall *SandboxToolsClient::addFault(const SandboxFault &fault, QObject *context, Done<QJsonObject> done) {
    ApiCall::Spec spec = makeSpec("POST", QStringLiteral("/sandbox/v1/faults"));
    spec.body = toBody(fault.toJson());
    return deliver<QJsonObject>(m_transport->send(spec), context, std::move(done),
                                [](const QJsonObject &o, QJsonObject *out, QString *) {
                                    *out = o.value(QLatin1String("fault")).toObject();
                                    return true;
                                });
}

ApiCall *SandboxToolsClient::clearFaults(QObject *context, Done<NoContent> done) {
    ApiCall::Spec spec = makeSpec("DELETE", QStringLiteral("/sandbox/v1/faults"));
    return deliver<NoContent>(m_transport->send(spec), context, std::move(done), parseNothing);
}

} // namespace signup
