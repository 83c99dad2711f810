#include "sandbox/simulatedworld.h"

#include "core/clock.h"
#include "core/phonepolicy.h"
#include "sandbox/registrationservice.h"
#include "sandbox/sandboxutil.h"

#include <QDir>
#include <QFile>

namespace signup {

namespace {

const char BasePlaceholder[] = "{base_url}";

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

} // namespace

SandboxWorld::SandboxWorld(SandboxStore &store, const Clock &clock, const QString &dataDir)
    : m_store(store)
    , m_clock(clock)
    , m_dataDir(dataDir) {}

bool SandboxWorld::deliver(const OutboxRecord &message, const QString &toKey, const QString &invitePath) {
    if (!m_store.insertOutbox(message, toKey))
        return false;
    if (!invitePath.isEmpty() && !m_store.setOutboxInvitePath(message.id, invitePath))
        return false;
    // The same message as a file a mail client can open.
    const QByteArray eml = "From: VK Cloud <noreply@cloud.vk.com>\r\nTo: " + message.to.toUtf8() +
                           "\r\nSubject: =?utf-8?B?" + message.subject.toUtf8().toBase64() +
                           "?=\r\nDate: " + message.sentAt.toString(Qt::RFC2822Date).toLatin1() +
                           "\r\nMessage-ID: <" + message.id.toLatin1() +
                           "@sandbox.cloud.vk.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; "
                           "charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
                           QString(message.text)
                               .replace(QLatin1String(BasePlaceholder), m_baseUrl)
                               .toUtf8()
                               .replace("\n", "\r\n");
    QFile file(QDir(m_dataDir).absoluteFilePath(
        QStringLiteral("outbox/%1-%2.eml")
            .arg(message.sentAt.toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")), message.id)));
    if (file.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        file.write(eml);
    return true;
}

bool SandboxWorld::sendConfirmationEmail(const AccountRecord &account, const QString &token) {
    const QString path = QStringLiteral("/api/v1/email/confirm?token=") + token;
    const bool russian = account.language == Language::Russian;
    const QString link = QLatin1String(BasePlaceholder) + path;
    const QString text =
        russian ? QStringLiteral("Здравствуйте!\n\nЧтобы завершить регистрацию в VK Cloud, подтвердите адрес "
                                 "электронной почты по ссылке:\n\n%1\n\nСсылка действует 24 часа. Если вы не "
                                 "регистрировались, просто удалите это письмо.\n\nКоманда VK Cloud\n")
                      .arg(link)
                : QStringLiteral(
                      "Hello,\n\nTo finish signing up for VK Cloud, confirm your email address by "
                      "opening this link:\n\n%1\n\nThe link works for 24 hours. If you did not sign up, "
                      "just delete this message.\n\nThe VK Cloud team\n")
                      .arg(link);
    const OutboxRecord message{QStringLiteral("msg_") + randomHex(8),
                               account.email,
                               confirmationEmailSubject(account.language),
                               text,
                               path,
                               m_clock.now()};
    return deliver(message, account.emailKey, {});
}

bool SandboxWorld::sendInvitationEmail(const InvitationRecord &invitation, const QString &token) {
    const bool russian = invitation.language == Language::Russian;
    const QString invitePath = QStringLiteral("/invite/") + token;
    const QString link = QLatin1String(BasePlaceholder) + invitePath;
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
    const OutboxRecord message{QStringLiteral("msg_") + randomHex(8),
                               invitation.email,
                               russian ? QStringLiteral("Приглашение в проект VK Cloud")
                                       : QStringLiteral("Invitation to a VK Cloud project"),
                               text,
                               QStringLiteral(""), // no confirmation link (the column is NOT NULL)
                               m_clock.now()};
    return deliver(message, invitation.emailKey, invitePath);
}

CardProcessorOutcome SandboxWorld::cardOutcome(const QString &digits) const {
    // The processor's answer for a test card (§4); any other valid card links.
    if (digits == QLatin1String("4000000000000002"))
        return CardProcessorOutcome::declined(DeclineCode::CardDeclined);
    if (digits == QLatin1String("4000000000009995"))
        return CardProcessorOutcome::declined(DeclineCode::InsufficientFunds);
    if (digits == QLatin1String("2200000000000012"))
        return CardProcessorOutcome::declined(DeclineCode::VirtualCardNotAllowed);
    if (digits == QLatin1String("4000000000003220"))
        return CardProcessorOutcome::threeDSecure();
    return CardProcessorOutcome::link();
}

QString SandboxWorld::newThreeDsSessionId() {
    return QStringLiteral("3ds_") + randomHex(16);
}

QList<SandboxWorld::OutboxEntry> SandboxWorld::outbox(const QString &toKey) {
    QList<OutboxEntry> entries;
    for (const OutboxRecord &m : m_store.outbox(toKey)) {
        OutboxEntry entry;
        entry.message = m;
        entry.text = QString(m.text).replace(QLatin1String(BasePlaceholder), m_baseUrl);
        if (!m.confirmUrl.isEmpty())
            entry.confirmUrl = m_baseUrl + m.confirmUrl;
        // An invitation email (§5) carries its link instead of a confirmation link.
        if (const QString invitePath = m_store.outboxInvitePath(m.id); !invitePath.isEmpty())
            entry.inviteUrl = m_baseUrl + invitePath;
        entries.append(entry);
    }
    return entries;
}

void SandboxWorld::purgeOutboxFiles() {
    // The outbox directory keeps the same messages as the outbox table: a week, the newest ones.
    const QFileInfoList files = QDir(QDir(m_dataDir).absoluteFilePath(QStringLiteral("outbox")))
                                    .entryInfoList({QStringLiteral("*.eml")}, QDir::Files,
                                                   QDir::Time); // newest first
    // Modification times come from the real clock (the file system's), so they are compared with it.
    const QDateTime weekAgo = QDateTime::currentDateTimeUtc().addDays(-7);
    for (qsizetype i = 0; i < files.size(); ++i)
        if (i >= SandboxStore::MaxOutboxMessages || files[i].lastModified().toUTC() < weekAgo)
            QFile::remove(files[i].absoluteFilePath());
}

PhoneRobot::PhoneRobot(SandboxStore &store, RegistrationService &service)
    : m_store(store)
    , m_service(service) {}

PhoneRobot::Answer PhoneRobot::call(const QString &from, const QString &to) {
    Answer answer;
    const PhoneNumberInfo caller = PhonePolicy::parse(from);
    if (!caller.parsed || caller.e164.isEmpty())
        return answer;
    const auto target = m_service.accountAwaitingCall(caller.e164, to);
    if (!target)
        return answer;
    const CallRecord call{
        QStringLiteral("call_") + randomHex(8), target->id, caller.e164, randomDigits(4), 0, false};
    if (!m_store.transaction([&] { return m_store.insertCall(call); })) {
        answer.failed = true;
        return answer;
    }
    QStringList spoken;
    for (QChar c : call.digits)
        spoken.append(QString(c));
    answer.known = true;
    answer.callId = call.id;
    answer.robotSays = spoken.join(u' ');
    return answer;
}

PhoneRobot::DigitsResult PhoneRobot::enterDigits(const QString &callId, const QString &digits) {
    auto call = m_store.call(callId);
    if (!call)
        return DigitsResult::NoSuchCall;
    if (call->ended)
        return DigitsResult::CallEnded;
    if (digitsOnly(digits) != call->digits) {
        call->wrongTries += 1;
        call->ended = call->wrongTries >= MaxWrongTries;
        m_store.transaction([&] { return m_store.updateCall(*call); });
        return DigitsResult::WrongDigits;
    }
    // The right digits end the call, whatever the registration makes of them.
    call->ended = true;
    if (!m_store.transaction([&] { return m_store.updateCall(*call); }))
        return DigitsResult::Failed;
    switch (m_service.confirmPhoneByCall(call->accountId, call->phoneE164)) {
    case RegistrationService::CallConfirmation::Confirmed:
        return DigitsResult::Confirmed;
    case RegistrationService::CallConfirmation::NotWaiting:
        return DigitsResult::CallEnded;
    case RegistrationService::CallConfirmation::Failed:
        break;
    }
    return DigitsResult::Failed;
}

} // namespace signup
