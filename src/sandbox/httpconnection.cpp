#include "sandbox/httpconnection.h"

#include "sandbox/sandboxutil.h"

#include <QSslSocket>
#include <QTimer>

namespace signup {

namespace {

// How much decrypted input a connection holds before TCP pushes back on the client.
constexpr qint64 SocketReadBufferBytes = 64 * 1024;
// After a refusal: how much input is drained before closing (how long: HttpLimits::lingerMs).
constexpr qint64 MaxDiscardBytes = 4 * 1024 * 1024;

const char *reasonPhrase(int status) {
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Status";
    }
}

} // namespace

HttpListener::HttpListener(const QSslConfiguration &tls, const HttpLimits &limits, RequestHandler handler,
                           QObject *parent)
    : QTcpServer(parent)
    , m_tls(tls)
    , m_limits(limits)
    , m_handler(std::move(handler)) {}

HttpListener::~HttpListener() {
    // Every connection goes while this object is still whole, those already closing (waiting for
    // deleteLater) too: their destructors call forget(), which QObject's destructor would be too
    // late for (found by UBSan).
    m_connections.clear();
    qDeleteAll(findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly));
}

void HttpListener::incomingConnection(qintptr socketDescriptor) {
    if (m_connections.size() >= m_limits.maxConnections)
        makeRoom();
    auto *socket = new QSslSocket;
    if (!socket->setSocketDescriptor(socketDescriptor) || m_connections.size() >= m_limits.maxConnections) {
        delete socket;
        return;
    }
    socket->setSslConfiguration(m_tls);
    socket->setReadBufferSize(SocketReadBufferBytes);
    auto *connection = new HttpConnection(socket, m_limits, this);
    m_connections.append(connection);
    socket->startServerEncryption();
}

void HttpListener::forget(HttpConnection *connection) {
    m_connections.removeOne(connection);
}

void HttpListener::makeRoom() {
    // The connection idle the longest goes first; one waiting for its answer is never cut.
    HttpConnection *oldest = nullptr;
    for (HttpConnection *c : std::as_const(m_connections))
        if (!c->isBusy() && (!oldest || c->idleSinceMs() > oldest->idleSinceMs()))
            oldest = c;
    if (oldest) {
        forget(oldest);
        oldest->abort();
    }
}

HttpConnection::HttpConnection(QSslSocket *socket, const HttpLimits &limits, HttpListener *listener)
    : QObject(listener)
    , m_socket(socket)
    , m_limits(limits)
    , m_listener(listener)
    , m_timer(new QTimer(this))
    , m_parser(limits.maxHeadBytes, limits.maxBodyBytes) {
    m_socket->setParent(this);
    m_timer->setSingleShot(true);
    m_idle.start();
    connect(m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(m_socket, &QSslSocket::encrypted, this, &HttpConnection::onEncrypted);
    connect(m_socket, &QSslSocket::readyRead, this, &HttpConnection::readAvailable);
    connect(m_socket, &QSslSocket::disconnected, this, [this] {
        m_state = State::Closing;
        m_listener->forget(this);
        deleteLater();
    });
    // A failed handshake or a reset: the socket closes; disconnected() follows where it was open.
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket->state() == QAbstractSocket::UnconnectedState && m_state != State::Closing) {
            m_state = State::Closing;
            m_listener->forget(this);
            deleteLater();
        }
    });
    m_timer->start(m_limits.handshakeTimeoutMs);
}

HttpConnection::~HttpConnection() {
    if (m_listener)
        m_listener->forget(this);
}

bool HttpConnection::isOpen() const {
    return m_state != State::Closing && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpConnection::abort() {
    m_state = State::Closing;
    m_timer->stop();
    m_listener->forget(this);
    m_socket->abort();
    deleteLater();
}

void HttpConnection::onEncrypted() {
    m_state = State::Reading;
    startIdleTimer();
    readAvailable();
}

void HttpConnection::startIdleTimer() {
    m_requestStarted = false;
    m_idle.start();
    m_timer->start(m_limits.idleTimeoutMs);
}

void HttpConnection::startRequestTimer() {
    m_requestStarted = true;
    m_timer->start(m_limits.requestTimeoutMs);
}

void HttpConnection::onTimeout() {
    switch (m_state) {
    case State::Handshake:
        abort();
        return;
    case State::Reading:
        if (!m_parser.inRequest()) { // idle keep-alive connection
            m_state = State::Closing;
            m_socket->disconnectFromHost();
            return;
        }
        refuse(408, ErrorCode::RequestTimeout, "The request did not arrive within 30 seconds");
        return;
    case State::Handling:
        return;
    case State::Closing:
        if (m_lingering) { // done draining: now close, and wait a little for the flush
            m_lingering = false;
            m_timer->start(5000);
            m_socket->disconnectFromHost();
            return;
        }
        abort(); // a client that never reads what it is sent
        return;
    }
}

void HttpConnection::readAvailable() {
    if (m_state == State::Closing && m_lingering) {
        // What follows a refused request is read and dropped, so that closing does not reset the
        // connection before the client has read the answer; a bounded amount.
        m_discarded += m_socket->skip(m_socket->bytesAvailable());
        if (m_discarded > MaxDiscardBytes)
            onTimeout();
        return;
    }
    if (m_state != State::Reading)
        return; // a pipelined request waits in the socket's bounded buffer
    if (m_socket->bytesAvailable() > 0)
        m_parser.feed(m_socket->readAll());
    const HttpRequestParser::Result result = m_parser.next();
    if (m_parser.inRequest() && !m_requestStarted) // the first byte of a request: its 30 s start now
        startRequestTimer();
    if (m_parser.takeContinue())
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    switch (result) {
    case HttpRequestParser::Result::NeedMore:
        return;
    case HttpRequestParser::Result::Request:
        dispatch(m_parser.takeRequest());
        return;
    case HttpRequestParser::Result::Refused: {
        const HttpRequestParser::Refusal &refusal = m_parser.refusal();
        // The parser names its codes on the wire itself (it is built and fuzzed without core/).
        refuse(refusal.status, errorCodeFromWire(QString::fromLatin1(refusal.code)), refusal.message);
        return;
    }
    }
}

void HttpConnection::dispatch(HttpRequest &&request) {
    m_state = State::Handling;
    m_timer->stop();
    m_keepAlive = m_parser.keepAlive();
    m_head = m_parser.isHead();
    request.remoteAddress = m_socket->peerAddress();
    m_listener->m_handler(this, std::move(request));
}

void HttpConnection::respond(const HttpResponse &response) {
    if (m_state != State::Handling)
        return;
    writeAnswer(response, !m_keepAlive);
    if (!m_keepAlive)
        return;
    m_state = State::Reading;
    startIdleTimer();
    // A request that arrived behind this one (pipelining) is read now.
    QMetaObject::invokeMethod(this, &HttpConnection::readAvailable, Qt::QueuedConnection);
}

void HttpConnection::refuse(int status, ErrorCode code, const QByteArray &message) {
    HttpResponse response;
    response.status = status;
    response.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    response.headers.append(qMakePair(QByteArray("X-Request-Id"), "req_" + randomHex(12).toLatin1()));
    response.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    response.body = errorBody(code, QString::fromLatin1(message));
    m_head = false;
    m_lingering = true;
    writeAnswer(response, true);
}

void HttpConnection::writeAnswer(const HttpResponse &response, bool close) {
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        m_state = State::Closing;
        return;
    }
    QByteArray out;
    out.reserve(response.body.size() + 256);
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    if (response.status != 204 && response.status != 304)
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!m_head && response.status != 204 && response.status != 304)
        out += response.body;
    m_socket->write(out);
    if (close)
        closeAfterWrite();
}

void HttpConnection::closeAfterWrite() {
    m_state = State::Closing;
    if (m_lingering) {
        m_timer->start(m_limits.lingerMs);
        readAvailable();
        return;
    }
    m_timer->start(5000);
    // Flushes what was written, then closes; the socket's disconnected() deletes this.
    m_socket->disconnectFromHost();
}

} // namespace signup
