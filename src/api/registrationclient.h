#pragma once

#include "api/apierror.h"
#include "api/apitypes.h"
#include "api/clientconfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>
#include <QUrlQuery>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace signup {

class RegistrationClient;

// One attempt of a call as kept for a support report: no bodies, no tokens, no query values
// other than wait/since.
struct RequestRecord {
    QDateTime startedAt; // UTC
    QString requestId;   // our X-Request-Id of this attempt
    QString method;
    QString path;           // "/api/v1/registration?wait=25&since=7"
    QString idempotencyKey; // empty for GET; the same on every retry of one action
    int attempt = 1;
    int httpStatus = 0; // 0: no HTTP answer
    qint64 durationMs = 0;
    ApiError::Kind outcome = ApiError::Kind::None; // written as ApiError::kindName()
    QString errorCode; // the contract's error code of an HTTP error ("invalid_phone"); empty otherwise
};

// One call of the API (all its attempts). Owned by the client; deletes itself after finished().
class ApiCall : public QObject {
    Q_OBJECT
public:
    struct Spec {
        QByteArray method; // "GET", "POST", ...
        QString path;      // "/api/v1/accounts"
        QUrlQuery query;
        QByteArray body; // JSON, empty for none
        bool authenticated = false;
        QString idempotencyKey;  // writes: generated when empty, reused on every retry
        int waitSeconds = 0;     // long poll: added to the whole-request timeout
        int maxAttempts = 0;     // 0: the client's default
        QUrl absoluteUrl;        // instead of origin + path (the email confirmation link)
        bool supportKey = false; // Authorization with the support key instead of the session token
    };

    ~ApiCall() override;

    bool isFinished() const { return m_finished; }
    const ApiError &error() const { return m_error; }
    int httpStatus() const { return m_error.httpStatus ? m_error.httpStatus : m_status; }
    const QJsonObject &body() const { return m_body; }
    const QByteArray &rawBody() const { return m_raw; }
    const QString &idempotencyKey() const { return m_spec.idempotencyKey; }
    int attempts() const { return m_attempt; }
    bool replayed() const { return m_replayed; } // Idempotent-Replayed: true

    // Stops the call: finished() follows with Kind::Cancelled (never a retry).
    void abort();

signals:
    void finished();

private:
    friend class RegistrationClient;
    enum class AbortReason { None, Cancelled, ConnectTimeout, RequestTimeout, TooLarge };

    ApiCall(RegistrationClient *client, Spec spec);
    void start();
    void startAttempt();
    void onReadyRead();
    void onAttemptFinished();
    void finish(const ApiError &error);
    void finishLater(const ApiError &error);
    int backoffMs() const;

    RegistrationClient *m_client;
    Spec m_spec;
    QPointer<QNetworkReply> m_reply;
    QTimer m_connectTimer;
    QTimer m_requestTimer;
    QTimer m_retryTimer;
    QElapsedTimer m_attemptClock;
    QDateTime m_attemptStartedAt;
    QString m_attemptRequestId;
    QList<QSslError> m_sslErrors;
    AbortReason m_abortReason = AbortReason::None;
    QByteArray m_raw;
    QJsonObject m_body;
    ApiError m_error;
    int m_status = 0;
    int m_attempt = 0;
    bool m_finished = false;
    bool m_replayed = false;
};

// The sign-up API (docs/api.md) over HTTPS: the contract's production routes only (a sandbox's own
// routes are SandboxToolsClient's, over this client's transport). Every call is asynchronous: it returns at
// once and the callback runs later on this thread, unless `context` was destroyed meanwhile. Automatic
// retries (backoff + jitter, Retry-After) apply to GETs and to writes, which always carry an Idempotency-Key:
// the caller's (one per user action) or a fresh one for this call.
class RegistrationClient : public QObject {
    Q_OBJECT
public:
    template <typename T> using Done = std::function<void(const ApiResult<T> &)>;

    explicit RegistrationClient(const ClientConfig &config, QObject *parent = nullptr);
    ~RegistrationClient() override;

    const ClientConfig &config() const { return m_config; }
    // Points the client at a backend known only once it runs (the embedded sandbox, started behind
    // the wizard's window): before any call.
    void setBackend(const QUrl &apiUrl, const QList<QSslCertificate> &extraCa, bool trustSystemCa);
    // "https://host:port": what the keychain entry is keyed by.
    QString origin() const;
    static QString originOf(const QUrl &url);

    // The session's bearer token, kept in memory only.
    void setToken(const QString &token);
    void clearToken();
    bool hasToken() const { return !m_token.isEmpty(); }

    // A support agent's key (§6), kept in memory only; used only by supportRegistration().
    void setSupportKey(const QString &key);
    void clearSupportKey();
    bool hasSupportKey() const { return !m_supportKey.isEmpty(); }

    // Explicit proxy; std::nullopt returns to the system settings.
    void setProxy(const std::optional<QNetworkProxy> &proxy);

    // 36 characters of [0-9a-f-]: one per user action.
    static QString newIdempotencyKey();

    // --- the contract, §3 ---
    ApiCall *regions(QObject *context, Done<QList<Region>> done);
    ApiCall *createAccount(const CreateAccountRequest &request, const QString &idempotencyKey,
                           QObject *context, Done<SessionResult> done);
    ApiCall *signIn(const QString &email, const QString &password, const QString &idempotencyKey,
                    QObject *context, Done<SessionResult> done);
    ApiCall *signOut(const QString &idempotencyKey, QObject *context, Done<NoContent> done);
    // waitSeconds > 0 with since: long poll (the server answers when version > since or after the wait).
    // maxAttempts 0: the configured default (a watcher doing its own backoff passes 1).
    ApiCall *registration(std::optional<qint64> since, int waitSeconds, QObject *context,
                          Done<Registration> done, int maxAttempts = 0);
    ApiCall *changeEmail(const QString &email, const QString &idempotencyKey, QObject *context,
                         Done<Registration> done);
    ApiCall *resendEmail(const QString &idempotencyKey, QObject *context, Done<ResendResult> done);
    ApiCall *submitPhone(const QString &phoneE164, const QString &idempotencyKey, QObject *context,
                         Done<PhoneState> done);
    ApiCall *submitCard(const CardDetails &card, const QString &idempotencyKey, QObject *context,
                        Done<CardState> done);
    ApiCall *setAutopayment(const AutopaymentRequest &request, const QString &idempotencyKey,
                            QObject *context, Done<Registration> done);
    // Follows an email confirmation link (Accept: application/json); value is registration_step.
    ApiCall *confirmEmailLink(const QUrl &confirmUrl, QObject *context, Done<QString> done);

    // --- invitations, contract 1.1 §5 ---
    // The token of an invitation link "https://<host>/invite/<token>" (any host); empty when url is
    // not such a link.
    static QString invitationTokenFromUrl(const QUrl &url);
    ApiCall *invitation(const QString &token, QObject *context, Done<Invitation> done);
    // A person without an account: sets a password, gets a session (the client's own token, if any,
    // is not sent). Errors: invalid_password (details), account_exists, invitation_not_found,
    // invitation_expired, invitation_used, rate_limited.
    ApiCall *acceptInvitationAsNewAccount(const QString &token, const QString &password,
                                          const QString &language, const QString &idempotencyKey,
                                          QObject *context, Done<SessionResult> done);
    // The signed-in account joins the project. Errors: invitation_email_mismatch (403) and the
    // invitation's own (404/410/409).
    ApiCall *acceptInvitationSignedIn(const QString &token, const QString &idempotencyKey, QObject *context,
                                      Done<Registration> done);

    // --- support codes, contract 1.1 §6 ---
    ApiCall *createSupportCode(const QString &idempotencyKey, QObject *context, Done<SupportCode> done);
    ApiCall *withdrawSupportCode(const QString &idempotencyKey, QObject *context, Done<NoContent> done);
    // The agent's view (needs setSupportKey()); code with or without its dash. Long polling as for
    // registration(): waitSeconds > 0 with since answers when the registration changes, the customer
    // makes a write call, or the code ends (404 support_code_not_found).
    ApiCall *supportRegistration(const QString &code, std::optional<qint64> since, int waitSeconds,
                                 QObject *context, Done<SupportView> done, int maxAttempts = 0);

    // Low level: any call of the contract; the body of a success is in ApiCall::body(). Also the
    // transport of SandboxToolsClient: the same TLS trust, proxy, timeouts, retries and request log.
    ApiCall *send(ApiCall::Spec spec);
    // Calls started and not finished (a call waiting to retry counts), and how many of them are
    // long polls. With no other call in flight nothing but a long poll can answer: a caller can
    // tell "no further answer" without waiting a while.
    int callsInFlight() const { return m_callsInFlight; }
    int longPollsInFlight() const { return m_longPollsInFlight; }

    // The last requests (oldest first, at most 50) and a plain-text rendering for a support report.
    QList<RequestRecord> recentRequests() const { return m_recent; }
    QString recentRequestsText() const;
    static QString formatRequests(const QList<RequestRecord> &records);

signals:
    // The system store was read and is trusted from now on (only with an extra CA, see ClientConfig).
    void trustStoreReady();

private:
    friend class ApiCall;
    void record(const RequestRecord &r);
    void onSystemCaLoaded();
    void applyProxy();
    void applyTrust();

    ClientConfig m_config;
    QNetworkAccessManager *m_nam;
    // Made by applyTrust(): even a default QSslConfiguration loads the TLS backend and OpenSSL,
    // which the embedded mode leaves until after the window's first paint.
    std::optional<QSslConfiguration> m_ssl;
    bool m_trustApplied = false;   // m_ssl is set up (applyTrust)
    bool m_trustStoreReady = true; // false until the system store is read (an extra CA with it)
    QString m_token;
    QString m_supportKey;
    QList<RequestRecord> m_recent;
    int m_callsInFlight = 0;
    int m_longPollsInFlight = 0;
};

} // namespace signup

Q_DECLARE_METATYPE(signup::RequestRecord)
