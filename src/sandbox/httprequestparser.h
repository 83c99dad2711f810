#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QPair>

namespace signup {

// One request read and checked: its head within the limits, its whole body read.
struct HttpRequest {
    QByteArray method;                            // as sent, upper case by the grammar
    QByteArray target;                            // origin-form: path and query
    QList<QPair<QByteArray, QByteArray>> headers; // names in lower case, in arrival order
    QByteArray body;
    QHostAddress remoteAddress; // set by the connection
};

// An incremental HTTP/1.1 request reader with the contract's limits (version 1.1, §1 "Limits"),
// free of sockets and timers so that it can be tested and fuzzed alone. Bytes go in as they
// arrive, in pieces of any size; next() says whether a whole request is there, more bytes are
// needed, or the input is refused with a status. Every byte is looked at a bounded number of
// times, and at most the head limit + the body limit + one chunk line is kept beyond what the
// caller has fed and not yet had parsed.
class HttpRequestParser {
public:
    enum class Result {
        NeedMore, // nothing whole yet: feed more bytes
        Request,  // takeRequest() has it; what follows stays buffered for the next call
        Refused,  // refusal() says why; the parser stays refused (the connection is closed)
    };
    struct Refusal {
        int status = 0;     // 400, 413, 431, 501 or 505
        QByteArray code;    // the contract's error code, e.g. "headers_too_large"
        QByteArray message; // English, for the error body
    };

    HttpRequestParser(int maxHeadBytes, int maxBodyBytes);

    // Appends what arrived; nothing is parsed until next().
    void feed(QByteArrayView bytes);
    // Parses as far as the bytes fed so far allow.
    Result next();

    // The request next() returned Request for (moved out).
    HttpRequest takeRequest();
    const Refusal &refusal() const { return m_refusal; }
    // Of the request last returned: whether the connection stays open after its answer
    // (HTTP/1.1 without "Connection: close", or HTTP/1.0 with "keep-alive"), and whether it is HEAD.
    bool keepAlive() const { return m_keepAlive; }
    bool isHead() const { return m_head; }
    // True once when a head with "Expect: 100-continue" and a body to come has been read: the
    // caller then sends "100 Continue".
    bool takeContinue();
    // Whether part of a request has arrived (empty lines between requests do not count): a
    // connection then waits for it within the request timeout instead of the idle one.
    bool inRequest() const { return m_state != State::Head || !m_buffer.isEmpty(); }
    qsizetype bufferedBytes() const { return m_buffer.size(); }

    static constexpr qsizetype MaxChunkLineBytes = 1024;

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Refused };

    bool readHead();
    bool readBody();
    bool readChunkSize();
    bool readChunkData();
    bool readChunkEnd();
    bool readTrailers();
    Result refuse(int status, const char *code, const char *message);
    Result complete();

    int m_maxHeadBytes;
    int m_maxBodyBytes;
    State m_state = State::Head;
    Result m_pending = Result::NeedMore; // set by the read steps when they finish or refuse
    QByteArray m_buffer;                 // bytes fed but not consumed
    qsizetype m_scanned = 0;             // how far the head has been searched for its end
    HttpRequest m_request;
    HttpRequest m_done;
    Refusal m_refusal;
    bool m_keepAlive = true;
    bool m_head = false;
    bool m_continue = false;
    qint64 m_remaining = 0;       // body or chunk bytes still to come
    qsizetype m_trailerBytes = 0; // trailer fields read so far, counted against the head limit
};

} // namespace signup
