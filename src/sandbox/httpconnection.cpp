#include "sandbox/httpconnection.h"

#include "sandbox/sandboxutil.h"

#include <QSslSocket>
#include <QTimer>

namespace signup {

namespace {

// How much decrypted input a connection holds before TCP pushes back on the client.
constexpr qint64 SocketReadBufferBytes = 64 * 1024;
constexpr qsizetype MaxChunkLineBytes = 1024;
// After a refusal: how long and how much input is drained before closing.
constexpr int LingerMs = 1000;
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

bool isTokenChar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text) {
    if (text.isEmpty())
        return false;
    for (char c : text)
        if (!isTokenChar(c))
            return false;
    return true;
}

// Field values: visible characters, spaces and tabs, and bytes above 0x7f (obs-text).
bool isFieldValue(QByteArrayView text) {
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

// Parses a decimal Content-Length; -1 when it is not one.
qint64 parseLength(QByteArrayView text) {
    if (text.isEmpty() || text.size() > 18)
        return -1;
    qint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

QList<QByteArray> commaList(const QByteArray &value) {
    QList<QByteArray> items;
    for (const QByteArray &item : value.split(','))
        if (const QByteArray trimmed = item.trimmed().toLower(); !trimmed.isEmpty())
            items.append(trimmed);
    return items;
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
    , m_timer(new QTimer(this)) {
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
    m_state = State::ReadingHead;
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
    case State::ReadingHead:
        if (m_buffer.isEmpty()) { // idle keep-alive connection
            m_state = State::Closing;
            m_socket->disconnectFromHost();
            return;
        }
        [[fallthrough]];
    case State::ReadingBody:
    case State::ReadingChunks:
        refuse(408, "request_timeout", "The request did not arrive within 30 seconds");
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
    if (m_state == State::Handshake || m_state == State::Handling || m_state == State::Closing)
        return; // a pipelined request waits in the socket's bounded buffer
    if (m_socket->bytesAvailable() > 0)
        m_buffer += m_socket->readAll();
    while (m_state == State::ReadingHead || m_state == State::ReadingBody ||
           m_state == State::ReadingChunks) {
        bool progressed = false;
        switch (m_state) {
        case State::ReadingHead:
            progressed = readHead();
            break;
        case State::ReadingBody:
            progressed = readBody();
            break;
        case State::ReadingChunks:
            progressed = readChunks();
            break;
        default:
            break;
        }
        if (!progressed)
            break;
    }
}

bool HttpConnection::readHead() {
    // Empty lines before a request line are ignored (RFC 9112, 2.2).
    if (m_scanned == 0) {
        qsizetype skip = 0;
        while (skip < m_buffer.size() && (m_buffer[skip] == '\r' || m_buffer[skip] == '\n'))
            ++skip;
        if (skip)
            m_buffer.remove(0, skip);
    }
    if (m_buffer.isEmpty())
        return false;
    if (!m_requestStarted) // the first byte of a request: its 30 s start now
        startRequestTimer();
    // Looks for the empty line, scanning every byte once however the head arrives.
    qsizetype headEnd = -1; // index just past the empty line
    qsizetype pos = m_scanned;
    while (true) {
        const qsizetype nl = m_buffer.indexOf('\n', pos);
        if (nl < 0 || nl + 1 >= m_buffer.size()) {
            m_scanned = nl < 0 ? m_buffer.size() : nl;
            break;
        }
        if (m_buffer[nl + 1] == '\n') {
            headEnd = nl + 2;
            break;
        }
        if (m_buffer[nl + 1] == '\r') {
            if (nl + 2 >= m_buffer.size()) {
                m_scanned = nl;
                break;
            }
            if (m_buffer[nl + 2] == '\n') {
                headEnd = nl + 3;
                break;
            }
        }
        pos = nl + 1;
    }
    if (headEnd < 0 ? m_buffer.size() > m_limits.maxHeadBytes : headEnd > m_limits.maxHeadBytes) {
        refuse(431, "headers_too_large", "The request line and headers are over 16 KiB");
        return false;
    }
    if (headEnd < 0)
        return false;

    const QByteArray head = m_buffer.left(headEnd);
    m_buffer.remove(0, headEnd);
    m_scanned = 0;
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines)
        if (line.endsWith('\r'))
            line.chop(1);
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();

    m_request = HttpRequest();
    m_request.remoteAddress = m_socket->peerAddress();
    const QList<QByteArray> parts = lines.value(0).split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || !(parts[1].startsWith('/')) || !isFieldValue(parts[1]) ||
        parts[1].contains(' ') || parts[1].contains('\t')) {
        refuse(400, "malformed_request", "The request line is not valid HTTP/1.1");
        return false;
    }
    const QByteArray version = parts[2];
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        refuse(505, "http_version_not_supported", "Only HTTP/1.1 and HTTP/1.0 are served");
        return false;
    }
    m_request.method = parts[0];
    m_request.target = parts[1];
    const bool http10 = version == "HTTP/1.0";

    qint64 contentLength = -1;
    bool chunked = false;
    bool keepAliveAsked = false;
    bool closeAsked = false;
    bool expectContinue = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon))) {
            refuse(400, "malformed_request", "A header line is not valid");
            return false;
        }
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (!isFieldValue(value)) {
            refuse(400, "malformed_request", "A header value holds control characters");
            return false;
        }
        if (name == "content-length") {
            for (const QByteArray &item : value.split(',')) {
                const qint64 length = parseLength(item.trimmed());
                if (length < 0 || (contentLength >= 0 && length != contentLength)) {
                    refuse(400, "malformed_request", "Content-Length is not one decimal number");
                    return false;
                }
                contentLength = length;
            }
        } else if (name == "transfer-encoding") {
            const QList<QByteArray> codings = commaList(value);
            if (chunked || codings != QList<QByteArray>{"chunked"}) {
                refuse(501, "not_implemented", "Only the chunked transfer coding is served");
                return false;
            }
            chunked = true;
        } else if (name == "connection") {
            const QList<QByteArray> options = commaList(value);
            closeAsked = closeAsked || options.contains("close");
            keepAliveAsked = keepAliveAsked || options.contains("keep-alive");
        } else if (name == "expect") {
            expectContinue = value.toLower() == "100-continue";
        }
        m_request.headers.append(qMakePair(name, value));
    }
    m_keepAlive = !closeAsked && (!http10 || keepAliveAsked);
    m_head = m_request.method == "HEAD";
    if (chunked && (contentLength >= 0 || http10)) {
        refuse(400, "malformed_request", "Content-Length and chunked coding together");
        return false;
    }
    if (contentLength > m_limits.maxBodyBytes) {
        refuse(413, "payload_too_large", "The request body is over 16 KiB");
        return false;
    }
    if (expectContinue && (chunked || contentLength > 0))
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    if (chunked) {
        m_state = State::ReadingChunks;
        m_chunkRemaining = -1;
        m_inTrailers = false;
    } else if (contentLength > 0) {
        m_state = State::ReadingBody;
        m_bodyRemaining = contentLength;
    } else {
        dispatch();
        return false;
    }
    return true;
}

bool HttpConnection::readBody() {
    if (m_buffer.isEmpty())
        return false;
    const qsizetype take = qsizetype(qMin<qint64>(m_bodyRemaining, m_buffer.size()));
    m_request.body += m_buffer.left(take);
    m_buffer.remove(0, take);
    m_bodyRemaining -= take;
    if (m_bodyRemaining > 0)
        return false;
    dispatch();
    return false;
}

bool HttpConnection::readChunks() {
    while (true) {
        if (m_inTrailers) {
            // Trailer fields are read and dropped, up to an empty line.
            const qsizetype nl = m_buffer.indexOf('\n');
            if (nl < 0) {
                if (m_buffer.size() > m_limits.maxHeadBytes) {
                    refuse(431, "headers_too_large", "The trailer fields are over 16 KiB");
                    return false;
                }
                return false;
            }
            const QByteArray line = m_buffer.left(nl).trimmed();
            m_buffer.remove(0, nl + 1);
            if (line.isEmpty()) {
                dispatch();
                return false;
            }
            continue;
        }
        if (m_chunkRemaining < 0) {
            const qsizetype nl = m_buffer.indexOf('\n');
            if (nl < 0) {
                if (m_buffer.size() > MaxChunkLineBytes) {
                    refuse(400, "malformed_request", "A chunk size line is too long");
                    return false;
                }
                return false;
            }
            QByteArray line = m_buffer.left(nl).trimmed();
            m_buffer.remove(0, nl + 1);
            if (const qsizetype semicolon = line.indexOf(';'); semicolon >= 0)
                line = line.left(semicolon).trimmed();
            bool ok = false;
            const qint64 size = line.size() <= 8 ? line.toLongLong(&ok, 16) : -1;
            if (!ok || size < 0) {
                refuse(400, "malformed_request", "A chunk size is not valid");
                return false;
            }
            if (size == 0) {
                m_inTrailers = true;
                continue;
            }
            if (m_request.body.size() + size > m_limits.maxBodyBytes) {
                refuse(413, "payload_too_large", "The request body is over 16 KiB");
                return false;
            }
            m_chunkRemaining = size;
        }
        if (m_chunkRemaining > 0) {
            if (m_buffer.isEmpty())
                return false;
            const qsizetype take = qsizetype(qMin<qint64>(m_chunkRemaining, m_buffer.size()));
            m_request.body += m_buffer.left(take);
            m_buffer.remove(0, take);
            m_chunkRemaining -= take;
            if (m_chunkRemaining > 0)
                return false;
        }
        // The CRLF after a chunk's data.
        if (m_buffer.startsWith("\r\n")) {
            m_buffer.remove(0, 2);
        } else if (m_buffer.startsWith('\n')) {
            m_buffer.remove(0, 1);
        } else if (m_buffer.size() >= 2 || (m_buffer.size() == 1 && m_buffer[0] != '\r')) {
            refuse(400, "malformed_request", "A chunk does not end with CRLF");
            return false;
        } else {
            return false;
        }
        m_chunkRemaining = -1;
    }
}

void HttpConnection::dispatch() {
    m_state = State::Handling;
    m_timer->stop();
    HttpRequest request = std::move(m_request);
    m_request = HttpRequest();
    m_listener->m_handler(this, std::move(request));
}

void HttpConnection::respond(const HttpResponse &response) {
    if (m_state != State::Handling)
        return;
    writeAnswer(response, !m_keepAlive);
    if (!m_keepAlive)
        return;
    m_state = State::ReadingHead;
    startIdleTimer();
    // A request that arrived behind this one (pipelining) is read now.
    QMetaObject::invokeMethod(this, &HttpConnection::readAvailable, Qt::QueuedConnection);
}

void HttpConnection::refuse(int status, const QByteArray &code, const QByteArray &message) {
    HttpResponse response;
    response.status = status;
    response.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    response.headers.append(qMakePair(QByteArray("X-Request-Id"), "req_" + randomHex(12).toLatin1()));
    response.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    response.body = errorBody(QString::fromLatin1(code), QString::fromLatin1(message));
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
    m_buffer.clear();
    if (m_lingering) {
        m_timer->start(LingerMs);
        readAvailable();
        return;
    }
    m_timer->start(5000);
    // Flushes what was written, then closes; the socket's disconnected() deletes this.
    m_socket->disconnectFromHost();
}

} // namespace signup
