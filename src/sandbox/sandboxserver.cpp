#include "sandbox/sandboxserver.h"

#include "core/phonepolicy.h"
#include "core/region.h"
#include "core/registration.h"
#include "sandbox/sandboxutil.h"
#include "sandbox/secretstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkInterface>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QThread>
#include <QTimer>

#include <cstdio>

namespace signup {

namespace {

constexpr qint64 MaxBodyBytes = 16 * 1024;

// The path and query for the access log. Query values other than the long-poll arguments are
// replaced: the confirm link's token is a secret, an outbox address is personal.
QString loggedTarget(const Exchange &ex) {
    if (ex.query.isEmpty())
        return pathWithoutSecrets(ex.path);
    QStringList items;
    for (const auto &[key, value] : ex.query.queryItems(QUrl::FullyEncoded)) {
        const bool harmless = key == QLatin1String("wait") || key == QLatin1String("since");
        items.append(key + u'=' + (harmless ? value : QStringLiteral("REDACTED")));
    }
    return pathWithoutSecrets(ex.path) + u'?' + items.join(u'&');
}

// JSON allows no byte below 0x20 inside a string (RFC 8259, 7), and outside strings only tab,
// line feed and carriage return; QJsonDocument accepts them raw.
bool hasRawControlCharacters(const QByteArray &json) {
    bool inString = false;
    bool escaped = false;
    for (char c : json) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && (inString || (u != '\t' && u != '\n' && u != '\r')))
            return true;
        if (!inString) {
            inString = c == '"';
        } else if (escaped) {
            escaped = false;
        } else if (c == '\\') {
            escaped = true;
        } else if (c == '"') {
            inString = false;
        }
    }
    return false;
}

} // namespace

bool Exchange::wantsJson() const {
    return header("accept").contains("application/json");
}

QJsonObject SandboxServer::Fault::toJson() const {
    QJsonObject o{{QStringLiteral("id"), QString::number(id)},
                  {QStringLiteral("path"), path},
                  {QStringLiteral("count"), count}};
    o.insert(QStringLiteral("method"),
             method.isEmpty() ? QJsonValue() : QJsonValue(QString::fromLatin1(method)));
    o.insert(QStringLiteral("status"), status ? QJsonValue(status) : QJsonValue());
    o.insert(QStringLiteral("delay_ms"), delayMs);
    o.insert(QStringLiteral("retry_after"), retryAfter >= 0 ? QJsonValue(retryAfter) : QJsonValue());
    o.insert(QStringLiteral("drop"), drop);
    o.insert(QStringLiteral("malformed"), malformed);
    return o;
}

SandboxServer::SandboxServer(QObject *parent)
    : QObject(parent) {
    addRoutes();
}

SandboxServer::~SandboxServer() {
    // Unanswered long polls: their sockets go away with the server.
    for (auto it = m_waiters.begin(); it != m_waiters.end(); ++it)
        delete it->timer;
    m_waiters.clear();
}

SandboxActivity SandboxServer::activity() const {
    SandboxActivity a;
    a.connections = m_listener ? m_listener->connectionCount() : 0;
    a.unansweredRequests = m_unanswered;
    a.waitingLongPolls = int(m_waiters.size());
    a.waitingSupportPolls = int(m_supportWaiters.size());
    a.delayedByFaults = m_delayedByFaults;
    a.passwordHashes = m_service ? m_service->passwordHashesInFlight() : 0;
    return a;
}

bool SandboxServer::start(const SandboxOptions &options, QString *error) {
    m_options = options;
    if (m_options.dataDir.isEmpty()) {
        *error = QStringLiteral("no data directory given");
        return false;
    }
    QDir dir(m_options.dataDir);
    if (!dir.mkpath(QStringLiteral(".")) || !dir.mkpath(QStringLiteral("outbox"))) {
        *error = QStringLiteral("cannot create the data directory %1").arg(m_options.dataDir);
        return false;
    }
    // Listening beyond loopback: the certificate must name the addresses clients will use.
    QList<QHostAddress> certificateAddresses;
    const QHostAddress &address = m_options.listenAddress;
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4 ||
        address == QHostAddress::AnyIPv6) {
        for (const QHostAddress &a : QNetworkInterface::allAddresses())
            if (a.scopeId().isEmpty())
                certificateAddresses.append(a);
    } else if (!address.isLoopback()) {
        certificateAddresses.append(address);
    }
    const bool certificatesOk =
        m_options.certificateFile.isEmpty()
            ? loadOrCreateSandboxCertificates(m_options.dataDir, &m_certificates, error, certificateAddresses)
            : loadSandboxCertificateFiles(m_options.certificateFile, m_options.keyFile, &m_certificates,
                                          error);
    if (!certificatesOk)
        return false;

    m_serverSecret = loadOrCreateServerSecret(m_options.dataDir, error);
    if (m_serverSecret.isEmpty())
        return false;

    m_store = std::make_unique<SandboxStore>(m_clock);
    if (!m_store->open(dir.absoluteFilePath(QStringLiteral("sandbox.sqlite")), error))
        return false;
    m_world = std::make_unique<SandboxWorld>(*m_store, m_clock, m_options.dataDir);
    ServiceSettings settings;
    settings.passwordHashIterations = m_options.passwordHashIterations;
    settings.maxQueuedPasswordHashes = m_options.maxQueuedPasswordHashes;
    settings.emailResendCooldownSeconds = m_options.emailResendCooldownSeconds;
    settings.cardProcessingMs = m_options.cardProcessingMs;
    settings.phoneCallWindowSeconds = m_options.phoneCallWindowSeconds;
    settings.sandboxRoutes = m_options.sandboxRoutes;
    settings.accountCreationsPerMinute = m_options.accountCreationsPerMinute;
    settings.invitationLifetimeSeconds = m_options.invitationLifetimeSeconds;
    settings.supportCodeLifetimeSeconds = m_options.supportCodeLifetimeSeconds;
    settings.serverSecret = m_serverSecret;
    m_service = std::make_unique<RegistrationService>(*m_store, *m_world, m_clock, settings);
    connect(m_service.get(), &RegistrationService::registrationChanged, this, &SandboxServer::notifyChanged);
    m_robot = std::make_unique<PhoneRobot>(*m_store, *m_service);

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    QList<QSslCertificate> chain{m_certificates.serverCertificate};
    if (m_certificates.trustCertificate != m_certificates.serverCertificate)
        chain.append(m_certificates.trustCertificate);
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(m_certificates.serverKey);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // the server does not ask clients for certificates
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")}); // the server speaks HTTP/1.1 only
    HttpLimits limits;
    limits.maxBodyBytes = int(MaxBodyBytes);
    limits.requestTimeoutMs = m_options.requestTimeoutMs;
    limits.idleTimeoutMs = m_options.idleTimeoutMs;
    limits.lingerMs = m_options.lingerMs;
    limits.handshakeTimeoutMs = m_options.handshakeTimeoutMs;
    m_listener = new HttpListener(
        tls, limits,
        [this](HttpConnection *connection, HttpRequest &&request) {
            handleRequest(connection, std::move(request));
        },
        this);
    const quint16 port =
        m_listener->listen(m_options.listenAddress, m_options.port) ? m_listener->serverPort() : 0;
    if (port == 0) {
        *error = QStringLiteral("cannot listen on %1:%2")
                     .arg(m_options.listenAddress.toString())
                     .arg(m_options.port);
        return false;
    }
    if (!address.isLoopback()) {
        const QByteArray warning =
            "sandbox: WARNING: listening on " + address.toString().toUtf8() +
            ", beyond this machine. The sandbox is a test backend: anyone who can reach the port can "
            "create accounts, read the outbox and inject faults.\n";
        std::fwrite(warning.constData(), 1, size_t(warning.size()), stderr);
        std::fflush(stderr);
    }
    QString host = m_options.listenAddress.toString();
    if (m_options.listenAddress == QHostAddress::Any || m_options.listenAddress == QHostAddress::AnyIPv4 ||
        m_options.listenAddress == QHostAddress::LocalHost)
        host = QStringLiteral("127.0.0.1");
    else if (m_options.listenAddress == QHostAddress::AnyIPv6)
        host = QStringLiteral("::1");
    m_baseUrl.setScheme(QStringLiteral("https"));
    m_baseUrl.setHost(host);
    m_baseUrl.setPort(port);
    m_world->setBaseUrl(m_baseUrl.toString());
    m_service->setBaseUrl(m_baseUrl.toString());

    startFeatures();
    m_store->purgeExpired(m_clock.now());
    m_world->purgeOutboxFiles();
    auto *purge = new QTimer(this);
    connect(purge, &QTimer::timeout, this, [this] {
        m_store->purgeExpired(m_clock.now());
        m_world->purgeOutboxFiles();
    });
    purge->start(60 * 60 * 1000);

    m_service->resumePendingWork();
    return true;
}

void SandboxServer::addRoutes() {
    using S = SandboxServer;
    const AddressLimit signUps{"signup:", &SandboxOptions::accountCreationsPerMinute,
                               "Too many sign-ups from this address"};
    const AddressLimit signIns{"signin:", &SandboxOptions::signInsPerMinute,
                               "Too many sign-ins from this address"};
    const Auth none = Auth::None, required = Auth::Required, optional = Auth::Optional;
    const bool json = true, noBody = false;
    // method, path, handler, auth, JSON body, idempotency caller, per-address limit
    m_routes = {
        // The API (§3)
        {"GET", "/api/v1/regions", &S::getRegions, none, noBody, Caller::None, {}},
        {"POST", "/api/v1/accounts", &S::postAccounts, none, json, Caller::EmailInBody, signUps},
        {"POST", "/api/v1/sessions", &S::postSessions, none, json, Caller::EmailInBody, signIns},
        {"DELETE", "/api/v1/sessions/current", &S::deleteSession, required, noBody, Caller::Account, {}},
        {"GET", "/api/v1/registration", &S::getRegistration, required, noBody, Caller::None, {}},
        {"PUT", "/api/v1/registration/email", &S::putEmail, required, json, Caller::Account, {}},
        {"POST",
         "/api/v1/registration/email/resend",
         &S::postEmailResend,
         required,
         noBody,
         Caller::Account,
         {}},
        {"GET", "/api/v1/email/confirm", &S::getEmailConfirm, none, noBody, Caller::None, {}},
        {"POST", "/api/v1/registration/phone", &S::postPhone, required, json, Caller::Account, {}},
        {"POST", "/api/v1/registration/card", &S::postCard, required, json, Caller::Account, {}},
        {"PUT", "/api/v1/registration/autopayment", &S::putAutopayment, required, json, Caller::Account, {}},
        // Invitations (§5) and support codes (§6)
        {"GET", "/api/v1/invitations/{token}", &S::getInvitation, none, noBody, Caller::None, {}},
        {"POST",
         "/api/v1/invitations/{token}/accept",
         &S::postInvitationAccept,
         optional,
         json,
         Caller::Invitation,
         {}},
        {"POST",
         "/api/v1/registration/support-code",
         &S::postSupportCode,
         required,
         noBody,
         Caller::Account,
         {}},
        {"DELETE",
         "/api/v1/registration/support-code",
         &S::deleteSupportCode,
         required,
         noBody,
         Caller::Account,
         {}},
        {"GET",
         "/api/v1/support/registrations/{code}",
         &S::getSupportRegistration,
         none,
         noBody,
         Caller::None,
         {}},
        // The sandbox routes (§4), absent with --no-sandbox-routes
        {"GET", "/sandbox/v1/outbox", &S::getOutbox, none, noBody, Caller::None, {}},
        {"POST", "/sandbox/v1/calls", &S::postCalls, none, json, Caller::ClientAddress, {}},
        {"POST", "/sandbox/v1/calls/{call_id}/dtmf", &S::postDtmf, none, json, Caller::ClientAddress, {}},
        {"GET", "/sandbox/v1/3ds/{id}", &S::getThreeDs, none, noBody, Caller::None, {}},
        {"POST", "/sandbox/v1/3ds/{id}", &S::postThreeDs, none, noBody, Caller::ClientAddress, {}},
        {"POST", "/sandbox/v1/faults", &S::postFaults, none, json, Caller::None, {}},
        {"DELETE", "/sandbox/v1/faults", &S::deleteFaults, none, noBody, Caller::None, {}},
        {"GET", "/sandbox/v1/console/{project_id}", &S::getConsole, none, noBody, Caller::None, {}},
        {"GET", "/sandbox/v1/info", &S::getSandboxInfo, none, noBody, Caller::None, {}},
        {"POST", "/sandbox/v1/invitations", &S::postSandboxInvitation, none, json, Caller::EmailInBody, {}},
        // The web console's invitation page, which the sandbox stands in for
        {"GET", "/invite/{token}", &S::getInvitePage, none, noBody, Caller::None, {}},
    };
}

void SandboxServer::handleRequest(HttpConnection *connection, HttpRequest &&request) {
    auto ex = std::make_shared<Exchange>();
    ex->timer.start();
    ex->method = request.method;
    const qsizetype question = request.target.indexOf('?');
    ex->path = QUrl::fromPercentEncoding(question < 0 ? request.target : request.target.left(question));
    if (question >= 0)
        ex->query = QUrlQuery(QString::fromLatin1(request.target.mid(question + 1)));
    for (const auto &[name, value] : std::as_const(request.headers))
        ex->headers.insert(name, value); // already lower case
    ex->body = std::move(request.body);
    ex->remoteAddress = request.remoteAddress;
    ex->connection = connection;

    const QByteArray clientRequestId = ex->header("x-request-id");
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    const bool requestIdValid = idPattern.match(QString::fromLatin1(clientRequestId)).hasMatch();
    ex->requestId = requestIdValid ? clientRequestId : "req_" + randomHex(12).toLatin1();
    // Refused after authentication (401 comes first), and never echoed.
    ex->invalidRequestId = ex->headers.contains("x-request-id") && !requestIdValid;
    ++m_unanswered;
    dispatch(ex);
}

void SandboxServer::dispatch(const ExchangePtr &ex) {
    if (m_options.sandboxRoutes && ex->path != QLatin1String("/sandbox/v1/faults")) {
        for (int i = 0; i < m_faults.size(); ++i) {
            Fault &f = m_faults[i];
            if (f.path != ex->path || (!f.method.isEmpty() && f.method != ex->method))
                continue;
            const Fault fault = f;
            if (--f.count <= 0)
                m_faults.removeAt(i);
            ex->dropAnswer = fault.drop;
            ex->malformAnswer = fault.malformed;
            auto proceed = [this, ex, fault] {
                if (fault.status)
                    fail(ex, fault.status, ErrorCode::SandboxFault,
                         QStringLiteral("Injected by the sandbox fault plan"), {}, {},
                         fault.retryAfter >= 0 ? fault.retryAfter : (fault.status == 429 ? 1 : -1));
                else
                    route(ex);
            };
            // On the sandbox's clock, as if the server took that long: a test holds a request as
            // long as it needs to look at the client meanwhile, then moves the clock on.
            if (fault.delayMs > 0) {
                ++m_delayedByFaults;
                m_clock.callAfter(std::chrono::milliseconds(fault.delayMs), this, [this, proceed] {
                    --m_delayedByFaults;
                    proceed();
                });
            } else {
                proceed();
            }
            return;
        }
    }
    route(ex);
}

void SandboxServer::route(const ExchangePtr &ex) {
    const QStringList segments = ex->path.split(u'/', Qt::SkipEmptyParts);
    // HEAD is answered like GET, without the body (the connection leaves it out).
    const QByteArray method = ex->method == "HEAD" ? QByteArray("GET") : ex->method;
    const Route *match = nullptr;
    QList<QByteArray> allowed;
    for (const Route &r : std::as_const(m_routes)) {
        if (r.segments.size() != segments.size())
            continue;
        if (!m_options.sandboxRoutes && r.segments.first() == QLatin1String("sandbox"))
            continue;
        bool same = true;
        for (int i = 0; i < segments.size() && same; ++i)
            same = r.segments[i].startsWith(u'{') || r.segments[i] == segments[i];
        if (!same)
            continue;
        if (!allowed.contains(r.method))
            allowed.append(r.method);
        if (r.method == "GET" && !allowed.contains("HEAD"))
            allowed.append("HEAD");
        if (r.method == method) {
            match = &r;
            ex->pathArguments.clear();
            for (int i = 0; i < segments.size(); ++i)
                if (r.segments[i].startsWith(u'{'))
                    ex->pathArguments.append(segments[i]);
        }
    }
    if (!match && allowed.isEmpty()) {
        // The path is not echoed: it can be up to the head limit long, and is the client's own text.
        fail(ex, 404, ErrorCode::NotFound, QStringLiteral("No such path"));
        return;
    }
    if (!match) {
        Reply reply;
        reply.status = 405;
        reply.body = errorBody(ErrorCode::MethodNotAllowed,
                               QStringLiteral("%1 is not allowed here").arg(QString::fromLatin1(ex->method)));
        reply.headers.append(qMakePair(QByteArray("Allow"), allowed.join(", ")));
        finish(ex, reply);
        return;
    }
    const Route route = *match;

    if (method == ex->method) // HEAD keeps the path it was sent with in API events
        ex->routeTemplate = route.path;

    // Per-address limits count every request when it arrives; the handler answers 429 after
    // checking the body's shape (400 comes first).
    if (route.addressLimit.bucket) {
        ex->addressRetryAfter =
            m_addressLimiter.admit(QLatin1String(route.addressLimit.bucket) + ex->remoteAddress.toString(),
                                   m_options.*route.addressLimit.perMinute, 60 * 1000, m_clock.nowMs());
        ex->addressLimitMessage = QLatin1String(route.addressLimit.message);
    }

    if (route.auth == Auth::Required ||
        (route.auth == Auth::Optional && ex->headers.contains("authorization"))) {
        const QByteArray authorization = ex->header("authorization");
        QString accountId;
        if (authorization.startsWith("Bearer ") && authorization.size() > 7)
            accountId = m_service->accountIdForToken(QString::fromLatin1(authorization.mid(7).trimmed()));
        if (accountId.isEmpty()) {
            fail(ex, 401, ErrorCode::Unauthorized,
                 QStringLiteral("Missing, unknown, expired or revoked token"));
            return;
        }
        ex->accountId = accountId;
    }
    if (ex->invalidRequestId) {
        fail(ex, 400, ErrorCode::MalformedRequest,
             QStringLiteral("X-Request-Id must be 1-64 characters of [A-Za-z0-9_-]"),
             QStringLiteral("X-Request-Id"));
        return;
    }
    if (ex->body.size() > route.maxBodyBytes) {
        fail(ex, 413, ErrorCode::PayloadTooLarge, QStringLiteral("The request body is over 16 KiB"));
        return;
    }
    const bool writes = ex->method == "POST" || ex->method == "PUT" || ex->method == "DELETE";
    const bool hasKey = ex->headers.contains("idempotency-key");
    const QString key = QString::fromLatin1(ex->header("idempotency-key"));
    if (writes && hasKey) {
        static const QRegularExpression keyPattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
        if (!keyPattern.match(key).hasMatch()) {
            fail(ex, 400, ErrorCode::MalformedRequest,
                 QStringLiteral("Idempotency-Key must be 1-64 characters of [A-Za-z0-9_-]"),
                 QStringLiteral("Idempotency-Key"));
            return;
        }
    }
    if (route.jsonBody) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(ex->body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject() ||
            hasRawControlCharacters(ex->body)) {
            fail(ex, 400, ErrorCode::MalformedRequest, QStringLiteral("The body must be a JSON object"));
            return;
        }
        ex->json = doc.object();
    }

    if (writes && hasKey && route.idempotency != Caller::None) {
        QString caller;
        switch (route.idempotency) {
        case Caller::Account:
            caller = QStringLiteral("account:") + ex->accountId;
            break;
        case Caller::EmailInBody:
            if (ex->json.value(QStringLiteral("email")).isString())
                caller =
                    QStringLiteral("email:") + emailKeyOf(ex->json.value(QStringLiteral("email")).toString());
            break;
        case Caller::ClientAddress:
            caller = QStringLiteral("address:") + ex->remoteAddress.toString();
            break;
        case Caller::Invitation:
            caller = invitationCaller(ex);
            break;
        case Caller::None:
            break;
        }
        if (!caller.isEmpty()) {
            // Stored only as keyed hashes and a sealed answer (contract 1.1, "Secrets at rest").
            const IdempotencyKeys keys = idempotencyKeys(m_serverSecret, caller, key);
            const QString requestHash = idempotencyRequestHash(m_serverSecret, keys, ex->method, ex->path,
                                                               route.jsonBody, ex->json, ex->body);
            const QString marker = caller + u'\n' + keys.keyId;
            if (m_inProgress.contains(marker)) {
                fail(ex, 409, ErrorCode::RequestInProgress,
                     QStringLiteral("A request with this Idempotency-Key is still being processed"));
                return;
            }
            auto stored = m_store->storedResponse(caller, keys.keyId, m_clock.now().addSecs(-24 * 3600));
            std::optional<QByteArray> storedBody;
            if (stored)
                storedBody = unsealAnswer(keys.sealKey(), stored->body);
            if (stored && storedBody) {
                if (stored->requestHash != requestHash) {
                    fail(ex, 422, ErrorCode::IdempotencyKeyReused,
                         QStringLiteral("This Idempotency-Key was used with a different request"));
                    return;
                }
                Reply reply;
                reply.status = stored->status;
                reply.contentType = stored->contentType;
                reply.body = *storedBody;
                reply.headers.append(qMakePair(QByteArray("Idempotent-Replayed"), QByteArray("true")));
                finish(ex, reply);
                return;
            }
            m_inProgress.insert(marker);
            ex->idempotencyCaller = caller;
            ex->idempotencyKey = keys.keyId;
            ex->idempotencySealKey = keys.sealKey();
            ex->requestHash = requestHash;
            ex->idempotencyActive = true;
        }
    }
    (this->*route.handler)(ex);
}

void SandboxServer::finish(const ExchangePtr &ex, Reply reply) {
    if (ex->answered)
        return;
    ex->answered = true;
    --m_unanswered;
    recordApiEvent(ex, reply);
    if (ex->idempotencyActive) {
        m_inProgress.remove(ex->idempotencyCaller + u'\n' + ex->idempotencyKey);
        if (reply.status < 500 && reply.status != 429)
            m_store->transaction([&] {
                return m_store->storeResponse(ex->idempotencyCaller, ex->idempotencyKey,
                                              StoredResponse{ex->requestHash, reply.status, reply.contentType,
                                                             sealAnswer(ex->idempotencySealKey, reply.body)});
            });
    }
    if (ex->dropAnswer) {
        if (ex->connection)
            ex->connection->abort();
        logAccess(ex, 0);
        return;
    }
    if (ex->malformAnswer) {
        reply.body = reply.body.left(reply.body.size() / 2) + "<!-- malformed by the sandbox fault plan";
        reply.contentType = "application/json";
    }
    writeReply(ex, reply);
    logAccess(ex, reply.status);
}

void SandboxServer::writeReply(const ExchangePtr &ex, const Reply &reply) {
    if (!ex->connection || !ex->connection->isOpen())
        return;
    HttpResponse response;
    response.status = reply.status;
    if (reply.status != 204)
        response.headers.append(qMakePair(QByteArray("Content-Type"), reply.contentType));
    response.headers.append(qMakePair(QByteArray("X-Request-Id"), ex->requestId));
    response.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    response.headers.append(reply.headers);
    if (reply.status != 204)
        response.body = reply.body;
    ex->connection->respond(response);
}

void SandboxServer::logAccess(const ExchangePtr &ex, int status) {
    if (!m_options.accessLog)
        return;
    // The real time: the log is read next to other processes' logs, not by the sandbox's rules.
    const QJsonObject line{{QStringLiteral("time"), toRfc3339(QDateTime::currentDateTimeUtc())},
                           {QStringLiteral("method"), QString::fromLatin1(ex->method)},
                           {QStringLiteral("path"), loggedTarget(*ex)},
                           {QStringLiteral("status"), status},
                           {QStringLiteral("duration_ms"), ex->timer.elapsed()},
                           {QStringLiteral("request_id"), QString::fromLatin1(ex->requestId)},
                           {QStringLiteral("dropped"), ex->dropAnswer}};
    const QByteArray text = "sandbox-access " + QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(text.constData(), 1, size_t(text.size()), stderr);
    std::fflush(stderr);
}

void SandboxServer::fail(const ExchangePtr &ex, int status, ErrorCode code, const QString &message,
                         const QString &field, const QList<RuleId> &details, qint64 retryAfterSeconds) {
    Reply reply;
    reply.status = status;
    reply.body = errorBody(code, message, field, details, retryAfterSeconds);
    if (retryAfterSeconds >= 0)
        reply.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(retryAfterSeconds)));
    finish(ex, reply);
}

void SandboxServer::replyJson(const ExchangePtr &ex, int status, const QJsonObject &body) {
    Reply reply;
    reply.status = status;
    reply.body = status == 204 ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    finish(ex, reply);
}

void SandboxServer::replyHtml(const ExchangePtr &ex, int status, const QString &html) {
    Reply reply;
    reply.status = status;
    reply.contentType = "text/html; charset=utf-8";
    reply.body = html.toUtf8();
    finish(ex, reply);
}

bool SandboxServer::readString(const ExchangePtr &ex, const QString &name, QString *out) {
    const QJsonValue v = ex->json.value(name);
    if (!v.isString()) {
        fail(ex, 400, ErrorCode::MalformedRequest,
             v.isUndefined() || v.isNull() ? QStringLiteral("%1 is required").arg(name)
                                           : QStringLiteral("%1 must be a string").arg(name),
             name);
        return false;
    }
    *out = v.toString();
    return true;
}

bool SandboxServer::readLanguage(const ExchangePtr &ex, std::optional<Language> *out) {
    const QJsonValue value = ex->json.value(QStringLiteral("language"));
    if (value.isUndefined())
        return true;
    const std::optional<Language> language = languageFromWire(value.toString());
    if (!language) {
        fail(ex, 400, ErrorCode::MalformedRequest, QStringLiteral("language must be \"en\" or \"ru\""),
             QStringLiteral("language"));
        return false;
    }
    *out = language;
    return true;
}

bool SandboxServer::readInt(const ExchangePtr &ex, const QString &name, int *out) {
    const QJsonValue v = ex->json.value(name);
    const double d = v.toDouble();
    if (!v.isDouble() || d != double(qint64(d)) || d < -1e9 || d > 1e9) {
        fail(ex, 400, ErrorCode::MalformedRequest,
             v.isUndefined() || v.isNull() ? QStringLiteral("%1 is required").arg(name)
                                           : QStringLiteral("%1 must be an integer").arg(name),
             name);
        return false;
    }
    *out = int(d);
    return true;
}

void SandboxServer::fail(const ExchangePtr &ex, const ServiceError &error) {
    int status = 500;
    switch (error.kind) {
    case Refusal::Invalid:
        status = 422;
        break;
    case Refusal::Conflict:
        status = 409;
        break;
    case Refusal::RateLimited:
        status = 429;
        break;
    case Refusal::Unauthorized:
        status = 401;
        break;
    case Refusal::Forbidden:
        status = 403;
        break;
    case Refusal::NotFound:
        status = 404;
        break;
    case Refusal::Gone:
        status = 410;
        break;
    case Refusal::InvalidLink:
        status = 400;
        break;
    case Refusal::Busy:
        status = 503;
        break;
    case Refusal::Internal:
        status = 500;
        break;
    }
    fail(ex, status, error.code, error.message, error.field, error.details, error.retryAfterSeconds);
}

bool SandboxServer::refuseIfAddressLimited(const ExchangePtr &ex) {
    if (ex->addressRetryAfter <= 0)
        return false;
    fail(ex, 429, ErrorCode::RateLimited, ex->addressLimitMessage, {}, {}, ex->addressRetryAfter);
    return true;
}

QJsonObject SandboxServer::registrationJson(const AccountRecord &account) const {
    return m_service->registrationOf(account).toJson();
}

QJsonObject SandboxServer::sessionJson(const SessionGrant &grant) const {
    return QJsonObject{
        {QStringLiteral("session"), QJsonObject{{QStringLiteral("token"), grant.token},
                                                {QStringLiteral("expires_at"), toRfc3339(grant.expiresAt)}}},
        {QStringLiteral("registration"), registrationJson(grant.account)}};
}

void SandboxServer::notifyChanged(const QString &accountId) {
    notifySupportWatchers(accountId, false);
    const QList<Waiter> waiters = m_waiters.values(accountId);
    if (waiters.isEmpty())
        return;
    const auto account = m_store->account(accountId);
    if (!account)
        return;
    for (auto it = m_waiters.find(accountId); it != m_waiters.end() && it.key() == accountId;) {
        if (account->version > it->since) {
            Waiter w = *it;
            it = m_waiters.erase(it);
            delete w.timer;
            replyJson(w.exchange, 200, registrationJson(*account));
        } else {
            ++it;
        }
    }
}

std::optional<AccountRecord> SandboxServer::currentAccount(const ExchangePtr &ex) {
    auto account = m_service->account(ex->accountId);
    if (!account.ok()) {
        fail(ex, *account.error);
        return std::nullopt;
    }
    return account.value;
}

} // namespace signup
