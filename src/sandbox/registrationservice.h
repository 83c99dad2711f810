#pragma once

#include "core/errorcode.h"
#include "core/registration.h"
#include "core/rulecheck.h"
#include "sandbox/store.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QThreadPool>
#include <functional>
#include <optional>

namespace signup {

class OutsideWorld;
class Clock;
struct Region;

// Why the service refused a step. The HTTP layer turns the kind into a status; the code, message
// and field are the contract's error body.
enum class Refusal {
    Invalid,      // a value breaks a rule (422)
    Conflict,     // the registration is not in a state that allows the step (409)
    RateLimited,  // retryAfterSeconds says when (429)
    Unauthorized, // unknown account or credentials (401)
    Forbidden,    // the step belongs to someone else (403)
    NotFound,     // no such invitation, session, ... (404)
    Gone,         // it existed but has expired (410)
    InvalidLink,  // an email link that no longer works (400)
    Busy,         // too much work queued; come back in retryAfterSeconds (503)
    Internal,     // the store failed (500)
};

struct ServiceError {
    Refusal kind = Refusal::Internal;
    ErrorCode code = ErrorCode::InternalError; // written as its wire name only in the error body
    QString message;
    QString field;
    QList<RuleId> details; // the failed rules; written as wire names only in the error body
    qint64 retryAfterSeconds = -1;
};

// A value or the reason there is none.
template <typename T> struct ServiceResult {
    ServiceResult(T v)
        : value(std::move(v)) {}
    ServiceResult(ServiceError e)
        : error(std::move(e)) {}
    T value{};
    std::optional<ServiceError> error;
    bool ok() const { return !error; }
};

struct Done {};

struct ServiceSettings {
    int passwordHashIterations = 600000; // PBKDF2-HMAC-SHA256 for new accounts
    int maxQueuedPasswordHashes = 32;    // beyond it sign-ups and sign-ins are refused as busy
    int emailResendCooldownSeconds = 60; // between confirmation emails
    int cardProcessingMs = 700;          // how long the card processor takes to answer
    int phoneCallWindowSeconds = 300;    // how long a submitted number waits for the call
    bool sandboxRoutes = true;           // console links point at the sandbox's stand-in console
    int accountCreationsPerMinute = 60;  // per client address, for accounts made by invitation
    int invitationLifetimeSeconds = 24 * 3600;
    int supportCodeLifetimeSeconds = 15 * 60;
    QByteArray serverSecret; // keys the support codes' hashes (eight digits are too few for a plain hash)
};

struct NewAccount {
    QString email;
    QString password;
    QString region;
    Language language = Language::English;
};

// A session made by signing up or in; the token itself is never stored.
struct SessionGrant {
    QString token;
    QDateTime expiresAt;
    AccountRecord account;
};

struct AutopaymentInput {
    bool enabled = false;
    std::optional<Money> threshold; // nullopt: null in the request
    std::optional<Money> amount;
};

struct EmailConfirmation {
    enum Outcome { Confirmed, AlreadyConfirmed, InvalidLink, Failed } outcome = InvalidLink;
    Language language = Language::English; // of the account the link belongs to (English when unknown)
};

struct NewInvitation {
    QString email;
    QStringList roles;
    QString projectName;              // empty: a default name in the invitation's language
    std::optional<Language> language; // nullopt: the invited account's, or English
};

struct SupportCode {
    QString code; // "1234-5678": shown to the customer once, stored only as a keyed hash
    QDateTime expiresAt;
};

struct CreatedInvitation {
    InvitationRecord invitation;
    QString token; // goes only into the link
};

// The sign-up domain of the sandbox: every step of the registration over the store (accounts,
// sessions, email, phone, card, autopayment, activation, invitations), with plain typed inputs and
// results. It knows nothing about HTTP, sockets or TLS: the server adapts requests to it, and the
// unit tests drive it directly. Lives on one thread with its store.
class RegistrationService : public QObject {
    Q_OBJECT
public:
    static constexpr int SessionLifetimeDays = 30;
    static constexpr int EmailLinkLifetimeHours = 24;
    static constexpr int PhoneAttemptsPerHour = 5;
    static constexpr int EmailChangesPerHour = 5;
    static constexpr int ResendsPerHour = 5;
    static constexpr int CardsPerHour = 10;
    static constexpr int SignInFailuresAllowed = 5;
    static constexpr int SignInWindowSeconds = 15 * 60;

    // Every time the service reads is the clock's; when the clock is advanced, what fell due (a
    // pending phone number's expiry) happens at once.
    RegistrationService(SandboxStore &store, OutsideWorld &world, const Clock &clock,
                        const ServiceSettings &settings, QObject *parent = nullptr);
    ~RegistrationService() override;

    // The server's address, once it listens: 3-D Secure and console links are made from it.
    void setBaseUrl(const QString &baseUrl) { m_baseUrl = baseUrl; }
    // After a restart: schedules the phone expiries and card answers that were pending.
    void resumePendingWork();
    // Sign-ups and sign-ins whose password is being hashed or waits for a hashing thread.
    int passwordHashesInFlight() const { return m_hashesQueued; }

    // --- Accounts and sessions. The password is hashed off this thread; done is called on it
    // (at once when the request is refused before hashing). Never called if the service goes away.
    using SessionDone = std::function<void(const ServiceResult<SessionGrant> &)>;
    void createAccount(const NewAccount &input, SessionDone done);
    void signIn(const QString &email, const QString &password, SessionDone done);
    QString accountIdForToken(const QString &token); // empty: unknown, expired or revoked
    void signOut(const QString &token);

    // The account with its pending phone expired when due; Unauthorized when it no longer exists.
    ServiceResult<AccountRecord> account(const QString &accountId);
    Registration registrationOf(const AccountRecord &account) const;
    CardState cardOf(const AccountRecord &account) const;

    // --- Email
    ServiceResult<AccountRecord> changeEmail(const QString &accountId, const QString &email);
    // When the next email may be asked for.
    ServiceResult<QDateTime> resendConfirmationEmail(const QString &accountId);
    EmailConfirmation confirmEmail(const QString &token);

    // --- Phone
    ServiceResult<AccountRecord> startPhoneConfirmation(const QString &accountId, const QString &phone);
    // The account waiting for a call from this number to this number, if any.
    std::optional<AccountRecord> accountAwaitingCall(const QString &fromE164, const QString &to);
    enum class CallConfirmation { Confirmed, NotWaiting, Failed };
    // The robot heard the right digits from e164 on a call made for accountId.
    CallConfirmation confirmPhoneByCall(const QString &accountId, const QString &e164);

    // --- Card, 3-D Secure, activation, autopayment
    ServiceResult<AccountRecord> addCard(const QString &accountId, const CardDetails &card);
    std::optional<AccountRecord> accountByThreeDsSession(const QString &sessionId);
    // The bank's answer; a second answer changes nothing. NotFound for an unknown session.
    ServiceResult<AccountRecord> completeThreeDs(const QString &sessionId, bool approved);
    ServiceResult<AccountRecord> setAutopayment(const QString &accountId, const AutopaymentInput &input);

    // --- Invitations (contract 1.1, §5)
    ServiceResult<InvitationRecord> pendingInvitation(const QString &token);
    bool accountExists(const QString &emailKey);
    ServiceResult<CreatedInvitation> createInvitation(const NewInvitation &input);
    ServiceResult<AccountRecord> acceptInvitation(const QString &accountId, const QString &token);
    // With a new account; counts like a sign-up from clientAddress. The account's language is the
    // one asked for, or the invitation's.
    void acceptInvitationWithNewAccount(const QString &token, const QString &password,
                                        std::optional<Language> language, const QString &clientAddress,
                                        SessionDone done);

    // --- Support codes (contract 1.1, §6)
    static constexpr int SupportCodesPerHour = 10;
    // A new code for the account; every earlier one is withdrawn.
    ServiceResult<SupportCode> createSupportCode(const QString &accountId);
    ServiceResult<Done> withdrawSupportCodes(const QString &accountId);
    // The stored hash of a code as typed ("1234-5678" or "12345678"); empty when it is not a code.
    QString supportCodeHash(const QString &code) const;
    // Known, not withdrawn, not expired, and its account still exists.
    bool supportCodeValid(const QString &codeHash);

    // Rate limit over the store: seconds to wait before the next event of bucket, or 0.
    qint64 retryAfter(const QString &bucket, int limit, qint64 windowSeconds);
    const Region &regionOf(const AccountRecord &account) const;

signals:
    // The registration object of this account changed (its version went up). Emitted from the
    // event loop after the change is committed.
    void registrationChanged(const QString &accountId);

private:
    bool saveAccount(AccountRecord &account, const AccountRecord &before);
    bool saveMembershipChange(AccountRecord &account, const QJsonObject &before);
    bool expirePhoneIfDue(AccountRecord &account);
    void schedulePhoneExpiry(const QString &accountId, const QDateTime &expiresAt);
    void scheduleCardProcessing(const QString &accountId, qint64 attempt, int delayMs);
    void processCard(const QString &accountId, qint64 attempt);
    void activate(AccountRecord &account);
    QString consoleUrl(const AccountRecord &account) const;
    std::optional<ServiceError> reserveHash();
    void hashPassword(const QString &password, const QByteArray &salt, int iterations,
                      std::function<void(const QByteArray &)> done);

    SandboxStore &m_store;
    OutsideWorld &m_world;
    const Clock &m_clock;
    ServiceSettings m_settings;
    QString m_baseUrl;
    QByteArray m_dummySalt;
    QThreadPool m_hashPool;               // password hashing, off the service's thread
    int m_hashesQueued = 0;               // hashes running or waiting in m_hashPool
    QHash<QString, int> m_signInsHashing; // sign-in failure bucket -> sign-ins being hashed
};

} // namespace signup
