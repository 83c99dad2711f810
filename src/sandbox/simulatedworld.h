#pragma once

#include "sandbox/store.h"

#include <QString>

namespace signup {

class RegistrationService;
class Clock;

// The world outside the registration as the registration service sees it: the mail system that
// delivers its emails, the phone line the user is asked to call and the card processor. The
// service reaches the world only through this interface; the sandbox routes (§4) act on the
// world's side (SandboxWorld, PhoneRobot).
class OutsideWorld {
public:
    virtual ~OutsideWorld() = default;
    // Delivers the email-confirmation message whose link carries token. Runs inside the caller's
    // transaction: false rolls the step back.
    virtual bool sendConfirmationEmail(const AccountRecord &account, const QString &token) = 0;
    // Delivers an invitation (contract 1.1, §5) whose link carries token.
    virtual bool sendInvitationEmail(const InvitationRecord &invitation, const QString &token) = 0;
    // The number the user calls to confirm a phone (the sandbox's robot answers it).
    virtual QString phoneNumberToCall() const = 0;
    // What the card processor will answer for this card.
    virtual CardProcessorOutcome cardOutcome(const QString &digits) const = 0;
    // A new 3-D Secure session at the bank (the last path segment of its page).
    virtual QString newThreeDsSessionId() = 0;
};

// The sandbox's world: the outbox (the outbox table and an .eml file per message in
// dataDir/outbox), the test cards of §4 and the number the phone robot answers.
class SandboxWorld : public OutsideWorld {
public:
    static constexpr const char *CallToNumber = "+7 800 555-35-35";

    SandboxWorld(SandboxStore &store, const Clock &clock, const QString &dataDir);

    // The server's address, known once it listens: the .eml files carry whole links.
    void setBaseUrl(const QString &baseUrl) { m_baseUrl = baseUrl; }

    bool sendConfirmationEmail(const AccountRecord &account, const QString &token) override;
    bool sendInvitationEmail(const InvitationRecord &invitation, const QString &token) override;
    QString phoneNumberToCall() const override { return QLatin1String(CallToNumber); }
    CardProcessorOutcome cardOutcome(const QString &digits) const override;
    QString newThreeDsSessionId() override;

    // The outbox as GET /sandbox/v1/outbox shows it (newest first; all messages for an empty key),
    // with links made whole.
    struct OutboxEntry {
        OutboxRecord message;
        QString confirmUrl; // empty for an invitation
        QString inviteUrl;  // empty for a confirmation
        QString text;
    };
    QList<OutboxEntry> outbox(const QString &toKey);

    // Keeps the outbox directory to the outbox table's rules: a week, the newest messages.
    void purgeOutboxFiles();

private:
    bool deliver(const OutboxRecord &message, const QString &toKey, const QString &invitePath);

    SandboxStore &m_store;
    const Clock &m_clock;
    QString m_dataDir;
    QString m_baseUrl;
};

// The robot that answers the confirmation number (§4): a call from a number waiting for its
// call hears four digits; typing them back confirms the number through the registration service.
class PhoneRobot {
public:
    static constexpr int MaxWrongTries = 3;

    PhoneRobot(SandboxStore &store, RegistrationService &service);

    struct Answer {
        bool known = false; // false: unknown_caller (no account waits for this call)
        QString callId;
        QString robotSays;   // "4 8 1 5"
        bool failed = false; // the call could not be stored
    };
    Answer call(const QString &from, const QString &to);

    enum class DigitsResult { Confirmed, WrongDigits, CallEnded, NoSuchCall, Failed };
    DigitsResult enterDigits(const QString &callId, const QString &digits);

private:
    SandboxStore &m_store;
    RegistrationService &m_service;
};

} // namespace signup
