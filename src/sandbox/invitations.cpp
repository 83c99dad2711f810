// Joining a project by invitation (contract 1.1, §5): the invitation itself, accepting it with a new
// account or a signed-in one, memberships, and the sandbox route that stands in for the console's
// "invite a person" dialog.
#include "sandbox/sandboxserver.h"

#include "core/emailpolicy.h"
#include "core/passwordpolicy.h"
#include "core/region.h"
#include "sandbox/pages.h"
#include "sandbox/sandboxutil.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QPasswordDigestor>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace signup {

namespace {

constexpr int SessionLifetimeDays = 30;
// The sandbox has no real project owner: every invitation comes from this address.
const char SandboxInviter[] = "owner@example.com";
// Members join projects of this region (the sandbox's invitations carry no region of their own).
const char InvitedAccountRegion[] = "ru-msk";

// How people read a role id; unknown ids are shown as they are (§5).
QString roleWords(const QString &role, bool russian) {
    struct Words {
        const char *id;
        const char *en;
        const char *ru;
    };
    static const Words words[] = {
        {"project_admin", "project administrator", "администратор проекта"},
        {"member", "member", "участник проекта"},
        {"viewer", "viewer", "наблюдатель"},
        {"billing_admin", "billing administrator", "администратор биллинга"},
        {"network_admin", "network administrator", "администратор сети"},
    };
    for (const Words &w : words)
        if (role == QLatin1String(w.id))
            return russian ? QString::fromUtf8(w.ru) : QString::fromUtf8(w.en);
    return role;
}

QString invitationTokenHash(const QString &token) {
    return sha256Hex(token.toUtf8());
}

} // namespace

void SandboxServer::addFeatureRoutes() {
    auto add = [this](const char *method, const char *path, Handler handler, bool auth, bool json,
                      Caller caller) {
        Route r;
        r.method = method;
        r.segments = QString::fromLatin1(path).split(u'/', Qt::SkipEmptyParts);
        r.handler = handler;
        r.authenticated = auth;
        r.jsonBody = json;
        r.caller = caller;
        m_routes.append(r);
    };
    add("GET", "/api/v1/invitations/{}", &SandboxServer::getInvitation, false, false, Caller::None);
    add("POST", "/api/v1/invitations/{}/accept", &SandboxServer::postInvitationAccept, false, true,
        Caller::Invitation);
    m_routes.last().optionalAuth = true;
    add("POST", "/api/v1/registration/support-code", &SandboxServer::postSupportCode, true, false,
        Caller::Account);
    add("DELETE", "/api/v1/registration/support-code", &SandboxServer::deleteSupportCode, true, false,
        Caller::Account);
    add("GET", "/api/v1/support/registrations/{}", &SandboxServer::getSupportRegistration, false, false,
        Caller::None);
    add("GET", "/sandbox/v1/info", &SandboxServer::getSandboxInfo, false, false, Caller::None);
    add("POST", "/sandbox/v1/invitations", &SandboxServer::postSandboxInvitation, false, true,
        Caller::EmailInBody);
    add("GET", "/invite/{}", &SandboxServer::getInvitePage, false, false, Caller::None);
}

QString SandboxServer::invitationCaller(const ExchangePtr &ex) {
    // Per account when signed in, otherwise per invited address (the email of POST /accounts).
    if (!ex->accountId.isEmpty())
        return QStringLiteral("account:") + ex->accountId;
    const QString tokenHash = invitationTokenHash(ex->pathArguments.value(0));
    if (const auto invitation = m_store->invitation(tokenHash))
        return QStringLiteral("email:") + invitation->emailKey;
    return QStringLiteral("invitation:") + tokenHash;
}

bool SandboxServer::sendInvitationEmail(const InvitationRecord &invitation, const QString &token) {
    const bool russian = invitation.language == QLatin1String("ru");
    const QString invitePath = QStringLiteral("/invite/") + token;
    const QString link = QStringLiteral("{base_url}") + invitePath;
    QStringList roles;
    for (const QString &role : invitation.roles)
        roles.append(roleWords(role, russian));
    const QString text =
        russian
            ? QStringLiteral("Здравствуйте!\n\n%1 приглашает вас в проект «%2» в VK Cloud. %5: %3.\n\n"
                             "Чтобы принять приглашение, откройте ссылку в мастере регистрации VK Cloud:\n\n"
                             "%4\n\nЕсли у вас ещё нет аккаунта, достаточно придумать пароль. Ссылка "
                             "действует 24 часа. Если вы не ждали приглашения, просто удалите это письмо.\n\n"
                             "Команда VK Cloud\n")
                  .arg(invitation.invitedBy, invitation.projectName, roles.join(QStringLiteral(", ")), link,
                       roles.size() > 1 ? QStringLiteral("Ваши роли") : QStringLiteral("Ваша роль"))
            : QStringLiteral("Hello,\n\n%1 invites you to the project “%2” in VK Cloud, as %3.\n\n"
                             "To accept, open this link with the VK Cloud sign-up wizard:\n\n%4\n\n"
                             "If you have no account yet, you only need to choose a password. The link works "
                             "for 24 hours. If you did not expect this invitation, just delete this "
                             "message.\n\nThe VK Cloud team\n")
                  .arg(invitation.invitedBy, invitation.projectName, roles.join(QStringLiteral(", ")), link);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    OutboxRecord message{QStringLiteral("msg_") + randomHex(8),
                         invitation.email,
                         russian ? QStringLiteral("Приглашение в проект VK Cloud")
                                 : QStringLiteral("Invitation to a VK Cloud project"),
                         text,
                         QStringLiteral(""), // no confirmation link (the column is NOT NULL)
                         now};
    if (!m_store->insertOutbox(message, invitation.emailKey) ||
        !m_store->setOutboxInvitePath(message.id, invitePath))
        return false;
    const QByteArray eml = "From: VK Cloud <noreply@cloud.vk.com>\r\nTo: " + invitation.email.toUtf8() +
                           "\r\nSubject: =?utf-8?B?" + message.subject.toUtf8().toBase64() +
                           "?=\r\nDate: " + now.toString(Qt::RFC2822Date).toLatin1() + "\r\nMessage-ID: <" +
                           message.id.toLatin1() +
                           "@sandbox.cloud.vk.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; "
                           "charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
                           QString(text)
                               .replace(QStringLiteral("{base_url}"), m_baseUrl.toString())
                               .toUtf8()
                               .replace("\n", "\r\n");
    QFile file(
        QDir(m_options.dataDir)
            .absoluteFilePath(QStringLiteral("outbox/%1-%2.eml")
                                  .arg(now.toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")), message.id)));
    if (file.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        file.write(eml);
    return true;
}

// Memberships live in their own table, so saveAccount() cannot see them change: the version is
// raised here when the registration object differs from `before`.
bool SandboxServer::saveMembershipChange(AccountRecord &account, const QJsonObject &before) {
    AccountRecord comparable = account;
    comparable.version = before.value(QStringLiteral("version")).toInteger();
    if (registrationJson(comparable) != before) {
        account.version = comparable.version + 1;
        const QString id = account.id;
        QMetaObject::invokeMethod(
            this, [this, id] { notifyChanged(id); }, Qt::QueuedConnection);
    }
    return m_store->updateAccount(account);
}

void SandboxServer::getInvitation(const ExchangePtr &ex) {
    const auto invitation = m_store->invitation(invitationTokenHash(ex->pathArguments.value(0)));
    if (!invitation) {
        fail(ex, 404, QStringLiteral("invitation_not_found"), QStringLiteral("No such invitation"));
        return;
    }
    if (invitation->usedAt.isValid()) {
        fail(ex, 409, QStringLiteral("invitation_used"),
             QStringLiteral("The invitation was accepted already"));
        return;
    }
    if (invitation->expiresAt <= QDateTime::currentDateTimeUtc()) {
        fail(ex, 410, QStringLiteral("invitation_expired"), QStringLiteral("The invitation has expired"));
        return;
    }
    const QJsonObject body{
        {QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), invitation->projectId},
                                                {QStringLiteral("name"), invitation->projectName}}},
        {QStringLiteral("roles"), QJsonArray::fromStringList(invitation->roles)},
        {QStringLiteral("email"), invitation->email},
        {QStringLiteral("invited_by"), maskedEmail(invitation->invitedBy)},
        {QStringLiteral("expires_at"), toRfc3339(invitation->expiresAt)},
        {QStringLiteral("account_exists"), m_store->accountByEmailKey(invitation->emailKey).has_value()},
        {QStringLiteral("status"), QStringLiteral("pending")}};
    replyJson(ex, 200, QJsonObject{{QStringLiteral("invitation"), body}});
}

void SandboxServer::postInvitationAccept(const ExchangePtr &ex) {
    const bool signedIn = !ex->accountId.isEmpty();
    QString password, language;
    if (!signedIn) {
        if (!readString(ex, QStringLiteral("password"), &password))
            return;
        const QJsonValue languageValue = ex->json.value(QStringLiteral("language"));
        if (!languageValue.isUndefined()) {
            if (languageValue.toString() != QLatin1String("en") &&
                languageValue.toString() != QLatin1String("ru")) {
                fail(ex, 400, QStringLiteral("malformed_request"),
                     QStringLiteral("language must be \"en\" or \"ru\""), QStringLiteral("language"));
                return;
            }
            language = languageValue.toString();
        }
    }
    auto invitation = m_store->invitation(invitationTokenHash(ex->pathArguments.value(0)));
    if (!invitation) {
        fail(ex, 404, QStringLiteral("invitation_not_found"), QStringLiteral("No such invitation"));
        return;
    }
    if (invitation->usedAt.isValid()) {
        fail(ex, 409, QStringLiteral("invitation_used"),
             QStringLiteral("The invitation was accepted already"));
        return;
    }
    if (invitation->expiresAt <= QDateTime::currentDateTimeUtc()) {
        fail(ex, 410, QStringLiteral("invitation_expired"), QStringLiteral("The invitation has expired"));
        return;
    }
    if (signedIn) {
        acceptInvitationSignedIn(ex, *invitation);
        return;
    }
    if (language.isEmpty())
        language = invitation->language;
    // Creating an account this way counts like POST /accounts, per client address.
    const QString bucket = QStringLiteral("signup-address:") + ex->remoteAddress.toString();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_store->transaction([&] { return m_store->addRateEvent(bucket, now); });
    if (const qint64 wait = retryAfter(bucket, m_options.accountCreationsPerMinute + 1, 60)) {
        fail(ex, 429, QStringLiteral("rate_limited"), QStringLiteral("Too many sign-ups from this address"),
             {}, {}, wait);
        return;
    }
    if (const QStringList failed = PasswordPolicy::failedRules(password); !failed.isEmpty()) {
        fail(ex, 422, QStringLiteral("invalid_password"),
             QStringLiteral("The password does not meet the rules"), QStringLiteral("password"), failed);
        return;
    }
    if (m_store->accountByEmailKey(invitation->emailKey)) {
        fail(ex, 409, QStringLiteral("account_exists"),
             QStringLiteral("An account with this email exists: sign in and accept"),
             QStringLiteral("email"));
        return;
    }
    const QByteArray salt = randomBytes(16);
    const int iterations = m_options.passwordHashIterations;
    auto *watcher = new QFutureWatcher<QByteArray>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, ex, invitation = *invitation, language, salt, iterations] {
                const QByteArray hash = watcher->result();
                watcher->deleteLater();
                const QDateTime now = QDateTime::currentDateTimeUtc();
                AccountRecord account;
                account.id = QStringLiteral("acc_") + randomHex(8);
                account.email = invitation.email;
                account.emailKey = invitation.emailKey;
                account.passwordHash = QString::fromLatin1(hash.toHex());
                account.passwordSalt = QString::fromLatin1(salt.toHex());
                account.passwordIterations = iterations;
                account.region = QLatin1String(InvitedAccountRegion);
                account.language = language;
                account.createdAt = now;
                account.version = 1;
                // The link reached this address: it counts as confirmed (§5).
                account.emailConfirmed = true;
                const QString token = randomToken();
                const QDateTime expiresAt = now.addDays(SessionLifetimeDays);
                QString conflict;
                const bool ok = m_store->transaction([&] {
                    // Checked again: another request may have finished while the password was hashed.
                    if (m_store->accountByEmailKey(invitation.emailKey)) {
                        conflict = QStringLiteral("account_exists");
                        return false;
                    }
                    if (!m_store->markInvitationUsed(invitation.tokenHash, account.id, now)) {
                        conflict = QStringLiteral("invitation_used");
                        return false;
                    }
                    return m_store->insertAccount(account) &&
                           m_store->insertMembership(
                               account.id,
                               Membership{ProjectState{invitation.projectId, invitation.projectName},
                                          invitation.roles},
                               now) &&
                           m_store->insertSession(sha256Hex(token.toLatin1()), account.id, expiresAt);
                });
                if (conflict == QLatin1String("account_exists")) {
                    fail(ex, 409, QStringLiteral("account_exists"),
                         QStringLiteral("An account with this email exists: sign in and accept"),
                         QStringLiteral("email"));
                    return;
                }
                if (conflict == QLatin1String("invitation_used")) {
                    fail(ex, 409, QStringLiteral("invitation_used"),
                         QStringLiteral("The invitation was accepted already"));
                    return;
                }
                if (!ok) {
                    fail(ex, 500, QStringLiteral("internal_error"),
                         QStringLiteral("The account could not be stored"));
                    return;
                }
                ex->accountId = account.id;
                replyJson(ex, 201,
                          QJsonObject{{QStringLiteral("session"),
                                       QJsonObject{{QStringLiteral("token"), token},
                                                   {QStringLiteral("expires_at"), toRfc3339(expiresAt)}}},
                                      {QStringLiteral("registration"), registrationJson(account)}});
            });
    watcher->setFuture(QtConcurrent::run([password, salt, iterations] {
        return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt,
                                                  iterations, 32);
    }));
}

void SandboxServer::acceptInvitationSignedIn(const ExchangePtr &ex, const InvitationRecord &invitation) {
    auto account = currentAccount(ex);
    if (!account)
        return;
    if (account->emailKey != invitation.emailKey) {
        fail(ex, 403, QStringLiteral("invitation_email_mismatch"),
             QStringLiteral("The invitation is for another email address"));
        return;
    }
    const QJsonObject before = registrationJson(*account);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // The link reached this address: an unconfirmed address of the account is confirmed by it.
    account->emailConfirmed = true;
    const bool ok = m_store->transaction([&] {
        return m_store->markInvitationUsed(invitation.tokenHash, account->id, now) &&
               m_store->insertMembership(
                   account->id,
                   Membership{ProjectState{invitation.projectId, invitation.projectName}, invitation.roles},
                   now) &&
               saveMembershipChange(*account, before);
    });
    if (!ok) {
        if (const auto current = m_store->invitation(invitation.tokenHash);
            current && current->usedAt.isValid()) {
            fail(ex, 409, QStringLiteral("invitation_used"),
                 QStringLiteral("The invitation was accepted already"));
            return;
        }
        fail(ex, 500, QStringLiteral("internal_error"), QStringLiteral("The membership could not be stored"));
        return;
    }
    replyJson(ex, 200, registrationJson(*account));
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
        fail(ex, 400, QStringLiteral("malformed_request"),
             QStringLiteral("roles must be a non-empty list of role ids"), QStringLiteral("roles"));
        return;
    }
    const QJsonValue nameValue = ex->json.value(QStringLiteral("project_name"));
    if (!nameValue.isUndefined() && !nameValue.isNull() && !nameValue.isString()) {
        fail(ex, 400, QStringLiteral("malformed_request"), QStringLiteral("project_name must be a string"),
             QStringLiteral("project_name"));
        return;
    }
    const QJsonValue languageValue = ex->json.value(QStringLiteral("language"));
    if (!languageValue.isUndefined() && languageValue.toString() != QLatin1String("en") &&
        languageValue.toString() != QLatin1String("ru")) {
        fail(ex, 400, QStringLiteral("malformed_request"),
             QStringLiteral("language must be \"en\" or \"ru\""), QStringLiteral("language"));
        return;
    }
    if (const QStringList failed = EmailPolicy::failedRules(email); !failed.isEmpty()) {
        fail(ex, 422, QStringLiteral("invalid_email"), QStringLiteral("The email address is not valid"),
             QStringLiteral("email"), failed);
        return;
    }
    InvitationRecord invitation;
    invitation.email = email;
    invitation.emailKey = EmailPolicy::normalized(email);
    const auto existing = m_store->accountByEmailKey(invitation.emailKey);
    // The email is written in the invited person's language: their account's, or the one asked for.
    invitation.language = !languageValue.isUndefined() ? languageValue.toString()
                          : existing                   ? existing->language
                                                       : QStringLiteral("en");
    const bool russian = invitation.language == QLatin1String("ru");
    invitation.roles = roles;
    invitation.projectId = QStringLiteral("mcs") + randomDigits(10);
    invitation.projectName = nameValue.toString().trimmed();
    if (invitation.projectName.isEmpty())
        invitation.projectName = russian ? QStringLiteral("Проект команды") : QStringLiteral("Team project");
    invitation.invitedBy = QLatin1String(SandboxInviter);
    invitation.createdAt = QDateTime::currentDateTimeUtc();
    invitation.expiresAt = invitation.createdAt.addSecs(m_options.invitationLifetimeSeconds);
    const QString token = randomToken();
    invitation.tokenHash = invitationTokenHash(token);
    if (!m_store->transaction([&] {
            return m_store->insertInvitation(invitation) && sendInvitationEmail(invitation, token);
        })) {
        fail(ex, 500, QStringLiteral("internal_error"), QStringLiteral("The invitation could not be stored"));
        return;
    }
    replyJson(ex, 201,
              QJsonObject{{QStringLiteral("invitation"),
                           QJsonObject{{QStringLiteral("url"),
                                        m_baseUrl.toString() + QStringLiteral("/invite/") + token},
                                       {QStringLiteral("expires_at"), toRfc3339(invitation.expiresAt)},
                                       {QStringLiteral("project"),
                                        QJsonObject{{QStringLiteral("id"), invitation.projectId},
                                                    {QStringLiteral("name"), invitation.projectName}}}}}});
}

void SandboxServer::getInvitePage(const ExchangePtr &ex) {
    // In production the web console serves this address; the sandbox stands in for it.
    if (!m_options.sandboxRoutes) {
        fail(ex, 404, QStringLiteral("not_found"),
             QStringLiteral("No such path: %1").arg(pathWithoutSecrets(ex->path)));
        return;
    }
    const auto invitation = m_store->invitation(invitationTokenHash(ex->pathArguments.value(0)));
    const bool valid = invitation && !invitation->usedAt.isValid() &&
                       invitation->expiresAt > QDateTime::currentDateTimeUtc();
    replyHtml(ex, valid ? 200 : 404,
              invitePage(invitation ? invitation->language : QString(),
                         invitation ? invitation->projectName : QString(), valid));
}

} // namespace signup
