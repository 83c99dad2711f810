#pragma once

#include "core/errorcode.h"
#include "sandbox/httprequestparser.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslConfiguration>
#include <QTcpServer>
#include <functional>

class QSslSocket;
class QTimer;

namespace signup {

// Transport limits of the contract (version 1.1, §1 "Limits"). Tests may shorten the times.
struct HttpLimits {
    int maxHeadBytes = 16 * 1024; // request line + headers
    int maxBodyBytes = 16 * 1024;
    int requestTimeoutMs = 30 * 1000;   // from a request's first byte to its last
    int idleTimeoutMs = 60 * 1000;      // a keep-alive connection with no request
    int handshakeTimeoutMs = 10 * 1000; // from accept to the end of the TLS handshake
    int lingerMs = 1000;                // after a refusal: input is drained this long before closing
    int maxConnections = 2048;          // beyond it the longest-idle connection is closed
};

// The answer the router gives back for one request.
struct HttpResponse {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; // without Content-Length and Connection
    QByteArray body;
};

class HttpConnection;

// A TLS listener with its own HTTP/1.1 reader in front of the router. Every connection is
// read in small steps on the server's thread with fixed limits, so a client sending huge
// heads or bodies, trickling bytes, or never starting TLS costs only a bounded amount of work
// and memory, and never makes anyone else wait (see docs/sandbox.md, "Transport").
class HttpListener : public QTcpServer {
    Q_OBJECT
public:
    using RequestHandler = std::function<void(HttpConnection *, HttpRequest &&)>;

    HttpListener(const QSslConfiguration &tls, const HttpLimits &limits, RequestHandler handler,
                 QObject *parent = nullptr);
    ~HttpListener() override;

    int connectionCount() const { return int(m_connections.size()); }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    friend class HttpConnection;
    void forget(HttpConnection *connection);
    void makeRoom();

    QSslConfiguration m_tls;
    HttpLimits m_limits;
    RequestHandler m_handler;
    QList<HttpConnection *> m_connections;
};

// One client connection: TLS handshake with a deadline, then requests one at a time (a
// pipelined request waits until the answer before it is written).
class HttpConnection : public QObject {
    Q_OBJECT
public:
    HttpConnection(QSslSocket *socket, const HttpLimits &limits, HttpListener *listener);
    ~HttpConnection() override;

    // Answers the request being handled. A HEAD request gets the head only, with the length
    // of the body it would have had.
    void respond(const HttpResponse &response);
    // Closes without an answer (the sandbox's "drop" fault).
    void abort();
    bool isOpen() const;
    bool isBusy() const { return m_state == State::Handling; }
    qint64 idleSinceMs() const { return m_idle.isValid() ? m_idle.elapsed() : 0; }

private:
    enum class State { Handshake, Reading, Handling, Closing };

    void onEncrypted();
    void readAvailable();
    void dispatch(HttpRequest &&request);
    void refuse(int status, ErrorCode code, const QByteArray &message);
    void writeAnswer(const HttpResponse &response, bool close);
    void closeAfterWrite();
    void onTimeout();
    void startRequestTimer();
    void startIdleTimer();

    QSslSocket *m_socket;
    HttpLimits m_limits;
    HttpListener *m_listener;
    QTimer *m_timer;
    State m_state = State::Handshake;
    QElapsedTimer m_idle;

    HttpRequestParser m_parser; // the bytes read, turned into requests under the limits
    bool m_head = false;        // of the request being answered
    bool m_keepAlive = true;
    bool m_requestStarted = false;
    bool m_lingering = false; // closing after a refusal: input is drained first
    qint64 m_discarded = 0;
};

} // namespace signup
