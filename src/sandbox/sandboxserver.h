#pragma once

#include "core/clock.h"
#include "sandbox/certificates.h"
#include "sandbox/embeddedsandbox.h"
#include "sandbox/httpconnection.h"
#include "sandbox/ratelimiter.h"
#include "sandbox/registrationservice.h"
#include "sandbox/simulatedworld.h"
#include "sandbox/store.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QUrlQuery>
#include <functional>
#include <memory>

class QTimer;

namespace signup {

struct Region;

// One HTTP request on its way through the server, kept until it is answered (possibly later:
// password hashing, long polling, injected delays).
struct Exchange {
    QByteArray method;
    QString path;
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QHostAddress remoteAddress;
    QPointer<HttpConnection> connection;
    QElapsedTimer timer;
    QByteArray requestId;
    bool invalidRequestId = false;
    QStringList pathArguments;
    QJsonObject json;
    QString accountId; // set once authenticated
    // Idempotency of this request, when it carries a key.
    QString idempotencyCaller;
    QString idempotencyKey; // its keyed hash: the key itself is never stored
    QByteArray idempotencySealKey;
    QString requestHash;
    bool idempotencyActive = false;
    // Effects of an injected fault applied to the answer.
    bool dropAnswer = false;
    bool malformAnswer = false;
    bool answered = false;
    qint64 addressRetryAfter = 0; // per-address limit of this route: seconds to wait, 0 = allowed
    QString addressLimitMessage;  // the 429 answer's message when it is exceeded
    QString routeTemplate;        // the matched route's path template, e.g. "/api/v1/invitations/{token}"

    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
    bool wantsJson() const;
};
using ExchangePtr = std::shared_ptr<Exchange>;

struct Reply {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};

// The sandbox backend: the whole contract over HTTPS, read by its own HTTP/1.1 layer (HttpListener,
// which enforces the transport limits on the socket), with every request dispatched by one table so
// that unknown paths answer 404 and wrong methods 405. Lives on one thread; its SQLite connection is
// used only there.
class SandboxServer : public QObject {
    Q_OBJECT
public:
    static constexpr int MaxFaults = 100;            // faults in the plan at once
    static constexpr int MaxFaultCount = 1000;       // requests one fault applies to
    static constexpr int MaxLongPollsPerAccount = 8; // waiting GET /registration per account

    explicit SandboxServer(QObject *parent = nullptr);
    ~SandboxServer() override;

    bool start(const SandboxOptions &options, QString *error);
    QUrl baseUrl() const { return m_baseUrl; }
    const SandboxCertificates &certificates() const { return m_certificates; }
    QString supportKey() const { return m_supportKey; } // the key support staff authenticate with (§6)
    SandboxActivity activity() const;
    // The time every rule of the server reads; advancing it is a test hook (EmbeddedSandbox::advanceClock).
    Clock &clock() { return m_clock; }

private:
    void handleRequest(HttpConnection *connection, HttpRequest &&request);
    using Handler = void (SandboxServer::*)(const ExchangePtr &);
    // Who an Idempotency-Key belongs to on a route whose answers are kept for replay.
    enum class Caller { None, Account, EmailInBody, ClientAddress, Invitation };
    enum class Auth {
        None,
        Required, // a session token, or 401
        Optional, // authenticated when an Authorization header is sent
    };
    // A per-client-address limit (contract §1 "Limits"), counted in memory as requests arrive.
    struct AddressLimit {
        const char *bucket = nullptr;             // nullptr: the route has none
        int SandboxOptions::*perMinute = nullptr; // the option that sets the limit
        const char *message = nullptr;            // of the 429 answer
    };
    // One route and the properties the pipeline applies to every request of it (route()).
    struct Route {
        Route(const char *method, const char *path, Handler handler, Auth auth, bool jsonBody,
              Caller idempotency, AddressLimit addressLimit)
            : method(method)
            , path(QString::fromLatin1(path))
            , handler(handler)
            , auth(auth)
            , jsonBody(jsonBody)
            , idempotency(idempotency)
            , addressLimit(addressLimit)
            , segments(this->path.split(u'/', Qt::SkipEmptyParts)) {}
        QByteArray method;
        QString path; // template: "{name}" matches any one segment and names it in API events
        Handler handler;
        Auth auth = Auth::None;
        bool jsonBody = false;             // the body must be a JSON object (400 otherwise)
        Caller idempotency = Caller::None; // answers kept per (caller, Idempotency-Key) for 24 h
        AddressLimit addressLimit;
        qint64 maxBodyBytes = 16 * 1024;
        QStringList segments; // of path
    };
    struct Fault {
        qint64 id = 0;
        QString path;
        QByteArray method; // empty = any
        int status = 0;
        int delayMs = 0;
        int retryAfter = -1; // seconds; a 429 without it says 1
        bool drop = false;
        bool malformed = false;
        int count = 1;
        QJsonObject toJson() const;
    };
    struct Waiter {
        ExchangePtr exchange;
        qint64 since = 0;
        QTimer *timer = nullptr;
    };

    void addRoutes();
    void dispatch(const ExchangePtr &ex);
    void route(const ExchangePtr &ex);
    void finish(const ExchangePtr &ex, Reply reply);
    void writeReply(const ExchangePtr &ex, const Reply &reply);
    void logAccess(const ExchangePtr &ex, int status);

    // Answers with the contract's error body.
    void fail(const ExchangePtr &ex, int status, ErrorCode code, const QString &message,
              const QString &field = {}, const QList<RuleId> &details = {}, qint64 retryAfter = -1);
    void replyJson(const ExchangePtr &ex, int status, const QJsonObject &body);
    void replyHtml(const ExchangePtr &ex, int status, const QString &html);

    // Body field readers: false (and the request answered with 400) when the field is missing,
    // null or of the wrong type.
    bool readString(const ExchangePtr &ex, const QString &name, QString *out);
    bool readInt(const ExchangePtr &ex, const QString &name, int *out);
    // The optional "language" field: "en" or "ru"; `out` stays as it is when the field is absent.
    bool readLanguage(const ExchangePtr &ex, std::optional<Language> *out);

    // Answers a refusal of the registration service with the contract's error body.
    void fail(const ExchangePtr &ex, const ServiceError &error);
    // The route's per-address limit, counted when the request arrived: answers 429 and returns true
    // when it is exceeded. Handlers call it once the body's shape is checked (400 comes first).
    bool refuseIfAddressLimited(const ExchangePtr &ex);
    // The signed-in account, or false with the request answered (401).
    std::optional<AccountRecord> currentAccount(const ExchangePtr &ex);
    QJsonObject registrationJson(const AccountRecord &account) const;
    QJsonObject sessionJson(const SessionGrant &grant) const;
    void notifyChanged(const QString &accountId);

    // API (§3)
    void getRegions(const ExchangePtr &ex);
    void postAccounts(const ExchangePtr &ex);
    void postSessions(const ExchangePtr &ex);
    void deleteSession(const ExchangePtr &ex);
    void getRegistration(const ExchangePtr &ex);
    void putEmail(const ExchangePtr &ex);
    void postEmailResend(const ExchangePtr &ex);
    void getEmailConfirm(const ExchangePtr &ex);
    void postPhone(const ExchangePtr &ex);
    void postCard(const ExchangePtr &ex);
    void putAutopayment(const ExchangePtr &ex);
    // Sandbox routes (§4)
    void getOutbox(const ExchangePtr &ex);
    void postCalls(const ExchangePtr &ex);
    void postDtmf(const ExchangePtr &ex);
    void getThreeDs(const ExchangePtr &ex);
    void postThreeDs(const ExchangePtr &ex);
    void postFaults(const ExchangePtr &ex);
    void deleteFaults(const ExchangePtr &ex);
    void getConsole(const ExchangePtr &ex);

    // Contract 1.1: invitations (§5, invitations.cpp), support codes and the sandbox's info
    // (§6, supportcodes.cpp).
    struct SupportWaiter {
        ExchangePtr exchange;
        qint64 since = 0;
        QString codeHash;
        QTimer *timer = nullptr;
    };
    void startFeatures();
    QString invitationCaller(const ExchangePtr &ex);
    void getInvitation(const ExchangePtr &ex);
    void postInvitationAccept(const ExchangePtr &ex);
    void postSandboxInvitation(const ExchangePtr &ex);
    void getInvitePage(const ExchangePtr &ex);
    void postSupportCode(const ExchangePtr &ex);
    void deleteSupportCode(const ExchangePtr &ex);
    void getSupportRegistration(const ExchangePtr &ex);
    void getSandboxInfo(const ExchangePtr &ex);
    // The events (newest first, as SandboxStore::apiEvents gives them) are read once per answer.
    QJsonObject supportViewJson(const AccountRecord &account, const QList<ApiEventRecord> &events) const;
    void answerSupportView(const ExchangePtr &ex, const AccountRecord &account, const QString &codeHash,
                           const QList<ApiEventRecord> &events);
    void answerSupportWaiter(const SupportWaiter &waiter);
    void recordApiEvent(const ExchangePtr &ex, const Reply &reply);
    void notifySupportWatchers(const QString &accountId, bool newWriteCall);

    SandboxOptions m_options;
    Clock m_clock; // before everything that reads it, so that it outlives them
    SandboxCertificates m_certificates;
    HttpListener *m_listener = nullptr;
    QUrl m_baseUrl;
    std::unique_ptr<SandboxStore> m_store;
    std::unique_ptr<SandboxWorld> m_world;
    std::unique_ptr<RegistrationService> m_service;
    std::unique_ptr<PhoneRobot> m_robot;
    QList<Route> m_routes;
    QList<Fault> m_faults;
    qint64 m_nextFaultId = 1;
    QSet<QString> m_inProgress; // caller + '\n' + idempotency key
    int m_unanswered = 0;       // requests handed to the router and not finished yet
    int m_delayedByFaults = 0;  // of those, held by the fault plan's delay
    QMultiHash<QString, Waiter> m_waiters;
    QByteArray m_serverSecret;             // keys the idempotency hashes (dataDir/server-secret)
    SlidingWindowLimiter m_addressLimiter; // per-address request limits, in memory
    QString m_supportKey;
    QMultiHash<QString, SupportWaiter> m_supportWaiters; // by account id
    // The newest call each code's viewer has been shown: a call made between two polls wakes the
    // next poll at once, although `since` (the registration's version) did not change.
    QHash<QString, qint64> m_supportShownEvent; // by code hash
};

// The path for logs with secrets taken out: an invitation token or a support code in the path is
// replaced by its name (supportcodes.cpp).
QString pathWithoutSecrets(const QString &path);
// "ivan@example.com" -> "i***@example.com" (§5 invited_by, §6 the agent's view).
QString maskedEmail(const QString &email);

} // namespace signup
