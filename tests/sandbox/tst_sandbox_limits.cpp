// Contract 1.1 transport limits over real TLS sockets, and hostile clients that must not delay
// anyone else: oversize heads and bodies, trickles, idle and never-TLS connections, sign-in
// bursts, the sign-in lockout counted before hashing and the bounded hashing queue.
#include "support/sandboxfixture.h"
#include "support/waitfor.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <memory>

using namespace signup;
using namespace signup::test;

namespace {

struct RawAnswer {
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QJsonObject json;
    QString code() const {
        return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    }
};

// A bare HTTP/1.1 client over TLS that sends exactly the bytes it is given.
class RawClient {
public:
    explicit RawClient(const SandboxFixture &f) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({f.sandbox->caCertificate()});
        socket.setSslConfiguration(tls);
        const QUrl base = f.sandbox->baseUrl();
        socket.connectToHostEncrypted(base.host(), quint16(base.port()));
        encrypted = socket.waitForEncrypted(10000);
    }
    void send(const QByteArray &bytes) {
        socket.write(bytes);
        socket.waitForBytesWritten(5000);
    }
    // Reads one answer; headOnly for an answer to HEAD (its Content-Length has no body behind it).
    RawAnswer read(bool headOnly = false, int timeoutMs = 10000) {
        RawAnswer answer;
        QElapsedTimer timer;
        timer.start();
        qsizetype headEnd = -1;
        while ((headEnd = buffer.indexOf("\r\n\r\n")) < 0) {
            if (!more(timer, timeoutMs))
                return answer;
        }
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        buffer.remove(0, headEnd + 4);
        answer.status = lines.value(0).split(' ').value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            answer.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                  lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = headOnly ? 0 : answer.headers.value("content-length").toLongLong();
        while (buffer.size() < length)
            if (!more(timer, timeoutMs))
                break;
        answer.body = buffer.left(length);
        buffer.remove(0, length);
        answer.json = QJsonDocument::fromJson(answer.body).object();
        return answer;
    }
    // True when the server closed the connection within timeoutMs, with nothing more sent.
    bool closedByServer(int timeoutMs = 5000) {
        QElapsedTimer timer;
        timer.start();
        while (socket.state() != QAbstractSocket::UnconnectedState && timer.elapsed() < timeoutMs) {
            if (socket.waitForReadyRead(50))
                extra += socket.readAll();
        }
        return socket.state() == QAbstractSocket::UnconnectedState;
    }
    bool more(const QElapsedTimer &timer, int timeoutMs) {
        if (socket.bytesAvailable() == 0) {
            const qint64 left = timeoutMs - timer.elapsed();
            if (left <= 0)
                return false;
            socket.waitForReadyRead(int(left));
        }
        if (socket.bytesAvailable() == 0)
            return false;
        buffer += socket.readAll();
        return true;
    }

    QSslSocket socket;
    bool encrypted = false;
    QByteArray buffer;
    QByteArray extra;
};

QByteArray get(const QByteArray &path, const QByteArray &more = {}) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + more + "\r\n";
}

QByteArray post(const QByteArray &path, const QByteArray &body, const QByteArray &more = {}) {
    return "POST " + path +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n" + more + "\r\n" + body;
}

// 300 connections that never start TLS, 50 that trickle a head forever, four that send 4 MiB
// heads and bodies as fast as the server takes them, and a burst of 40 sign-ins.
class HostileTraffic : public QObject {
public:
    HostileTraffic(const QUrl &base, const QSslCertificate &ca)
        : m_base(base)
        , m_ca(ca)
        , m_trickle(this) {} // a child, so that it moves to the hostile clients' thread with them

    void start() {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({m_ca});
        const QString host = m_base.host();
        const auto port = quint16(m_base.port());
        for (int i = 0; i < 300; ++i) {
            m_silent.push_back(std::make_unique<QTcpSocket>());
            m_silent.back()->connectToHost(host, port);
        }
        for (int i = 0; i < 50; ++i) {
            auto socket = std::make_unique<QSslSocket>();
            socket->setSslConfiguration(tls);
            QSslSocket *raw = socket.get();
            connect(raw, &QSslSocket::encrypted, this, [this, raw] {
                raw->write("GET /api/v1/regions HTTP/1.1\r\nX-Slow: ");
                tricklersStarted.fetchAndAddRelaxed(1);
            });
            socket->connectToHostEncrypted(host, port);
            m_tricklers.push_back(std::move(socket));
        }
        connect(&m_trickle, &QTimer::timeout, this, [this] {
            for (auto &s : m_tricklers)
                if (s->isEncrypted())
                    s->write("a");
        });
        m_trickle.start(50);
        for (int i = 0; i < 4; ++i) {
            auto socket = std::make_unique<QSslSocket>();
            socket->setSslConfiguration(tls);
            QSslSocket *raw = socket.get();
            connect(raw, &QSslSocket::encryptedBytesWritten, this, [this](qint64 n) {
                floodBytesWritten.fetchAndAddRelaxed(int(qMin<qint64>(n, 1 << 20)));
            });
            socket->connectToHostEncrypted(host, port);
            const QByteArray start =
                i % 2 ? "GET / HTTP/1.1\r\nX-Huge: "
                      : "POST /api/v1/accounts HTTP/1.1\r\nContent-Length: 300000000\r\n\r\n";
            socket->write(start + QByteArray(4 * 1024 * 1024, 'h'));
            m_floods.push_back(std::move(socket));
        }
        m_burst = std::make_unique<SandboxClient>(m_base, m_ca);
        for (int i = 0; i < 40; ++i) {
            QNetworkReply *reply =
                m_burst->start("POST", QStringLiteral("/api/v1/sessions"),
                               QJsonDocument(QJsonObject{{QStringLiteral("email"),
                                                          QStringLiteral("burst%1@example.com").arg(i)},
                                                         {QStringLiteral("password"), StrongPassword}})
                                   .toJson(QJsonDocument::Compact),
                               {{"Content-Type", "application/json"}});
            connect(reply, &QNetworkReply::finished, this, [this, reply] {
                burstAnswered.fetchAndAddRelaxed(1);
                reply->deleteLater();
            });
        }
    }

    QAtomicInt tricklersStarted;
    QAtomicInt floodBytesWritten;
    QAtomicInt burstAnswered;

private:
    QUrl m_base;
    QSslCertificate m_ca;
    QTimer m_trickle;
    std::vector<std::unique_ptr<QTcpSocket>> m_silent;
    std::vector<std::unique_ptr<QSslSocket>> m_tricklers;
    std::vector<std::unique_ptr<QSslSocket>> m_floods;
    std::unique_ptr<SandboxClient> m_burst;
};

} // namespace

class SandboxLimitsTest : public QObject {
    Q_OBJECT
private slots:
    void headOver16KiBIs431AndCloses();
    void endlessHeadIsCutAt16KiB();
    void contentLengthOverLimitIs413BeforeTheBody();
    void chunkedBodyIsReadAndCutAtTheLimit();
    void twoDifferentContentLengthsAre400();
    void requestMustArriveWithinItsTime();
    void idleKeepAliveIsClosed();
    void connectionCloseAndHttp10CloseAfterTheAnswer();
    void headAnswersLikeGetWithoutBody();
    void rawControlCharactersInJsonStringsAre400();
    void hugeUrlIsNotEchoed();
    void signInsAreLimitedPerAddress();
    void lockoutIsCountedBeforeHashing();
    void hashingQueueIsBounded();
    void hostileClientsDoNotDelayOthers();
    void faultPlanIsCapped();
    void longPollsPerAccountAreBounded();
};

void SandboxLimitsTest::headOver16KiBIs431AndCloses() {
    SandboxFixture f;
    QVERIFY(f.ok());
    RawClient c(f);
    QVERIFY(c.encrypted);
    c.send(get("/api/v1/regions", "X-Padding: " + QByteArray(17 * 1024, 'a') + "\r\n"));
    const RawAnswer a = c.read();
    QCOMPARE(a.status, 431);
    QCOMPARE(a.code(), QStringLiteral("headers_too_large"));
    QCOMPARE(a.headers.value("connection"), QByteArray("close"));
    QVERIFY(!a.headers.value("x-request-id").isEmpty());
    QVERIFY(c.closedByServer());

    // Just under the limit is served.
    RawClient ok(f);
    ok.send(get("/api/v1/regions", "X-Padding: " + QByteArray(15 * 1024, 'a') + "\r\n"));
    QCOMPARE(ok.read().status, 200);
}

void SandboxLimitsTest::endlessHeadIsCutAt16KiB() {
    SandboxFixture f;
    RawClient c(f);
    QVERIFY(c.encrypted);
    // A head that never ends: the answer comes after 16 KiB, not after what the client sends.
    c.send("GET /api/v1/regions HTTP/1.1\r\nX-Endless: ");
    QElapsedTimer timer;
    timer.start();
    RawAnswer a;
    for (int i = 0; i < 64 && c.socket.state() == QAbstractSocket::ConnectedState; ++i) {
        c.socket.write(QByteArray(4096, 'b'));
        c.socket.waitForBytesWritten(1000);
        if (c.socket.waitForReadyRead(20)) {
            c.buffer += c.socket.readAll();
            break;
        }
    }
    a = c.read();
    QCOMPARE(a.status, 431);
    QCOMPARE(a.code(), QStringLiteral("headers_too_large"));
    QVERIFY(c.closedByServer());
}

void SandboxLimitsTest::contentLengthOverLimitIs413BeforeTheBody() {
    SandboxFixture f;
    RawClient c(f);
    QVERIFY(c.encrypted);
    // Only the head is sent: the answer must not wait for 100 MB that never come.
    c.send("POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           "Content-Length: 100000000\r\n\r\n");
    const RawAnswer a = c.read(false, 5000);
    QCOMPARE(a.status, 413);
    QCOMPARE(a.code(), QStringLiteral("payload_too_large"));
    QVERIFY(c.closedByServer());

    // 16 KiB exactly is within the limit (and then answered on its merits).
    RawClient exact(f);
    QByteArray body = R"({"email":"a@example.com","password":")";
    body += QByteArray(16 * 1024 - body.size() - 2, 'x') + "\"}";
    QCOMPARE(body.size(), 16 * 1024);
    exact.send(post("/api/v1/sessions", body));
    const RawAnswer b = exact.read();
    QCOMPARE(b.status, 401);
    QCOMPARE(b.code(), QStringLiteral("invalid_credentials"));
}

void SandboxLimitsTest::chunkedBodyIsReadAndCutAtTheLimit() {
    SandboxFixture f;
    {
        RawClient c(f);
        const QByteArray body = R"({"email":"nobody@example.com","password":"Wrong-pass1"})";
        c.send("POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
               QByteArray::number(10, 16) + "\r\n" + body.left(10) + "\r\n" +
               QByteArray::number(body.size() - 10, 16) + "\r\n" + body.mid(10) + "\r\n0\r\n\r\n");
        const RawAnswer a = c.read();
        QCOMPARE(a.status, 401); // the body was read whole and parsed
        QCOMPARE(a.code(), QStringLiteral("invalid_credentials"));
    }
    RawClient c(f);
    c.send("POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    // 8 KiB chunks, without end: cut off at the third.
    RawAnswer a;
    for (int i = 0; i < 16 && c.socket.state() == QAbstractSocket::ConnectedState; ++i) {
        c.socket.write("2000\r\n" + QByteArray(0x2000, ' ') + "\r\n");
        c.socket.waitForBytesWritten(1000);
        if (c.socket.waitForReadyRead(20)) {
            c.buffer += c.socket.readAll();
            break;
        }
    }
    a = c.read();
    QCOMPARE(a.status, 413);
    QCOMPARE(a.code(), QStringLiteral("payload_too_large"));
    QVERIFY(c.closedByServer());
}

void SandboxLimitsTest::twoDifferentContentLengthsAre400() {
    SandboxFixture f;
    RawClient c(f);
    c.send("POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x");
    const RawAnswer a = c.read();
    QCOMPARE(a.status, 400);
    QCOMPARE(a.code(), QStringLiteral("malformed_request"));
    QVERIFY(c.closedByServer());

    // The same length twice is one length.
    RawClient same(f);
    same.send(
        "POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}");
    const RawAnswer b = same.read();
    QCOMPARE(b.status, 400);
    QCOMPARE(b.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString(),
             QStringLiteral("email"));
}

void SandboxLimitsTest::requestMustArriveWithinItsTime() {
    SandboxFixture f([](SandboxOptions &o) { o.requestTimeoutMs = 500; });
    RawClient c(f);
    QElapsedTimer timer;
    timer.start();
    c.send("GET /api/v1/regions HTTP/1.1\r\nHost: x\r\n");
    // A trickle does not extend the time: one more byte whenever 100 ms pass without an answer.
    while (c.socket.state() == QAbstractSocket::ConnectedState && c.socket.bytesAvailable() == 0 &&
           timer.elapsed() < 5000) {
        if (!c.socket.waitForReadyRead(100))
            c.send("X");
    }
    const RawAnswer a = c.read(false, 5000);
    QCOMPARE(a.status, 408);
    QCOMPARE(a.code(), QStringLiteral("request_timeout"));
    QVERIFY(timer.elapsed() >= 400);
    QVERIFY(timer.elapsed() < 3000);
    QVERIFY(c.closedByServer());
}

void SandboxLimitsTest::idleKeepAliveIsClosed() {
    SandboxFixture f([](SandboxOptions &o) { o.idleTimeoutMs = 500; });
    RawClient c(f);
    c.send(get("/api/v1/regions"));
    QCOMPARE(c.read().status, 200);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(c.socket.state() == QAbstractSocket::ConnectedState);
    QVERIFY(c.closedByServer(5000));
    QVERIFY(timer.elapsed() >= 300);
    QVERIFY(c.extra.isEmpty());
}

void SandboxLimitsTest::connectionCloseAndHttp10CloseAfterTheAnswer() {
    SandboxFixture f;
    {
        RawClient c(f);
        c.send(get("/api/v1/regions", "Connection: close\r\n"));
        const RawAnswer a = c.read();
        QCOMPARE(a.status, 200);
        QCOMPARE(a.headers.value("connection"), QByteArray("close"));
        QVERIFY(c.closedByServer());
    }
    {
        RawClient c(f);
        c.send("GET /api/v1/regions HTTP/1.0\r\n\r\n");
        QCOMPARE(c.read().status, 200);
        QVERIFY(c.closedByServer());
    }
    {
        // HTTP/1.0 asking for keep-alive, and HTTP/1.1 by default, stay open for the next request.
        RawClient c(f);
        c.send("GET /api/v1/regions HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        QCOMPARE(c.read().status, 200);
        c.send(get("/api/v1/regions"));
        QCOMPARE(c.read().status, 200);
        c.send(get("/api/v1/regions"));
        QCOMPARE(c.read().status, 200);
        QCOMPARE(c.socket.state(), QAbstractSocket::ConnectedState);
    }
}

void SandboxLimitsTest::headAnswersLikeGetWithoutBody() {
    SandboxFixture f;
    RawClient c(f);
    c.send(get("/api/v1/regions"));
    const RawAnswer g = c.read();
    QCOMPARE(g.status, 200);
    // HEAD then GET on the same connection: if HEAD carried a body, the GET answer would be garbled.
    c.send("HEAD /api/v1/regions HTTP/1.1\r\nHost: x\r\n\r\n" + get("/api/v1/regions"));
    const RawAnswer h = c.read(true);
    QCOMPARE(h.status, 200);
    QCOMPARE(h.headers.value("content-length").toInt(), g.body.size());
    QCOMPARE(h.headers.value("content-type"), g.headers.value("content-type"));
    const RawAnswer again = c.read();
    QCOMPARE(again.status, 200);
    QCOMPARE(again.body, g.body);
    // A HEAD where only POST is allowed: 405 with its Allow header, and still no body.
    c.send("HEAD /api/v1/accounts HTTP/1.1\r\nHost: x\r\n\r\n" + get("/api/v1/regions"));
    const RawAnswer h405 = c.read(true);
    QCOMPARE(h405.status, 405);
    QCOMPARE(h405.headers.value("allow"), QByteArray("POST"));
    QCOMPARE(c.read().status, 200);
}

void SandboxLimitsTest::rawControlCharactersInJsonStringsAre400() {
    SandboxFixture f;
    SandboxClient client = f.client();
    for (const QByteArray &body :
         {QByteArray("{\"email\":\"a\x01@example.com\",\"password\":\"Secret-Pass1\",\"region\":\"ru-msk\"}"),
          QByteArray("{\"email\":\"a@example.com\",\"password\":\"Secret\nPass1\",\"region\":\"ru-msk\"}"),
          QByteArray("{\"email\":\"a@example.com\",\"password\":\"Secret\tPass1\",\"region\":\"ru-msk\"}"),
          QByteArray(
              "{\"email\":\"a@example.com\",\"password\":\"Secret-Pass1\",\"region\":\"ru-msk\x1f\"}")}) {
        const HttpResult r = client.send("POST", QStringLiteral("/api/v1/accounts"), body,
                                         {{"Content-Type", "application/json"}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("malformed_request"));
    }
    // Escaped control characters and whitespace between tokens are JSON.
    const HttpResult ok =
        client.send("POST", QStringLiteral("/api/v1/sessions"),
                    "{\n\t\"email\" : \"a@example.com\",\r\n \"password\": \"Secret\\u0001\\n\\tPass1\"\n}",
                    {{"Content-Type", "application/json"}});
    QCOMPARE(ok.status, 401);
    QCOMPARE(ok.errorCode(), QStringLiteral("invalid_credentials"));
}

void SandboxLimitsTest::hugeUrlIsNotEchoed() {
    SandboxFixture f;
    RawClient c(f);
    const QByteArray path = "/api/v1/" + QByteArray(12 * 1024, 'z');
    c.send(get(path));
    const RawAnswer a = c.read();
    QCOMPARE(a.status, 404);
    QCOMPARE(a.code(), QStringLiteral("not_found"));
    QVERIFY(a.body.size() < 200);
    QVERIFY(!a.body.contains("zzzz"));
}

void SandboxLimitsTest::signInsAreLimitedPerAddress() {
    SandboxFixture f;
    SandboxClient client = f.client();
    // Different emails: only the per-address limit applies (20 a minute).
    for (int i = 0; i < 20; ++i) {
        const HttpResult r = client.post(QStringLiteral("/api/v1/sessions"),
                                         {{QStringLiteral("email"), QStringLiteral("u%1@example.com").arg(i)},
                                          {QStringLiteral("password"), StrongPassword}});
        QCOMPARE(r.status, 401);
    }
    const HttpResult r = client.post(QStringLiteral("/api/v1/sessions"),
                                     {{QStringLiteral("email"), QStringLiteral("u20@example.com")},
                                      {QStringLiteral("password"), StrongPassword}});
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
    const int retryAfter = r.header("retry-after").toInt();
    QVERIFY(retryAfter >= 1 && retryAfter <= 60);
    QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("retry_after")).toInt(),
             retryAfter);
    // A malformed body is still a 400 (the body's shape comes before 429).
    QCOMPARE(client.post(QStringLiteral("/api/v1/sessions"), {{QStringLiteral("email"), 5}}).status, 400);
}

void SandboxLimitsTest::lockoutIsCountedBeforeHashing() {
    // A slow hash makes the 25 requests overlap: all arrive before the first hash ends.
    SandboxFixture f([](SandboxOptions &o) {
        o.passwordHashIterations = 20000;
        o.signInsPerMinute = 100;
    });
    SandboxClient client = f.client();
    QVERIFY(!client.createAccount(QStringLiteral("victim@example.com")).isEmpty());
    QList<QNetworkReply *> replies;
    const QByteArray body = R"({"email":"victim@example.com","password":"Wrong-Pass1"})";
    for (int i = 0; i < 25; ++i)
        replies.append(client.start("POST", QStringLiteral("/api/v1/sessions"), body,
                                    {{"Content-Type", "application/json"}}));
    int unauthorized = 0;
    int limited = 0;
    for (QNetworkReply *reply : replies) {
        const HttpResult r = SandboxClient::wait(reply);
        if (r.status == 401)
            ++unauthorized;
        else if (r.status == 429 && r.errorCode() == QLatin1String("rate_limited"))
            ++limited;
    }
    QCOMPARE(unauthorized, 5);
    QCOMPARE(limited, 20);
    // And the right password is refused too while locked out.
    const HttpResult right = client.post(QStringLiteral("/api/v1/sessions"),
                                         {{QStringLiteral("email"), QStringLiteral("victim@example.com")},
                                          {QStringLiteral("password"), StrongPassword}});
    QCOMPARE(right.status, 429);
}

void SandboxLimitsTest::hashingQueueIsBounded() {
    SandboxFixture f([](SandboxOptions &o) {
        o.passwordHashIterations = 200000;
        o.maxQueuedPasswordHashes = 2;
        o.signInsPerMinute = 100;
    });
    SandboxClient client = f.client();
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 8; ++i)
        replies.append(client.start(
            "POST", QStringLiteral("/api/v1/sessions"),
            QJsonDocument(QJsonObject{{QStringLiteral("email"), QStringLiteral("q%1@example.com").arg(i)},
                                      {QStringLiteral("password"), StrongPassword}})
                .toJson(QJsonDocument::Compact),
            {{"Content-Type", "application/json"}}));
    int busy = 0;
    int unauthorized = 0;
    for (QNetworkReply *reply : replies) {
        const HttpResult r = SandboxClient::wait(reply);
        if (r.status == 503) {
            ++busy;
            QCOMPARE(r.errorCode(), QStringLiteral("server_busy"));
            QCOMPARE(r.header("retry-after"), QByteArray("1"));
        } else if (r.status == 401) {
            ++unauthorized;
        }
    }
    QVERIFY2(busy >= 4, qPrintable(QStringLiteral("%1 answered 503").arg(busy)));
    QVERIFY(unauthorized >= 2);
    QCOMPARE(busy + unauthorized, 8);
}

void SandboxLimitsTest::hostileClientsDoNotDelayOthers() {
    SandboxFixture f([](SandboxOptions &o) {
        o.signInsPerMinute = 1000;
        o.handshakeTimeoutMs = 20000;
    });
    QVERIFY(f.ok());
    // The hostile clients run on a thread of their own, so that their client-side work (TLS,
    // encrypting megabytes) does not slow the well-behaved client measured here.
    QThread thread;
    auto *hostile = new HostileTraffic(f.sandbox->baseUrl(), f.sandbox->caCertificate());
    hostile->moveToThread(&thread);
    thread.start();
    QMetaObject::invokeMethod(hostile, &HostileTraffic::start);
    WAIT_VERIFY(hostile->tricklersStarted.loadRelaxed() >= 40, 20000);
    WAIT_VERIFY(hostile->floodBytesWritten.loadRelaxed() >= 64 * 1024, 20000);

    // Meanwhile a well-behaved client, each time on a new connection (TLS handshake included).
    qint64 worst = 0;
    for (int i = 0; i < 10; ++i) {
        SandboxClient good = f.client();
        QElapsedTimer timer;
        timer.start();
        const HttpResult r = good.get(QStringLiteral("/api/v1/regions"));
        worst = qMax(worst, timer.elapsed());
        QCOMPARE(r.status, 200);
    }
    // Every sign-in of the burst is answered too (401, or 503 beyond the hashing queue), none lost.
    const bool burstDone = waitFor([&] { return hostile->burstAnswered.loadRelaxed() == 40; }, 30000);
    const int burstAnswered = hostile->burstAnswered.loadRelaxed();
    QMetaObject::invokeMethod(
        hostile, [hostile] { delete hostile; }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    // The figure is printed (docs/performance.md keeps it); the bound only tells "answered beside
    // the hostile clients" from "queued behind them", whose first time limit is 20 s (handshakes).
    qInfo("slowest normal request: %lld ms", worst);
    QVERIFY2(worst < 5000, qPrintable(QStringLiteral("a normal request took %1 ms").arg(worst)));
    QVERIFY2(burstDone, qPrintable(QStringLiteral("%1 of 40 sign-ins answered").arg(burstAnswered)));
}

void SandboxLimitsTest::faultPlanIsCapped() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QJsonObject fault{{QStringLiteral("path"), QStringLiteral("/api/v1/never")},
                            {QStringLiteral("status"), 500}};
    for (int i = 0; i < 100; ++i)
        QCOMPARE(client.post(QStringLiteral("/sandbox/v1/faults"), fault).status, 201);
    const HttpResult full = client.post(QStringLiteral("/sandbox/v1/faults"), fault);
    QCOMPARE(full.status, 409);
    QCOMPARE(full.errorCode(), QStringLiteral("fault_plan_full"));
    QCOMPARE(client.del(QStringLiteral("/sandbox/v1/faults")).status, 204);
    QJsonObject many = fault;
    many.insert(QStringLiteral("count"), 1001);
    const HttpResult tooMany = client.post(QStringLiteral("/sandbox/v1/faults"), many);
    QCOMPARE(tooMany.status, 400);
    QCOMPARE(tooMany.errorField(), QStringLiteral("count"));
}

void SandboxLimitsTest::longPollsPerAccountAreBounded() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(QStringLiteral("poller@example.com"));
    QVERIFY(!token.isEmpty());
    const qint64 version = client.registration(token).value(QStringLiteral("version")).toInteger();
    const QString poll = QStringLiteral("/api/v1/registration?wait=30&since=%1").arg(version);
    // One client each: a QNetworkAccessManager opens at most six connections to one host.
    std::vector<std::unique_ptr<SandboxClient>> clients;
    QList<QNetworkReply *> polls;
    for (int i = 0; i < 8; ++i) {
        clients.push_back(std::make_unique<SandboxClient>(f.sandbox->baseUrl(), f.sandbox->caCertificate()));
        polls.append(clients.back()->start("GET", poll, {}, SandboxClient::auth(token)));
    }
    QVERIFY(f.waitUntil([](const SandboxActivity &a) { return a.waitingLongPolls == 8; }));
    auto finished = [&] {
        return std::count_if(polls.begin(), polls.end(), [](QNetworkReply *r) { return r->isFinished(); });
    };
    QCOMPARE(finished(), 0);
    // A ninth: the oldest is answered at once, unchanged, to make room.
    clients.push_back(std::make_unique<SandboxClient>(f.sandbox->baseUrl(), f.sandbox->caCertificate()));
    QNetworkReply *ninth = clients.back()->start("GET", poll, {}, SandboxClient::auth(token));
    WAIT_COMPARE(finished(), 1, 5000);
    for (QNetworkReply *reply : polls) {
        if (!reply->isFinished())
            continue;
        const HttpResult oldest = SandboxClient::wait(reply);
        QCOMPARE(oldest.status, 200);
        QCOMPARE(oldest.json.value(QStringLiteral("version")).toInteger(), version);
    }
    QVERIFY(!ninth->isFinished());
    for (QNetworkReply *reply : polls + QList<QNetworkReply *>{ninth})
        if (!reply->isFinished())
            reply->abort();
}

QTEST_MAIN(SandboxLimitsTest)
#include "tst_sandbox_limits.moc"
