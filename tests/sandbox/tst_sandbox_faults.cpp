// The fault plan (/sandbox/v1/faults): injected statuses, delays, dropped connections and
// malformed bodies, and how idempotency lets a client recover from them.
#include "support/sandboxfixture.h"

#include <QJsonDocument>
#include <QTest>

using namespace signup;
using namespace signup::test;

namespace {

const QString Faults = QStringLiteral("/sandbox/v1/faults");
const QString Regions = QStringLiteral("/api/v1/regions");
const QString Accounts = QStringLiteral("/api/v1/accounts");

QJsonObject accountBody(const QString &email) {
    return {{QStringLiteral("email"), email},
            {QStringLiteral("password"), StrongPassword},
            {QStringLiteral("region"), QStringLiteral("ru-msk")}};
}

} // namespace

class SandboxFaultsTest : public QObject {
    Q_OBJECT
private slots:
    void statusFaultIsConsumed();
    void countAndMethod();
    void delayedAnswer();
    void droppedConnectionThenIdempotentRetry();
    void malformedBody();
    void serverErrorsAreNotRemembered();
    void clearFaults();
    void invalidFaults();
};

void SandboxFaultsTest::statusFaultIsConsumed() {
    SandboxFixture f;
    SandboxClient client = f.client();
    HttpResult r = client.post(Faults, {{QStringLiteral("path"), Regions}, {QStringLiteral("status"), 503}});
    QCOMPARE(r.status, 201);
    const QJsonObject fault = r.json.value(QStringLiteral("fault")).toObject();
    QCOMPARE(fault.value(QStringLiteral("path")).toString(), Regions);
    QCOMPARE(fault.value(QStringLiteral("status")).toInt(), 503);
    QCOMPARE(fault.value(QStringLiteral("count")).toInt(), 1);
    r = client.get(Regions);
    QCOMPARE(r.status, 503);
    QCOMPARE(r.errorCode(), QStringLiteral("sandbox_fault"));
    QVERIFY(!r.header("x-request-id").isEmpty());
    QCOMPARE(client.get(Regions).status, 200);

    // An injected 429 carries Retry-After like a real one.
    QCOMPARE(client
                 .post(Faults, {{QStringLiteral("path"), Regions},
                                {QStringLiteral("status"), 429},
                                {QStringLiteral("retry_after"), 7}})
                 .status,
             201);
    r = client.get(Regions);
    QCOMPARE(r.status, 429);
    QCOMPARE(r.header("retry-after"), QByteArray("7"));
    QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("retry_after")).toInt(),
             7);
}

void SandboxFaultsTest::countAndMethod() {
    SandboxFixture f;
    SandboxClient client = f.client();
    QCOMPARE(client
                 .post(Faults, {{QStringLiteral("path"), Accounts},
                                {QStringLiteral("method"), QStringLiteral("post")},
                                {QStringLiteral("status"), 500},
                                {QStringLiteral("count"), 2}})
                 .status,
             201);
    QCOMPARE(client.get(Accounts).status, 405); // another method: untouched
    QCOMPARE(client.post(Accounts, accountBody(QStringLiteral("f1@example.com"))).status, 500);
    QCOMPARE(client.post(Accounts, accountBody(QStringLiteral("f1@example.com"))).status, 500);
    QCOMPARE(client.post(Accounts, accountBody(QStringLiteral("f1@example.com"))).status, 201);
    // The path must match exactly (no query, no prefix).
    QCOMPARE(client
                 .post(Faults,
                       {{QStringLiteral("path"), QStringLiteral("/api/v1")}, {QStringLiteral("status"), 500}})
                 .status,
             201);
    QCOMPARE(client.get(Regions).status, 200);
}

void SandboxFaultsTest::delayedAnswer() {
    SandboxFixture f;
    SandboxClient client = f.client();
    SandboxClient other = f.client();
    // The delay is on the sandbox's clock: half a minute, which the test lets pass at once.
    QCOMPARE(
        client.post(Faults, {{QStringLiteral("path"), Regions}, {QStringLiteral("delay_ms"), 30000}}).status,
        201);
    QNetworkReply *slow = client.start("GET", Regions);
    QVERIFY(f.waitUntil([](const SandboxActivity &a) { return a.delayedByFaults == 1; }));
    QCOMPARE(f.activity().unansweredRequests, 1);
    // The server keeps answering others meanwhile.
    QCOMPARE(other.get(QStringLiteral("/sandbox/v1/outbox")).status, 200);
    QVERIFY(slow->isRunning());
    // Not before its time ...
    QVERIFY(f.sandbox->advanceClock(29));
    QCOMPARE(f.activity().delayedByFaults, 1);
    QCOMPARE(other.get(QStringLiteral("/sandbox/v1/outbox")).status, 200);
    QVERIFY(slow->isRunning());
    // ... and then handled as usual.
    QVERIFY(f.sandbox->advanceClock(1));
    const HttpResult r = SandboxClient::wait(slow);
    QCOMPARE(r.status, 200);
    QVERIFY(r.json.contains(QStringLiteral("regions")));
    QCOMPARE(f.activity().delayedByFaults, 0);

    // With the clock left alone, a delay ends when its time has passed.
    QCOMPARE(
        client.post(Faults, {{QStringLiteral("path"), Regions}, {QStringLiteral("delay_ms"), 200}}).status,
        201);
    QCOMPARE(client.get(Regions).status, 200);
    QCOMPARE(f.activity().delayedByFaults, 0);
}

void SandboxFaultsTest::droppedConnectionThenIdempotentRetry() {
    SandboxFixture f;
    SandboxClient client = f.client();
    // QNetworkAccessManager silently re-sends a request (up to twice) when the connection closes
    // before any byte of an answer: enough drops to make it give up.
    QCOMPARE(client
                 .post(Faults, {{QStringLiteral("path"), Accounts},
                                {QStringLiteral("drop"), true},
                                {QStringLiteral("count"), 5}})
                 .status,
             201);
    const Headers key{{"Idempotency-Key", "dropped-1"}};
    const HttpResult dropped = client.post(Accounts, accountBody(QStringLiteral("drop@example.com")), key);
    QCOMPARE(dropped.status, 0);
    QVERIFY(dropped.error != QNetworkReply::NoError);
    QCOMPARE(client.del(Faults).status, 204);
    // The outcome was unknown to the client; the retry with the same key gets the stored answer.
    const HttpResult retry = client.post(Accounts, accountBody(QStringLiteral("drop@example.com")), key);
    QCOMPARE(retry.status, 201);
    QCOMPARE(retry.header("idempotent-replayed"), QByteArray("true"));
    const QString token =
        retry.json.value(QStringLiteral("session")).toObject().value(QStringLiteral("token")).toString();
    QCOMPARE(client.registration(token).value(QStringLiteral("email")).toString(),
             QStringLiteral("drop@example.com"));
}

void SandboxFaultsTest::malformedBody() {
    SandboxFixture f;
    SandboxClient client = f.client();
    QCOMPARE(
        client.post(Faults, {{QStringLiteral("path"), Regions}, {QStringLiteral("malformed"), true}}).status,
        201);
    const HttpResult r = client.get(Regions);
    QCOMPARE(r.status, 200);
    QJsonParseError error;
    QJsonDocument::fromJson(r.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
    QCOMPARE(client.get(Regions).json.contains(QStringLiteral("regions")), true);
}

void SandboxFaultsTest::serverErrorsAreNotRemembered() {
    SandboxFixture f;
    SandboxClient client = f.client();
    QCOMPARE(
        client.post(Faults, {{QStringLiteral("path"), Accounts}, {QStringLiteral("status"), 502}}).status,
        201);
    const Headers key{{"Idempotency-Key", "retry-5xx"}};
    QCOMPARE(client.post(Accounts, accountBody(QStringLiteral("fivexx@example.com")), key).status, 502);
    const HttpResult retry = client.post(Accounts, accountBody(QStringLiteral("fivexx@example.com")), key);
    QCOMPARE(retry.status, 201);
    QVERIFY(retry.header("idempotent-replayed").isEmpty());
}

void SandboxFaultsTest::clearFaults() {
    SandboxFixture f;
    SandboxClient client = f.client();
    QCOMPARE(client
                 .post(Faults, {{QStringLiteral("path"), Regions},
                                {QStringLiteral("status"), 500},
                                {QStringLiteral("count"), 5}})
                 .status,
             201);
    QCOMPARE(client.del(Faults).status, 204);
    QCOMPARE(client.get(Regions).status, 200);
}

void SandboxFaultsTest::invalidFaults() {
    SandboxFixture f;
    SandboxClient client = f.client();
    struct Case {
        QJsonObject body;
        const char *field;
    };
    for (const Case &c :
         {Case{{{QStringLiteral("status"), 500}}, "path"},
          Case{{{QStringLiteral("path"), Regions}, {QStringLiteral("status"), QStringLiteral("500")}},
               "status"},
          Case{{{QStringLiteral("path"), Regions}, {QStringLiteral("status"), 99}}, "status"},
          Case{{{QStringLiteral("path"), Regions}, {QStringLiteral("drop"), 1}}, "drop"},
          Case{{{QStringLiteral("path"), Regions}, {QStringLiteral("count"), 0}}, "count"},
          Case{{{QStringLiteral("path"), Regions}, {QStringLiteral("delay_ms"), -5}}, "delay_ms"}}) {
        const HttpResult r = client.post(Faults, c.body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("malformed_request"));
        QCOMPARE(r.errorField(), QLatin1String(c.field));
    }
    QCOMPARE(client.get(Regions).status, 200);
}

QTEST_GUILESS_MAIN(SandboxFaultsTest)
#include "tst_sandbox_faults.moc"
