// Joining a project by invitation (contract 1.1, §5): the invitation itself, accepting it with a new
// account or a signed-in one, memberships, and the sandbox route that stands in for the console's
// "invite a person" dialog.
#include "sandbox/sandboxserver.h"

#include "sandbox/pages.h"
#include "sandbox/sandboxutil.h"

#include <QJsonArray>

namespace signup {

namespace {

QString invitationTokenHash(const QString &token) {
    return sha256Hex(token.toUtf8());
}

} // namespace

QString SandboxServer::invitationCaller(const ExchangePtr &ex) {
    // Per account when signed in, otherwise per invited address (the email of POST /accounts).
    if (!ex->accountId.isEmpty())
        return QStringLiteral("account:") + ex->accountId;
    const QString tokenHash = invitationTokenHash(ex->pathArguments.value(0));
    if (const auto invitation = m_store->invitation(tokenHash))
        return QStringLiteral("email:") + invitation->emailKey;
    return QStringLiteral("invitation:") + tokenHash;
}

void SandboxServer::getInvitation(const ExchangePtr &ex) {
    const auto result = m_service->pendingInvitation(ex->pathArguments.value(0));
    if (!result.ok())
        return fail(ex, *result.error);
    const InvitationRecord &invitation = result.value;
    const QJsonObject body{
        {QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), invitation.projectId},
                                                {QStringLiteral("name"), invitation.projectName}}},
        {QStringLiteral("roles"), QJsonArray::fromStringList(invitation.roles)},
        {QStringLiteral("email"), invitation.email},
        {QStringLiteral("invited_by"), maskedEmail(invitation.invitedBy)},
        {QStringLiteral("expires_at"), toRfc3339(invitation.expiresAt)},
        {QStringLiteral("account_exists"), m_service->accountExists(invitation.emailKey)},
        {QStringLiteral("status"), QStringLiteral("pending")}};
    replyJson(ex, 200, QJsonObject{{QStringLiteral("invitation"), body}});
}

void SandboxServer::postInvitationAccept(const ExchangePtr &ex) {
    const QString token = ex->pathArguments.value(0);
    if (!ex->accountId.isEmpty()) {
        const auto result = m_service->acceptInvitation(ex->accountId, token);
        if (!result.ok())
            return fail(ex, *result.error);
        replyJson(ex, 200, registrationJson(result.value));
        return;
    }
    QString password;
    if (!readString(ex, QStringLiteral("password"), &password))
        return;
    std::optional<Language> language; // nullopt: the invitation's
    if (!readLanguage(ex, &language))
        return;
    m_service->acceptInvitationWithNewAccount(token, password, language, ex->remoteAddress.toString(),
                                              [this, ex](const ServiceResult<SessionGrant> &result) {
                                                  if (!result.ok())
                                                      return fail(ex, *result.error);
                                                  ex->accountId = result.value.account.id;
                                                  replyJson(ex, 201, sessionJson(result.value));
                                              });
}

void SandboxServer::postSandboxInvitation(const ExchangePtr &ex) {
    QString email;
    if (!readString(ex, QStringLiteral("email"), &email))
        return;
    const QJsonValue rolesValue = ex->json.value(QStringLiteral("roles"));
    QStringList roles;
    bool rolesOk = rolesValue.isArray() && !rolesValue.toArray().isEmpty();
    for (const QJsonValue &role : rolesValue.toArray()) {
        rolesOk = rolesOk && role.isString() && !role.toString().isEmpty();
        roles.append(role.toString());
    }
    if (!rolesOk) {
        fail(ex, 400, ErrorCode::MalformedRequest,
             QStringLiteral("roles must be a non-empty list of role ids"), QStringLiteral("roles"));
        return;
    }
    const QJsonValue nameValue = ex->json.value(QStringLiteral("project_name"));
    if (!nameValue.isUndefined() && !nameValue.isNull() && !nameValue.isString()) {
        fail(ex, 400, ErrorCode::MalformedRequest, QStringLiteral("project_name must be a string"),
             QStringLiteral("project_name"));
        return;
    }
    NewInvitation input;
    if (!readLanguage(ex, &input.language))
        return;
    input.email = email;
    input.roles = roles;
    input.projectName = nameValue.toString();
    const auto result = m_service->createInvitation(input);
    if (!result.ok())
        return fail(ex, *result.error);
    const InvitationRecord &invitation = result.value.invitation;
    replyJson(
        ex, 201,
        QJsonObject{{QStringLiteral("invitation"),
                     QJsonObject{{QStringLiteral("url"),
                                  m_baseUrl.toString() + QStringLiteral("/invite/") + result.value.token},
                                 {QStringLiteral("expires_at"), toRfc3339(invitation.expiresAt)},
                                 {QStringLiteral("project"),
                                  QJsonObject{{QStringLiteral("id"), invitation.projectId},
                                              {QStringLiteral("name"), invitation.projectName}}}}}});
}

void SandboxServer::getInvitePage(const ExchangePtr &ex) {
    // In production the web console serves this address; the sandbox stands in for it.
    if (!m_options.sandboxRoutes) {
        fail(ex, 404, ErrorCode::NotFound,
             QStringLiteral("No such path: %1").arg(pathWithoutSecrets(ex->path)));
        return;
    }
    const auto invitation = m_store->invitation(invitationTokenHash(ex->pathArguments.value(0)));
    const bool valid = invitation && !invitation->usedAt.isValid() && invitation->expiresAt > m_clock.now();
    replyHtml(ex, valid ? 200 : 404,
              invitePage(invitation ? invitation->language : Language::English,
                         invitation ? invitation->projectName : QString(), valid));
}

} // namespace signup
