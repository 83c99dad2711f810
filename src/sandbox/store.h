#pragma once

#include "core/registration.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <optional>

namespace signup {

class Clock;

// What the card processor answers for a card (the test cards of contract §4): link it, ask for
// 3-D Secure first, or decline it for a reason.
struct CardProcessorOutcome {
    enum class Kind { Link, ThreeDSecure, Declined };
    Kind kind = Kind::Link;
    DeclineCode declineCode = DeclineCode::Unknown; // why, when Declined

    static CardProcessorOutcome link() { return {Kind::Link, DeclineCode::Unknown}; }
    static CardProcessorOutcome threeDSecure() { return {Kind::ThreeDSecure, DeclineCode::Unknown}; }
    static CardProcessorOutcome declined(DeclineCode code) { return {Kind::Declined, code}; }
};

// One account and the whole state of its registration, as stored.
struct AccountRecord {
    QString id;
    QString email;        // as the user typed it
    QString emailKey;     // EmailPolicy::normalized(email): the uniqueness key
    QString passwordHash; // hex PBKDF2-HMAC-SHA256
    QString passwordSalt; // hex
    int passwordIterations = 0;
    QString region;
    Language language = Language::English; // of the account's emails and pages
    QDateTime createdAt;
    qint64 version = 0;

    bool emailConfirmed = false;
    QDateTime emailResendAvailableAt;

    QString phoneE164;                              // empty: no phone step yet
    PhoneStatus phoneStatus = PhoneStatus::Unknown; // Unknown: no phone yet
    QString phoneCallTo;
    QDateTime phoneExpiresAt;
    int phoneAttemptsLeft = 0;

    CardStatus cardStatus = CardStatus::Unknown; // Unknown: no card yet
    QString cardBrand;
    QString cardLast4;
    QString cardActionId; // the last path segment of the 3-D Secure action_url
    QString cardDeclineCode;
    QString cardTokenHash; // SHA-256 of the opaque payment token
    std::optional<CardProcessorOutcome>
        cardPendingOutcome; // the processor's answer while the card is processing
    qint64 cardAttempt = 0;

    bool autopayEnabled = false;
    qint64 autopayThreshold = -1; // minor units, -1 = null
    qint64 autopayAmount = -1;

    qint64 balanceMinor = 0;
    bool bonusGranted = false;
    qint64 bonusMinor = 0;
    QDateTime bonusExpiresAt;
    QString projectId;
    QString projectName;
    QString consoleUrl;

    bool phoneConfirmed() const { return phoneStatus == PhoneStatus::Confirmed; }
    bool cardLinked() const { return cardStatus == CardStatus::Linked; }
};

struct StoredResponse {
    QString requestHash;
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

// Not OutboxMessage: the API client has a struct of that name in the same namespace, and one
// program links both.
struct OutboxRecord {
    QString id;
    QString to;
    QString subject;
    QString text;
    QString confirmUrl;
    QDateTime sentAt;
};

struct CallRecord {
    QString id;
    QString accountId;
    QString phoneE164;
    QString digits;
    int wrongTries = 0;
    bool ended = false;
};

// Contract 1.1: an invitation to a project (§5). The token itself is never stored, only its hash.
struct InvitationRecord {
    QString tokenHash;
    QString email; // as the inviter typed it
    QString emailKey;
    QStringList roles;
    QString projectId;
    QString projectName;
    QString invitedBy;                     // the inviter's address (shown masked)
    Language language = Language::English; // of the invitation email
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime usedAt; // invalid while pending
    QString usedBy;   // account id
};

// Contract 1.1: a support code (§6), kept as a hash.
struct SupportCodeRecord {
    QString codeHash;
    QString accountId;
    QDateTime createdAt;
    QDateTime expiresAt;
    bool withdrawn = false;
};

// Contract 1.1: one API call made for a registration, as support staff see it (§6).
struct ApiEventRecord {
    QDateTime at;
    QString requestId;
    QString method;
    QString route; // the path template, never query values
    int status = 0;
    QString errorCode;
    qint64 id = 0; // increasing: which calls an agent has already been shown
};

// The sandbox's SQLite database (WAL, schema version in PRAGMA user_version). One instance per
// server, used only from the server's thread.
class SandboxStore {
public:
    // clock stamps the rows' creation times and decides which sessions have expired.
    explicit SandboxStore(const Clock &clock);
    ~SandboxStore();
    SandboxStore(const SandboxStore &) = delete;
    SandboxStore &operator=(const SandboxStore &) = delete;

    bool open(const QString &path, QString *error);

    // Runs body inside a transaction; commits when it returns true, rolls back otherwise (and
    // when a statement failed).
    template <typename F> bool transaction(F &&body) {
        if (!begin())
            return false;
        const bool ok = body();
        return finish(ok);
    }

    std::optional<AccountRecord> account(const QString &id);
    std::optional<AccountRecord> accountByEmailKey(const QString &emailKey);
    QList<AccountRecord> accountsAwaitingCallFrom(const QString &e164);
    QList<AccountRecord> accountsWithCardStatus(CardStatus status);
    QList<AccountRecord> accountsWithPhoneStatus(PhoneStatus status);
    std::optional<AccountRecord> accountByCardActionId(const QString &actionId);
    std::optional<AccountRecord> accountByProjectId(const QString &projectId);
    bool phoneConfirmedElsewhere(const QString &e164, const QString &exceptAccountId);
    bool insertAccount(const AccountRecord &a);
    bool updateAccount(const AccountRecord &a);

    bool insertSession(const QString &tokenHash, const QString &accountId, const QDateTime &expiresAt);
    QString accountForSession(const QString &tokenHash); // empty when unknown, revoked or expired
    bool revokeSession(const QString &tokenHash);

    bool insertEmailLink(const QString &tokenHash, const QString &accountId, const QDateTime &expiresAt);
    bool supersedeEmailLinks(const QString &accountId);
    struct EmailLink {
        QString accountId;
        QDateTime expiresAt;
        bool superseded = false;
    };
    std::optional<EmailLink> emailLink(const QString &tokenHash);

    bool addRateEvent(const QString &bucket, const QDateTime &at);
    // Events of bucket newer than since, oldest first.
    QList<QDateTime> rateEvents(const QString &bucket, const QDateTime &since);

    std::optional<StoredResponse> storedResponse(const QString &caller, const QString &key,
                                                 const QDateTime &since);
    bool storeResponse(const QString &caller, const QString &key, const StoredResponse &response);

    bool insertOutbox(const OutboxRecord &m, const QString &toKey);
    QList<OutboxRecord> outbox(const QString &toKey); // newest first; all messages for an empty key

    // Drops what no rule looks at any more: rate-limit events, idempotency records and sandbox
    // calls older than a day, expired sessions, email links a week past their expiry (until then a
    // used link keeps answering "already confirmed"), outbox messages older than a week or beyond
    // the newest MaxOutboxMessages.
    static constexpr qint64 MaxOutboxMessages = 1000;
    bool purgeExpired(const QDateTime &now);

    bool insertCall(const CallRecord &c);
    std::optional<CallRecord> call(const QString &id);
    bool updateCall(const CallRecord &c);

    // --- Contract 1.1 (invitations, memberships, support codes, API events): tables of their own,
    // created by ensureFeatureTables() when missing.
    bool insertInvitation(const InvitationRecord &invitation);
    std::optional<InvitationRecord> invitation(const QString &tokenHash);
    bool markInvitationUsed(const QString &tokenHash, const QString &accountId, const QDateTime &at);
    bool insertMembership(const QString &accountId, const Membership &membership, const QDateTime &at);
    QList<Membership> memberships(const QString &accountId); // oldest first
    QString projectNameOf(const QString &projectId);         // empty when no invitation names it
    // The invitation link of an outbox message (the path after the host), empty for other messages.
    bool setOutboxInvitePath(const QString &messageId, const QString &invitePath);
    QString outboxInvitePath(const QString &messageId);
    // Stores a new code and withdraws every earlier one of that account.
    bool replaceSupportCode(const SupportCodeRecord &code);
    std::optional<SupportCodeRecord> supportCode(const QString &codeHash);
    bool withdrawSupportCodes(const QString &accountId);
    // Keeps the newest 50 events of each account.
    bool addApiEvent(const QString &accountId, const ApiEventRecord &event);
    QList<ApiEventRecord> apiEvents(const QString &accountId); // newest first, at most 50

private:
    bool ensureFeatureTables(QString *error);
    bool begin();
    bool finish(bool ok);
    bool migrate(QString *error);

    const Clock &m_clock;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_failed = false;
};

} // namespace signup
