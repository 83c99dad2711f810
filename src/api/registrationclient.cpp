#include "api/registrationclient.h"

#include "api/systemca.h"
#include "api/typedcall.h"
#include "vksignup/version.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QThreadPool>
#include <QUuid>

#include <algorithm>

namespace signup {

using namespace typedcall;

namespace {

constexpr int kRecentRequests = 50;

QString newRequestId() {
    // 120 random bits in base64url: 20 characters of [A-Za-z0-9_-].
    QByteArray bytes(15, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return QStringLiteral("c") + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding |
                                                                    QByteArray::OmitTrailingEquals));
}

// Query values other than wait/since may be secrets (a confirmation token) or personal data (an email).
QString loggablePath(const QUrl &url) {
    // An invitation token and a support code in the path are secrets too.
    QStringList segments = url.path().split(QLatin1Char('/'));
    for (int i = 1; i + 1 < segments.size(); ++i) {
        if (segments.at(i) == QLatin1String("invitations") && segments.at(i - 1) == QLatin1String("v1"))
            segments[i + 1] = QStringLiteral("{token}");
        else if (segments.at(i) == QLatin1String("registrations") &&
                 segments.at(i - 1) == QLatin1String("support"))
            segments[i + 1] = QStringLiteral("{code}");
    }
    QString path = segments.join(QLatin1Char('/'));
    const QUrlQuery query(url);
    const auto items = query.queryItems();
    if (!items.isEmpty()) {
        QStringList parts;
        for (const auto &[name, value] : items) {
            const bool safe = name == QLatin1String("wait") || name == QLatin1String("since");
            parts << name + QLatin1Char('=') + (safe ? value : QStringLiteral("redacted"));
        }
        path += QLatin1Char('?') + parts.join(QLatin1Char('&'));
    }
    return path;
}

ApiError::TlsFailure classifyTls(const QList<QSslError> &errors) {
    bool untrusted = false, expired = false, hostName = false;
    for (const QSslError &e : errors) {
        switch (e.error()) {
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::CertificateUntrusted:
        case QSslError::CertificateRejected:
        case QSslError::InvalidCaCertificate:
            untrusted = true;
            break;
        case QSslError::CertificateExpired:
        case QSslError::CertificateNotYetValid:
            expired = true;
            break;
        case QSslError::HostNameMismatch:
            hostName = true;
            break;
        default:
            break;
        }
    }
    // The root cause first: a certificate nobody vouches for says nothing about its dates or names.
    if (untrusted)
        return ApiError::TlsFailure::UntrustedCertificate;
    if (expired)
        return ApiError::TlsFailure::Expired;
    if (hostName)
        return ApiError::TlsFailure::HostNameMismatch;
    return ApiError::TlsFailure::Other;
}

// Retry-After: delta-seconds or an HTTP date; -1 when absent or unreadable.
int parseRetryAfter(const QByteArray &value) {
    if (value.isEmpty())
        return -1;
    bool ok = false;
    const int seconds = value.trimmed().toInt(&ok);
    if (ok)
        return std::max(0, seconds);
    QDateTime when = QDateTime::fromString(QString::fromLatin1(value.trimmed()), Qt::RFC2822Date);
    if (when.isValid())
        return std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(when));
    return -1;
}

// The system store, read once per process on a worker thread: reading it takes 150-230 ms
// (hundreds of files), which must neither delay the wizard's first paint nor block the GUI thread.
struct SystemCaStore {
    QMutex mutex;
    bool loading = false;
    bool loaded = false;
    QList<QSslCertificate> certificates;
    struct Waiter {
        RegistrationClient *client;
        std::function<void()> loaded; // runs on the client's thread
    };
    QList<Waiter> waiters;
};

SystemCaStore &systemCaStore() {
    static SystemCaStore store;
    return store;
}

// Starts reading the store on a worker thread (once); the clients waiting are told when it is read.
void startReadingSystemCa(SystemCaStore &store, const QMutexLocker<QMutex> &) {
    if (store.loading || store.loaded)
        return;
    store.loading = true;
    QThreadPool::globalInstance()->start([] {
        const QList<QSslCertificate> certificates = QSslConfiguration::systemCaCertificates();
        SystemCaStore &store = systemCaStore();
        // Posted under the lock: a client removes itself under it before it is destroyed.
        QMutexLocker lock(&store.mutex);
        store.certificates = certificates;
        store.loaded = true;
        for (const SystemCaStore::Waiter &waiter : std::as_const(store.waiters))
            QMetaObject::invokeMethod(waiter.client, waiter.loaded, Qt::QueuedConnection);
        store.waiters.clear();
    });
}

} // namespace

// ---------------------------------------------------------------------------------------------
// ApiCall

ApiCall::ApiCall(RegistrationClient *client, Spec spec)
    : QObject(client)
    , m_client(client)
    , m_spec(std::move(spec)) {
    m_connectTimer.setSingleShot(true);
    m_requestTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    // Retry-After is a minimum: a coarse timer may fire up to 5% early and meet another 429.
    m_retryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        m_abortReason = AbortReason::ConnectTimeout;
        if (m_reply)
            m_reply->abort();
    });
    connect(&m_requestTimer, &QTimer::timeout, this, [this] {
        m_abortReason = AbortReason::RequestTimeout;
        if (m_reply)
            m_reply->abort();
    });
    connect(&m_retryTimer, &QTimer::timeout, this, &ApiCall::startAttempt);
}

ApiCall::~ApiCall() {
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiCall::abort() {
    if (m_finished)
        return;
    if (m_reply) {
        m_abortReason = AbortReason::Cancelled;
        m_reply->abort(); // onAttemptFinished reports Cancelled
        return;
    }
    m_retryTimer.stop();
    ApiError e;
    e.kind = ApiError::Kind::Cancelled;
    e.message = QStringLiteral("cancelled");
    finish(e);
}

void ApiCall::start() {
    const bool write = m_spec.method != "GET" && m_spec.method != "HEAD";
    if (write && m_spec.idempotencyKey.isEmpty())
        m_spec.idempotencyKey = RegistrationClient::newIdempotencyKey();
    if (m_spec.supportKey && !m_client->hasSupportKey()) {
        ApiError e;
        e.kind = ApiError::Kind::Http;
        e.httpStatus = 401;
        e.setCode(ErrorCode::Unauthorized);
        e.message = QStringLiteral("no support key");
        finishLater(e);
        return;
    }
    if (m_spec.authenticated && !m_client->hasToken()) {
        ApiError e;
        e.kind = ApiError::Kind::Http;
        e.httpStatus = 401;
        e.setCode(ErrorCode::Unauthorized);
        e.message = QStringLiteral("no session token");
        finishLater(e);
        return;
    }
    if (!m_client->m_trustApplied)
        m_client->applyTrust();
    if (!m_client->m_trustStoreReady) {
        preloadSystemCaCertificates();
        // The first calls of a client with an extra CA wait for the system store (read once).
        connect(
            m_client, &RegistrationClient::trustStoreReady, this,
            [this] {
                if (!m_finished)
                    startAttempt();
            },
            Qt::SingleShotConnection);
        return;
    }
    startAttempt();
}

int ApiCall::backoffMs() const {
    const ClientConfig &c = m_client->config();
    const qint64 exp = qint64(c.backoffBaseMs) << std::min(m_attempt - 1, 16);
    const int cap = int(std::min<qint64>(exp, c.backoffMaxMs));
    // "Equal jitter": at least half the step, so retries spread out but never hammer.
    return cap / 2 + int(QRandomGenerator::global()->bounded(cap / 2 + 1));
}

void ApiCall::startAttempt() {
    ++m_attempt;
    m_raw.clear();
    m_body = {};
    m_status = 0;
    m_sslErrors.clear();
    m_replayed = false;
    m_abortReason = AbortReason::None;

    const ClientConfig &c = m_client->config();
    QUrl url;
    if (m_spec.absoluteUrl.isValid()) {
        url = m_spec.absoluteUrl;
    } else {
        url = c.apiUrl;
        url.setPath(m_spec.path);
        if (!m_spec.query.isEmpty())
            url.setQuery(m_spec.query);
    }

    QNetworkRequest request(url);
    request.setSslConfiguration(*m_client->m_ssl);
    const int wholeMs = m_spec.waitSeconds * 1000 + c.requestTimeoutMs;
    request.setTransferTimeout(wholeMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "vkcloud-signup/" VKSIGNUP_VERSION);
    m_attemptRequestId = newRequestId();
    request.setRawHeader("X-Request-Id", m_attemptRequestId.toLatin1());
    if (!m_spec.body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (m_spec.supportKey)
        request.setRawHeader("Authorization", "Bearer " + m_client->m_supportKey.toUtf8());
    else if (m_spec.authenticated)
        request.setRawHeader("Authorization", "Bearer " + m_client->m_token.toUtf8());
    if (!m_spec.idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", m_spec.idempotencyKey.toLatin1());

    m_attemptStartedAt = QDateTime::currentDateTimeUtc();
    m_attemptClock.start();
    QNetworkReply *reply = m_spec.method == "GET"
                               ? m_client->m_nam->get(request)
                               : m_client->m_nam->sendCustomRequest(request, m_spec.method, m_spec.body);
    m_reply = reply;
    connect(reply, &QNetworkReply::readyRead, this, &ApiCall::onReadyRead);
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply] {
        const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (length > m_client->config().maxResponseBytes) {
            m_abortReason = AbortReason::TooLarge;
            reply->abort();
        }
    });
    // Recorded, never ignored: the reply then fails with SslHandshakeFailedError.
    connect(reply, &QNetworkReply::sslErrors, this,
            [this](const QList<QSslError> &errors) { m_sslErrors += errors; });
    connect(reply, &QNetworkReply::requestSent, this, [this] { m_connectTimer.stop(); });
    connect(reply, &QNetworkReply::finished, this, &ApiCall::onAttemptFinished);
    m_connectTimer.start(c.connectTimeoutMs);
    m_requestTimer.start(wholeMs);
}

void ApiCall::onReadyRead() {
    if (!m_reply)
        return;
    m_raw += m_reply->readAll();
    if (m_raw.size() > m_client->config().maxResponseBytes) {
        m_abortReason = AbortReason::TooLarge;
        m_reply->abort();
    }
}

void ApiCall::onAttemptFinished() {
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_connectTimer.stop();
    m_requestTimer.stop();
    m_reply = nullptr;
    reply->deleteLater();
    if (m_abortReason == AbortReason::None)
        m_raw += reply->readAll();

    const ClientConfig &c = m_client->config();
    ApiError e;
    e.requestId = QString::fromLatin1(reply->rawHeader("X-Request-Id"));
    if (e.requestId.isEmpty())
        e.requestId = m_attemptRequestId;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_status = status;
    m_replayed = reply->rawHeader("Idempotent-Replayed").trimmed().compare("true", Qt::CaseInsensitive) == 0;
    int retryAfter = parseRetryAfter(reply->rawHeader("Retry-After"));

    switch (m_abortReason) {
    case AbortReason::Cancelled:
        e.kind = ApiError::Kind::Cancelled;
        e.message = QStringLiteral("cancelled");
        break;
    case AbortReason::ConnectTimeout:
        e.kind = ApiError::Kind::Timeout;
        e.message = QStringLiteral("no connection within %1 ms").arg(c.connectTimeoutMs);
        break;
    case AbortReason::RequestTimeout:
        e.kind = ApiError::Kind::Timeout;
        e.message = QStringLiteral("no complete answer within %1 ms")
                        .arg(m_spec.waitSeconds * 1000 + c.requestTimeoutMs);
        break;
    case AbortReason::TooLarge:
        e = badResponse(QStringLiteral("the answer is larger than %1 bytes").arg(c.maxResponseBytes));
        e.httpStatus = status;
        e.requestId = m_attemptRequestId;
        break;
    case AbortReason::None:
        if (status == 0) {
            const auto netError = reply->error();
            if (netError == QNetworkReply::SslHandshakeFailedError || !m_sslErrors.isEmpty()) {
                e.kind = ApiError::Kind::Tls;
                e.tls = classifyTls(m_sslErrors);
            } else if (netError == QNetworkReply::TimeoutError ||
                       netError == QNetworkReply::OperationCanceledError) {
                // OperationCanceledError without our own abort: the transfer timeout fired.
                e.kind = ApiError::Kind::Timeout;
            } else {
                e.kind = ApiError::Kind::Network;
            }
            e.message = reply->errorString();
        } else if (status >= 200 && status < 300) {
            if (!m_raw.isEmpty()) {
                QJsonParseError parseError;
                const QJsonDocument doc = QJsonDocument::fromJson(m_raw, &parseError);
                if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
                    e = badResponse(
                        QStringLiteral("HTTP %1 with a body that is not a JSON object").arg(status));
                    e.httpStatus = status;
                    e.requestId = QString::fromLatin1(reply->rawHeader("X-Request-Id"));
                } else {
                    m_body = doc.object();
                }
            } else if (status != 204 && status != 202 && m_spec.method != "DELETE") {
                e = badResponse(QStringLiteral("HTTP %1 with an empty body").arg(status));
                e.httpStatus = status;
            }
        } else if (status >= 300 && status < 400) {
            e = badResponse(QStringLiteral("unexpected redirect (HTTP %1)").arg(status));
            e.httpStatus = status;
        } else {
            e.kind = ApiError::Kind::Http;
            e.httpStatus = status;
            const QJsonDocument doc = QJsonDocument::fromJson(m_raw);
            const QJsonObject error = doc.object().value(QLatin1String("error")).toObject();
            if (!error.isEmpty()) {
                e.setWireCode(error.value(QLatin1String("code")).toString());
                e.message = error.value(QLatin1String("message")).toString();
                e.field = error.value(QLatin1String("field")).toString();
                for (const QJsonValue &v : error.value(QLatin1String("details")).toArray())
                    e.details << v.toString();
                if (error.value(QLatin1String("retry_after")).isDouble() && retryAfter < 0)
                    retryAfter = error.value(QLatin1String("retry_after")).toInt();
            } else {
                e.message = QStringLiteral("HTTP %1 without the contract's error body").arg(status);
            }
            e.retryAfterSeconds = retryAfter;
        }
        break;
    }
    if (e.isError() && e.requestId.isEmpty())
        e.requestId = m_attemptRequestId;

    RequestRecord r;
    r.startedAt = m_attemptStartedAt;
    r.requestId = m_attemptRequestId;
    r.method = QString::fromLatin1(m_spec.method);
    r.path = loggablePath(reply->url());
    r.idempotencyKey = m_spec.idempotencyKey;
    r.attempt = m_attempt;
    r.httpStatus = status;
    r.durationMs = m_attemptClock.elapsed();
    r.outcome = e.kind;
    r.errorCode = e.wireCode;
    m_client->record(r);

    // Retry only what may succeed the second time and is safe to repeat: a GET, or a write that
    // carries an Idempotency-Key (the server then runs it at most once).
    const bool safeToRepeat = m_spec.method == "GET" || !m_spec.idempotencyKey.isEmpty();
    const int maxAttempts = m_spec.maxAttempts > 0 ? m_spec.maxAttempts : c.maxAttempts;
    bool retry = false;
    int delay = 0;
    if (safeToRepeat && m_attempt < maxAttempts) {
        if (e.kind == ApiError::Kind::Network || e.kind == ApiError::Kind::Timeout) {
            retry = true;
        } else if (e.kind == ApiError::Kind::Http &&
                   (e.httpStatus >= 500 || e.httpStatus == 408 || e.httpStatus == 429)) {
            // A long Retry-After goes back to the caller so the UI can show a countdown instead of
            // a spinner that seems stuck.
            retry = e.retryAfterSeconds <= c.maxAutoRetryAfterSeconds;
        }
        if (retry) {
            delay = e.retryAfterSeconds >= 0
                        ? e.retryAfterSeconds * 1000 + int(QRandomGenerator::global()->bounded(250))
                        : backoffMs();
        }
    }
    if (retry) {
        m_retryTimer.start(delay);
        return;
    }
    finish(e);
}

void ApiCall::finishLater(const ApiError &error) {
    QTimer::singleShot(0, this, [this, error] { finish(error); });
}

void ApiCall::finish(const ApiError &error) {
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    emit finished();
    deleteLater();
}

// ---------------------------------------------------------------------------------------------
// RegistrationClient

RegistrationClient::RegistrationClient(const ClientConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_nam(new QNetworkAccessManager(this)) {
    qRegisterMetaType<RequestRecord>();
    qRegisterMetaType<ApiError>();
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    applyProxy();
    m_nam->setAutoDeleteReplies(false);
    m_nam->setStrictTransportSecurityEnabled(true);
    // With no backend yet (the embedded sandbox starts behind the window) nothing about TLS is
    // loaded now: the TLS backend and OpenSSL come with setBackend() or the first call.
    if (!m_config.apiUrl.isEmpty())
        applyTrust();
}

void RegistrationClient::setBackend(const QUrl &apiUrl, const QList<QSslCertificate> &extraCa,
                                    bool trustSystemCa) {
    m_config.apiUrl = apiUrl;
    m_config.extraCa = extraCa;
    m_config.trustSystemCa = trustSystemCa;
    applyProxy();
    applyTrust();
}

void RegistrationClient::applyProxy() {
    if (m_config.proxy) {
        m_nam->setProxy(*m_config.proxy);
    } else {
        // A proxy cannot reach this machine's loopback (the embedded sandbox): never send it there.
        const QString host = m_config.apiUrl.host();
        const bool loopback = host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
        m_nam->setProxy(QNetworkProxy(loopback ? QNetworkProxy::NoProxy : QNetworkProxy::DefaultProxy));
    }
}

// Trust is only ever the system store plus the configured extra CA, or (trustSystemCa false) the
// extra CA alone. Without an extra CA the default configuration trusts the system store, which
// OpenSSL reads on demand.
void RegistrationClient::applyTrust() {
    m_trustApplied = true;
    m_ssl = QSslConfiguration::defaultConfiguration();
    m_ssl->setPeerVerifyMode(QSslSocket::VerifyPeer);
    const bool wasWaiting = !m_trustStoreReady;
    SystemCaStore &store = systemCaStore();
    QMutexLocker lock(&store.mutex);
    store.waiters.removeIf([this](const SystemCaStore::Waiter &w) { return w.client == this; });
    m_trustStoreReady = true;
    if (!m_config.trustSystemCa) {
        m_ssl->setCaCertificates(m_config.extraCa);
    } else if (!m_config.extraCa.isEmpty()) {
        // The system store plus the extra CA: the store is read off this thread; calls wait for it.
        if (store.loaded) {
            m_ssl->setCaCertificates(store.certificates + m_config.extraCa);
        } else {
            m_trustStoreReady = false;
            store.waiters.append({this, [this] { onSystemCaLoaded(); }});
        }
    }
    lock.unlock();
    if (wasWaiting && m_trustStoreReady)
        emit trustStoreReady();
}

RegistrationClient::~RegistrationClient() {
    if (!m_trustStoreReady) {
        SystemCaStore &store = systemCaStore();
        QMutexLocker lock(&store.mutex);
        store.waiters.removeIf([this](const SystemCaStore::Waiter &w) { return w.client == this; });
    }
}

void preloadSystemCaCertificates() {
    SystemCaStore &store = systemCaStore();
    QMutexLocker lock(&store.mutex);
    startReadingSystemCa(store, lock);
}

void RegistrationClient::onSystemCaLoaded() {
    if (m_trustStoreReady)
        return; // pointed elsewhere meanwhile (setBackend)
    SystemCaStore &store = systemCaStore();
    {
        QMutexLocker lock(&store.mutex);
        m_ssl->setCaCertificates(store.certificates + m_config.extraCa);
    }
    m_trustStoreReady = true;
    emit trustStoreReady();
}

QString RegistrationClient::originOf(const QUrl &url) {
    const int defaultPort = url.scheme() == QLatin1String("http") ? 80 : 443;
    return QStringLiteral("%1://%2:%3")
        .arg(url.scheme().toLower(), url.host().toLower())
        .arg(url.port(defaultPort));
}

QString RegistrationClient::origin() const {
    return originOf(m_config.apiUrl);
}

void RegistrationClient::setToken(const QString &token) {
    m_token = token;
}

void RegistrationClient::clearToken() {
    m_token.clear();
}

void RegistrationClient::setSupportKey(const QString &key) {
    m_supportKey = key;
}

void RegistrationClient::clearSupportKey() {
    m_supportKey.clear();
}

void RegistrationClient::setProxy(const std::optional<QNetworkProxy> &proxy) {
    m_config.proxy = proxy;
    m_nam->setProxy(proxy ? *proxy : QNetworkProxy(QNetworkProxy::DefaultProxy));
}

QString RegistrationClient::newIdempotencyKey() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

ApiCall *RegistrationClient::send(ApiCall::Spec spec) {
    const bool longPoll = spec.waitSeconds > 0;
    auto *call = new ApiCall(this, std::move(spec));
    ++m_callsInFlight;
    m_longPollsInFlight += longPoll;
    connect(call, &ApiCall::finished, this, [this, longPoll] {
        --m_callsInFlight;
        m_longPollsInFlight -= longPoll;
    });
    call->start();
    return call;
}

void RegistrationClient::record(const RequestRecord &r) {
    m_recent.append(r);
    while (m_recent.size() > kRecentRequests)
        m_recent.removeFirst();
}

QString RegistrationClient::formatRequests(const QList<RequestRecord> &records) {
    QString text;
    for (const RequestRecord &r : records) {
        text +=
            QStringLiteral("%1 %2 %3 -> %4 %5 in %6 ms (request %7, attempt %8%9)\n")
                .arg(r.startedAt.toString(Qt::ISODateWithMs), r.method, r.path,
                     r.httpStatus ? QString::number(r.httpStatus) : QStringLiteral("-"),
                     ApiError::kindName(r.outcome))
                .arg(r.durationMs)
                .arg(r.requestId)
                .arg(r.attempt)
                .arg(r.idempotencyKey.isEmpty() ? QString() : QStringLiteral(", key ") + r.idempotencyKey);
    }
    return text;
}

QString RegistrationClient::recentRequestsText() const {
    return formatRequests(m_recent);
}

// ---------------------------------------------------------------------------------------------
// Typed calls

namespace {

bool isRegistrationObject(const QJsonObject &o) {
    return o.value(QLatin1String("account_id")).isString() && o.value(QLatin1String("version")).isDouble() &&
           o.value(QLatin1String("steps")).isObject() && o.value(QLatin1String("next_step")).isString();
}

bool parseRegistration(const QJsonObject &o, Registration *out, QString *problem) {
    if (!isRegistrationObject(o)) {
        *problem = QStringLiteral("the answer is not a registration object");
        return false;
    }
    *out = Registration::fromJson(o);
    return true;
}

bool parseSessionResult(const QJsonObject &o, SessionResult *out, QString *problem) {
    const QJsonObject session = o.value(QLatin1String("session")).toObject();
    const QString token = session.value(QLatin1String("token")).toString();
    if (token.isEmpty()) {
        *problem = QStringLiteral("the answer has no session token");
        return false;
    }
    if (!parseRegistration(o.value(QLatin1String("registration")).toObject(), &out->registration, problem))
        return false;
    out->session.token = token;
    out->session.expiresAt = fromRfc3339(session.value(QLatin1String("expires_at")).toString());
    return true;
}

} // namespace

ApiCall *RegistrationClient::regions(QObject *context, Done<QList<Region>> done) {
    ApiCall::Spec spec = makeSpec("GET", QStringLiteral("/api/v1/regions"));
    return deliver<QList<Region>>(send(spec), context, std::move(done),
                                  [](const QJsonObject &o, QList<Region> *out, QString *problem) {
                                      const QJsonValue list = o.value(QLatin1String("regions"));
                                      if (!list.isArray()) {
                                          *problem = QStringLiteral("the answer has no regions list");
                                          return false;
                                      }
                                      for (const QJsonValue &v : list.toArray()) {
                                          Region r = regionFromJson(v.toObject());
                                          if (r.id.isEmpty()) {
                                              *problem = QStringLiteral("a region without an id");
                                              return false;
                                          }
                                          out->append(r);
                                      }
                                      return true;
                                  });
}

ApiCall *RegistrationClient::createAccount(const CreateAccountRequest &request, const QString &idempotencyKey,
                                           QObject *context, Done<SessionResult> done) {
    ApiCall::Spec spec = makeSpec("POST", QStringLiteral("/api/v1/accounts"));
    spec.body = toBody({{QStringLiteral("email"), request.email},
                        {QStringLiteral("password"), request.password},
                        {QStringLiteral("region"), request.region},
                        {QStringLiteral("language"), request.language}});
    spec.idempotencyKey = idempotencyKey;
    return deliver<SessionResult>(send(spec), context, std::move(done), parseSessionResult);
}

ApiCall *RegistrationClient::signIn(const QString &email, const QString &password,
                                    const QString &idempotencyKey, QObject *context,
                                    Done<SessionResult> done) {
    ApiCall::Spec spec = makeSpec("POST", QStringLiteral("/api/v1/sessions"));
    spec.body = toBody({{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
    spec.idempotencyKey = idempotencyKey;
    return deliver<SessionResult>(send(spec), context, std::move(done), parseSessionResult);
}

ApiCall *RegistrationClient::signOut(const QString &idempotencyKey, QObject *context, Done<NoContent> done) {
    ApiCall::Spec spec = makeSpec("DELETE", QStringLiteral("/api/v1/sessions/current"));
    spec.authenticated = true;
    spec.idempotencyKey = idempotencyKey;
    return deliver<NoContent>(send(spec), context, std::move(done), parseNothing);
}

ApiCall *RegistrationClient::registration(std::optional<qint64> since, int waitSeconds, QObject *context,
                                          Done<Registration> done, int maxAttempts) {
    ApiCall::Spec spec = makeSpec("GET", QStringLiteral("/api/v1/registration"));
    spec.authenticated = true;
    spec.maxAttempts = maxAttempts;
    if (waitSeconds > 0) {
        spec.waitSeconds = std::min(waitSeconds, 30);
        spec.query.addQueryItem(QStringLiteral("wait"), QString::number(spec.waitSeconds));
    }
    if (since)
        spec.query.addQueryItem(QStringLiteral("since"), QString::number(*since));
    return deliver<Registration>(send(spec), context, std::move(done), parseRegistration);
}

ApiCall *RegistrationClient::changeEmail(const QString &email, const QString &idempotencyKey,
                                         QObject *context, Done<Registration> done) {
    ApiCall::Spec spec = makeSpec("PUT", QStringLiteral("/api/v1/registration/email"));
    spec.authenticated = true;
    spec.body = toBody({{QStringLiteral("email"), email}});
    spec.idempotencyKey = idempotencyKey;
    return deliver<Registration>(send(spec), context, std::move(done), parseRegistration);
}

ApiCall *RegistrationClient::resendEmail(const QString &idempotencyKey, QObject *context,
                                         Done<ResendResult> done) {
    ApiCall::Spec spec = makeSpec("POST", QStringLiteral("/api/v1/registration/email/resend"));
    spec.authenticated = true;
    spec.idempotencyKey = idempotencyKey;
    return deliver<ResendResult>(
        send(spec), context, std::move(done), [](const QJsonObject &o, ResendResult *out, QString *problem) {
            out->resendAvailableAt = fromRfc3339(o.value(QLatin1String("resend_available_at")).toString());
            if (!out->resendAvailableAt.isValid()) {
                *problem = QStringLiteral("the answer has no resend_available_at");
                return false;
            }
            return true;
        });
}

ApiCall *RegistrationClient::submitPhone(const QString &phoneE164, const QString &idempotencyKey,
                                         QObject *context, Done<PhoneState> done) {
    ApiCall::Spec spec = makeSpec("POST", QStringLiteral("/api/v1/registration/phone"));
    spec.authenticated = true;
    spec.body = toBody({{QStringLiteral("phone"), phoneE164}});
    spec.idempotencyKey = idempotencyKey;
    return deliver<PhoneState>(send(spec), context, std::move(done),
                               [](const QJsonObject &o, PhoneState *out, QString *problem) {
                                   const QJsonObject phone = o.value(QLatin1String("phone")).toObject();
                                   if (!phone.value(QLatin1String("status")).isString()) {
                                       *problem = QStringLiteral("the answer has no phone object");
                                       return false;
                                   }
                                   *out = PhoneState::fromJson(phone);
                                   return true;
                               });
}

ApiCall *RegistrationClient::submitCard(const CardDetails &card, const QString &idempotencyKey,
                                        QObject *context, Done<CardState> done) {
    ApiCall::Spec spec = makeSpec("POST", QStringLiteral("/api/v1/registration/card"));
    spec.authenticated = true;
    spec.body = toBody({{QStringLiteral("number"), card.number},
                        {QStringLiteral("exp_month"), card.expMonth},
                        {QStringLiteral("exp_year"), card.expYear},
                        {QStringLiteral("cvc"), card.cvc}});
    spec.idempotencyKey = idempotencyKey;
    return deliver<CardState>(send(spec), context, std::move(done), parseCard);
}

ApiCall *RegistrationClient::setAutopayment(const AutopaymentRequest &request, const QString &idempotencyKey,
                                            QObject *context, Done<Registration> done) {
    ApiCall::Spec spec = makeSpec("PUT", QStringLiteral("/api/v1/registration/autopayment"));
    spec.authenticated = true;
    const auto money = [](const Money &m) {
        return m.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(m.toJson());
    };
    spec.body = toBody({{QStringLiteral("enabled"), request.enabled},
                        {QStringLiteral("threshold"), money(request.threshold)},
                        {QStringLiteral("amount"), money(request.amount)}});
    spec.idempotencyKey = idempotencyKey;
    return deliver<Registration>(send(spec), context, std::move(done), parseRegistration);
}

ApiCall *RegistrationClient::confirmEmailLink(const QUrl &confirmUrl, QObject *context, Done<QString> done) {
    ApiCall::Spec spec = makeSpec("GET", confirmUrl.path());
    spec.absoluteUrl = confirmUrl;
    return deliver<QString>(send(spec), context, std::move(done),
                            [](const QJsonObject &o, QString *out, QString *problem) {
                                *out = o.value(QLatin1String("registration_step")).toString();
                                if (out->isEmpty())
                                    *problem = QStringLiteral("the answer has no registration_step");
                                return !out->isEmpty();
                            });
}

// ---------------------------------------------------------------------------------------------
// Contract 1.1: invitations (§5) and support codes (§6)

QString RegistrationClient::invitationTokenFromUrl(const QUrl &url) {
    if (!url.isValid() || url.scheme() != QLatin1String("https"))
        return {};
    const QStringList segments = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (segments.size() != 2 || segments.first() != QLatin1String("invite"))
        return {};
    static const QRegularExpression tokenPattern(QStringLiteral("^[A-Za-z0-9_-]{16,128}$"));
    return tokenPattern.match(segments.last()).hasMatch() ? segments.last() : QString();
}

namespace {

QString pathSegment(const QString &text) {
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

} // namespace

ApiCall *RegistrationClient::invitation(const QString &token, QObject *context, Done<Invitation> done) {
    ApiCall::Spec spec = makeSpec("GET", QStringLiteral("/api/v1/invitations/") + pathSegment(token));
    return deliver<Invitation>(
        send(spec), context, std::move(done), [](const QJsonObject &o, Invitation *out, QString *problem) {
            const QJsonObject invitation = o.value(QLatin1String("invitation")).toObject();
            if (!invitation.value(QLatin1String("email")).isString() ||
                !invitation.value(QLatin1String("project")).isObject()) {
                *problem = QStringLiteral("the answer has no invitation object");
                return false;
            }
            *out = invitationFromJson(invitation);
            return true;
        });
}

ApiCall *RegistrationClient::acceptInvitationAsNewAccount(const QString &token, const QString &password,
                                                          const QString &language,
                                                          const QString &idempotencyKey, QObject *context,
                                                          Done<SessionResult> done) {
    ApiCall::Spec spec =
        makeSpec("POST", QStringLiteral("/api/v1/invitations/%1/accept").arg(pathSegment(token)));
    spec.body = toBody({{QStringLiteral("password"), password}, {QStringLiteral("language"), language}});
    spec.idempotencyKey = idempotencyKey;
    return deliver<SessionResult>(send(spec), context, std::move(done), parseSessionResult);
}

ApiCall *RegistrationClient::acceptInvitationSignedIn(const QString &token, const QString &idempotencyKey,
                                                      QObject *context, Done<Registration> done) {
    ApiCall::Spec spec =
        makeSpec("POST", QStringLiteral("/api/v1/invitations/%1/accept").arg(pathSegment(token)));
    spec.authenticated = true;
    spec.body = "{}";
    spec.idempotencyKey = idempotencyKey;
    return deliver<Registration>(send(spec), context, std::move(done), parseRegistration);
}

ApiCall *RegistrationClient::createSupportCode(const QString &idempotencyKey, QObject *context,
                                               Done<SupportCode> done) {
    ApiCall::Spec spec = makeSpec("POST", QStringLiteral("/api/v1/registration/support-code"));
    spec.authenticated = true;
    spec.idempotencyKey = idempotencyKey;
    return deliver<SupportCode>(
        send(spec), context, std::move(done), [](const QJsonObject &o, SupportCode *out, QString *problem) {
            out->code = o.value(QLatin1String("code")).toString();
            out->expiresAt = fromRfc3339(o.value(QLatin1String("expires_at")).toString());
            if (out->code.isEmpty() || !out->expiresAt.isValid()) {
                *problem = QStringLiteral("the answer has no code or expires_at");
                return false;
            }
            return true;
        });
}

ApiCall *RegistrationClient::withdrawSupportCode(const QString &idempotencyKey, QObject *context,
                                                 Done<NoContent> done) {
    ApiCall::Spec spec = makeSpec("DELETE", QStringLiteral("/api/v1/registration/support-code"));
    spec.authenticated = true;
    spec.idempotencyKey = idempotencyKey;
    return deliver<NoContent>(send(spec), context, std::move(done), parseNothing);
}

ApiCall *RegistrationClient::supportRegistration(const QString &code, std::optional<qint64> since,
                                                 int waitSeconds, QObject *context, Done<SupportView> done,
                                                 int maxAttempts) {
    ApiCall::Spec spec =
        makeSpec("GET", QStringLiteral("/api/v1/support/registrations/") + pathSegment(code.trimmed()));
    spec.supportKey = true;
    spec.maxAttempts = maxAttempts;
    if (waitSeconds > 0) {
        spec.waitSeconds = std::min(waitSeconds, 30);
        spec.query.addQueryItem(QStringLiteral("wait"), QString::number(spec.waitSeconds));
    }
    if (since)
        spec.query.addQueryItem(QStringLiteral("since"), QString::number(*since));
    return deliver<SupportView>(send(spec), context, std::move(done),
                                [](const QJsonObject &o, SupportView *out, QString *problem) {
                                    if (!parseRegistration(o.value(QLatin1String("registration")).toObject(),
                                                           &out->registration, problem))
                                        return false;
                                    if (!o.value(QLatin1String("events")).isArray()) {
                                        *problem = QStringLiteral("the answer has no events list");
                                        return false;
                                    }
                                    for (const QJsonValue &v : o.value(QLatin1String("events")).toArray())
                                        out->events.append(supportEventFromJson(v.toObject()));
                                    return true;
                                });
}

} // namespace signup
