#include "sandbox/httprequestparser.h"

namespace signup {

namespace {

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

// A chunk size: 1–8 hexadecimal digits; -1 when it is not one.
qint64 parseChunkSize(QByteArrayView text) {
    if (text.isEmpty() || text.size() > 8)
        return -1;
    qint64 value = 0;
    for (char c : text) {
        int digit;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return -1;
        value = value * 16 + digit;
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

HttpRequestParser::HttpRequestParser(int maxHeadBytes, int maxBodyBytes)
    : m_maxHeadBytes(maxHeadBytes)
    , m_maxBodyBytes(maxBodyBytes) {}

void HttpRequestParser::feed(QByteArrayView bytes) {
    if (m_state != State::Refused)
        m_buffer.append(bytes.data(), bytes.size());
}

HttpRequestParser::Result HttpRequestParser::next() {
    if (m_state == State::Refused)
        return Result::Refused;
    m_pending = Result::NeedMore;
    while (true) {
        bool progressed = false;
        switch (m_state) {
        case State::Head:
            progressed = readHead();
            break;
        case State::Body:
            progressed = readBody();
            break;
        case State::ChunkSize:
            progressed = readChunkSize();
            break;
        case State::ChunkData:
            progressed = readChunkData();
            break;
        case State::ChunkEnd:
            progressed = readChunkEnd();
            break;
        case State::Trailers:
            progressed = readTrailers();
            break;
        case State::Refused:
            return Result::Refused;
        }
        if (m_pending != Result::NeedMore)
            return m_pending;
        if (!progressed)
            return Result::NeedMore;
    }
}

HttpRequest HttpRequestParser::takeRequest() {
    HttpRequest request = std::move(m_done);
    m_done = HttpRequest();
    return request;
}

bool HttpRequestParser::takeContinue() {
    const bool wanted = m_continue;
    m_continue = false;
    return wanted;
}

HttpRequestParser::Result HttpRequestParser::refuse(int status, const char *code, const char *message) {
    m_state = State::Refused;
    m_refusal = {status, QByteArray(code), QByteArray(message)};
    m_buffer.clear();
    m_request = HttpRequest();
    m_continue = false;
    m_pending = Result::Refused;
    return m_pending;
}

HttpRequestParser::Result HttpRequestParser::complete() {
    m_done = std::move(m_request);
    m_request = HttpRequest();
    m_state = State::Head;
    m_scanned = 0;
    m_pending = Result::Request;
    return m_pending;
}

bool HttpRequestParser::readHead() {
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
    if (headEnd < 0 ? m_buffer.size() > m_maxHeadBytes : headEnd > m_maxHeadBytes) {
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
    const QList<QByteArray> parts = lines.value(0).split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || !(parts[1].startsWith('/')) || !isFieldValue(parts[1]) ||
        parts[1].contains('\t')) {
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
    if (contentLength > m_maxBodyBytes) {
        refuse(413, "payload_too_large", "The request body is over 16 KiB");
        return false;
    }
    m_continue = expectContinue && (chunked || contentLength > 0);
    if (chunked) {
        m_state = State::ChunkSize;
        m_trailerBytes = 0;
    } else if (contentLength > 0) {
        m_state = State::Body;
        m_remaining = contentLength;
    } else {
        complete();
        return false;
    }
    return true;
}

bool HttpRequestParser::readBody() {
    if (m_buffer.isEmpty())
        return false;
    const qsizetype take = qsizetype(qMin<qint64>(m_remaining, m_buffer.size()));
    m_request.body += m_buffer.left(take);
    m_buffer.remove(0, take);
    m_remaining -= take;
    if (m_remaining == 0)
        complete();
    return false;
}

bool HttpRequestParser::readChunkSize() {
    const qsizetype nl = m_buffer.indexOf('\n');
    if (nl < 0 ? m_buffer.size() > MaxChunkLineBytes : nl > MaxChunkLineBytes) {
        refuse(400, "malformed_request", "A chunk size line is too long");
        return false;
    }
    if (nl < 0)
        return false;
    QByteArray line = m_buffer.left(nl).trimmed();
    m_buffer.remove(0, nl + 1);
    if (const qsizetype semicolon = line.indexOf(';'); semicolon >= 0)
        line = line.left(semicolon).trimmed();
    const qint64 size = parseChunkSize(line);
    if (size < 0) {
        refuse(400, "malformed_request", "A chunk size is not valid");
        return false;
    }
    if (size == 0) {
        m_state = State::Trailers;
        return true;
    }
    if (m_request.body.size() + size > m_maxBodyBytes) {
        refuse(413, "payload_too_large", "The request body is over 16 KiB");
        return false;
    }
    m_remaining = size;
    m_state = State::ChunkData;
    return true;
}

bool HttpRequestParser::readChunkData() {
    if (m_buffer.isEmpty())
        return false;
    const qsizetype take = qsizetype(qMin<qint64>(m_remaining, m_buffer.size()));
    m_request.body += m_buffer.left(take);
    m_buffer.remove(0, take);
    m_remaining -= take;
    if (m_remaining > 0)
        return false;
    m_state = State::ChunkEnd;
    return true;
}

bool HttpRequestParser::readChunkEnd() {
    // The CRLF (or a bare LF) after a chunk's data.
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
    m_state = State::ChunkSize;
    return true;
}

bool HttpRequestParser::readTrailers() {
    // Trailer fields are read and dropped up to an empty line; together they count against the
    // head limit, whether they arrive in one piece or byte by byte.
    const qsizetype nl = m_buffer.indexOf('\n');
    if (m_trailerBytes + (nl < 0 ? m_buffer.size() : nl + 1) > m_maxHeadBytes) {
        refuse(431, "headers_too_large", "The trailer fields are over 16 KiB");
        return false;
    }
    if (nl < 0)
        return false;
    const QByteArray line = m_buffer.left(nl).trimmed();
    m_buffer.remove(0, nl + 1);
    m_trailerBytes += nl + 1;
    if (line.isEmpty()) {
        complete();
        return false;
    }
    return true;
}

} // namespace signup
