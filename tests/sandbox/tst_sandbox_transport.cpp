// HTTPS, certificates, the shapes of 400/401/404/405/413 answers, request ids, restarts and the
// stand-alone executable.
#include "support/sandboxfixture.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QNetworkInterface>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificateExtension>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace signup;
using namespace signup::test;

namespace {

bool onlyOwnerMayRead(const QString &path) {
    const QFileDevice::Permissions others =
        QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther;
    return QFileInfo::exists(path) && (QFile::permissions(path) & others) == 0;
}

} // namespace

class SandboxTransportTest : public QObject {
    Q_OBJECT
private slots:
    void regionsOverHttps();
    void requestIdIsEchoedOrMade();
    void invalidRequestIdIsRefused();
    void unknownPathIs404Json();
    void wrongMethodIs405WithAllow();
    void malformedBodiesAre400();
    void oversizeBodyIs413();
    void missingOrUnknownTokenIs401();
    void unauthorizedWinsOverMalformedBody();
    void invalidIdempotencyKeyIs400();
    void untrustingClientIsRefused();
    void defaultClientSettingsWork();
    void garbageDoesNotHurtTheServer();
    void certificatesAreCreatedSafelyAndReused();
    void givenCertificateIsUsed();
    void listeningBeyondLoopbackKeepsTheCa();
    void restartKeepsAccountsSessionsAndState();
    void sandboxRoutesCanBeSwitchedOff();
    void executablePrintsUrlAndLogsWithoutSecrets();
    void executableHelp();
    void caIsNameConstrained();
    void executableRefusesWeakOrOutOfRangeSettings();
};

void SandboxTransportTest::regionsOverHttps() {
    SandboxFixture f;
    QVERIFY(f.ok());
    QCOMPARE(f.sandbox->baseUrl().scheme(), QStringLiteral("https"));
    SandboxClient client = f.client();
    const HttpResult r = client.get(QStringLiteral("/api/v1/regions"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("content-type").startsWith("application/json"));
    const QJsonArray regions = r.json.value(QStringLiteral("regions")).toArray();
    QCOMPARE(regions.size(), 2);
    const QJsonObject moscow = regions.at(0).toObject();
    QCOMPARE(moscow.value(QStringLiteral("id")).toString(), QStringLiteral("ru-msk"));
    QCOMPARE(moscow.value(QStringLiteral("currency")).toString(), QStringLiteral("RUB"));
    QCOMPARE(
        moscow.value(QStringLiteral("card_test_amount")).toObject().value(QStringLiteral("value")).toString(),
        QStringLiteral("500.00"));
    QCOMPARE(regions.at(1).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("kz-ast"));
}

void SandboxTransportTest::requestIdIsEchoedOrMade() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const HttpResult echoed =
        client.get(QStringLiteral("/api/v1/regions"), {{"X-Request-Id", "my-request_42"}});
    QCOMPARE(echoed.header("x-request-id"), QByteArray("my-request_42"));
    const HttpResult made = client.get(QStringLiteral("/api/v1/regions"));
    QVERIFY(!made.header("x-request-id").isEmpty());
    const HttpResult error = client.get(QStringLiteral("/nowhere"), {{"X-Request-Id", "abc"}});
    QCOMPARE(error.header("x-request-id"), QByteArray("abc"));
}

void SandboxTransportTest::invalidRequestIdIsRefused() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QByteArray bad = "not valid!";
    const HttpResult r = client.get(QStringLiteral("/api/v1/regions"), {{"X-Request-Id", bad}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("malformed_request"));
    QVERIFY(!r.header("x-request-id").isEmpty());
    QVERIFY(r.header("x-request-id") != bad);
    const HttpResult tooLong =
        client.get(QStringLiteral("/api/v1/regions"), {{"X-Request-Id", QByteArray(65, 'a')}});
    QCOMPARE(tooLong.status, 400);
}

void SandboxTransportTest::unknownPathIs404Json() {
    SandboxFixture f;
    SandboxClient client = f.client();
    for (const QString &path : {QStringLiteral("/"), QStringLiteral("/api/v1/nothing"),
                                QStringLiteral("/api/v2/regions"), QStringLiteral("/api/v1/regions/extra")}) {
        const HttpResult r = client.get(path);
        QCOMPARE(r.status, 404);
        QVERIFY(r.header("content-type").startsWith("application/json"));
        QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
    }
    QCOMPARE(client.send("POST", QStringLiteral("/api/v1/nothing"), "{}").status, 404);
}

void SandboxTransportTest::wrongMethodIs405WithAllow() {
    SandboxFixture f;
    SandboxClient client = f.client();
    HttpResult r = client.get(QStringLiteral("/api/v1/accounts"));
    QCOMPARE(r.status, 405);
    QCOMPARE(r.errorCode(), QStringLiteral("method_not_allowed"));
    QCOMPARE(r.header("allow"), QByteArray("POST"));
    r = client.send("PATCH", QStringLiteral("/api/v1/regions"), "{}");
    QCOMPARE(r.status, 405);
    QCOMPARE(r.header("allow"), QByteArray("GET, HEAD")); // HEAD is answered like GET
    r = client.send("PUT", QStringLiteral("/sandbox/v1/faults"), "{}");
    QCOMPARE(r.status, 405);
    QCOMPARE(r.header("allow"), QByteArray("POST, DELETE"));
    r = client.send("DELETE", QStringLiteral("/sandbox/v1/3ds/anything"));
    QCOMPARE(r.status, 405);
    QCOMPARE(r.header("allow"), QByteArray("GET, HEAD, POST"));
}

void SandboxTransportTest::malformedBodiesAre400() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString path = QStringLiteral("/api/v1/accounts");
    for (const QByteArray &body : {QByteArray("not json"), QByteArray("[1,2]"), QByteArray("\"text\""),
                                   QByteArray(""), QByteArray("{\"email\": ")}) {
        const HttpResult r = client.send("POST", path, body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("malformed_request"));
    }
    struct Case {
        QJsonObject body;
        QString field;
    };
    const QList<Case> cases{
        {{{QStringLiteral("password"), StrongPassword}, {QStringLiteral("region"), QStringLiteral("ru-msk")}},
         QStringLiteral("email")},
        {{{QStringLiteral("email"), QJsonValue()},
          {QStringLiteral("password"), StrongPassword},
          {QStringLiteral("region"), QStringLiteral("ru-msk")}},
         QStringLiteral("email")},
        {{{QStringLiteral("email"), QStringLiteral("a@example.com")},
          {QStringLiteral("password"), 12345678},
          {QStringLiteral("region"), QStringLiteral("ru-msk")}},
         QStringLiteral("password")},
        {{{QStringLiteral("email"), QStringLiteral("a@example.com")},
          {QStringLiteral("password"), StrongPassword}},
         QStringLiteral("region")},
        {{{QStringLiteral("email"), QStringLiteral("a@example.com")},
          {QStringLiteral("password"), StrongPassword},
          {QStringLiteral("region"), QStringLiteral("ru-msk")},
          {QStringLiteral("language"), QStringLiteral("de")}},
         QStringLiteral("language")},
    };
    for (const Case &c : cases) {
        const HttpResult r = client.post(path, c.body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("malformed_request"));
        QCOMPARE(r.errorField(), c.field);
    }
    // Unknown fields are ignored.
    const HttpResult ok = client.post(path, {{QStringLiteral("email"), QStringLiteral("extra@example.com")},
                                             {QStringLiteral("password"), StrongPassword},
                                             {QStringLiteral("region"), QStringLiteral("ru-msk")},
                                             {QStringLiteral("favourite_colour"), QStringLiteral("green")}});
    QCOMPARE(ok.status, 201);
}

void SandboxTransportTest::oversizeBodyIs413() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QByteArray big = "{\"email\":\"" + QByteArray(17 * 1024, 'a') + "@example.com\"}";
    const HttpResult r = client.send("POST", QStringLiteral("/api/v1/accounts"), big);
    QCOMPARE(r.status, 413);
    QCOMPARE(r.errorCode(), QStringLiteral("payload_too_large"));
    // Exactly at the limit is still read (and then judged on its content).
    QByteArray atLimit = "{\"pad\":\"\"}";
    atLimit.insert(8, QByteArray(16 * 1024 - atLimit.size(), 'x'));
    QCOMPARE(atLimit.size(), 16 * 1024);
    QCOMPARE(client.send("POST", QStringLiteral("/api/v1/accounts"), atLimit).status, 400);
}

void SandboxTransportTest::missingOrUnknownTokenIs401() {
    SandboxFixture f;
    SandboxClient client = f.client();
    for (const Headers &headers : {Headers{}, SandboxClient::auth(QStringLiteral("nonsense")),
                                   Headers{{"Authorization", "Basic dXNlcjpwYXNz"}}}) {
        const HttpResult r = client.get(QStringLiteral("/api/v1/registration"), headers);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
    }
}

void SandboxTransportTest::unauthorizedWinsOverMalformedBody() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const HttpResult r = client.send("POST", QStringLiteral("/api/v1/registration/phone"), "not json",
                                     SandboxClient::auth(QStringLiteral("nonsense")));
    QCOMPARE(r.status, 401);
    // A body over the limit is refused from its Content-Length before anything else (contract
    // 1.1, "Limits"): 413 even without a token, and the body is never read.
    const HttpResult big =
        client.send("POST", QStringLiteral("/api/v1/registration/card"), QByteArray(20000, '{'));
    QCOMPARE(big.status, 413);
    const HttpResult badId = client.get(QStringLiteral("/api/v1/registration"), {{"X-Request-Id", "bad id"}});
    QCOMPARE(badId.status, 401);
    QVERIFY(badId.header("x-request-id") != "bad id");
}

void SandboxTransportTest::invalidIdempotencyKeyIs400() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const HttpResult r = client.post(QStringLiteral("/api/v1/accounts"),
                                     {{QStringLiteral("email"), QStringLiteral("key@example.com")},
                                      {QStringLiteral("password"), StrongPassword},
                                      {QStringLiteral("region"), QStringLiteral("ru-msk")}},
                                     {{"Idempotency-Key", "has space"}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("malformed_request"));
    QCOMPARE(r.errorField(), QStringLiteral("Idempotency-Key"));
}

void SandboxTransportTest::untrustingClientIsRefused() {
    SandboxFixture f;
    SandboxClient systemOnly(f.sandbox->baseUrl(), QSslCertificate());
    const HttpResult refused = systemOnly.get(QStringLiteral("/api/v1/regions"));
    QCOMPARE(refused.status, 0);
    QCOMPARE(refused.error, QNetworkReply::SslHandshakeFailedError);
    // The same server with its CA trusted in addition to the system store.
    QCOMPARE(f.client().get(QStringLiteral("/api/v1/regions")).status, 200);
    // "localhost" is in the certificate too.
    QUrl localhost = f.sandbox->baseUrl();
    localhost.setHost(QStringLiteral("localhost"));
    SandboxClient byName(localhost, f.sandbox->caCertificate());
    QCOMPARE(byName.get(QStringLiteral("/api/v1/regions")).status, 200);
}

void SandboxTransportTest::defaultClientSettingsWork() {
    // A QNetworkAccessManager left at its defaults (HTTP/2 allowed) negotiates HTTP/1.1.
    SandboxFixture f;
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(f.sandbox->baseUrl().toString() + QStringLiteral("/api/v1/regions")));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslConfiguration::systemCaCertificates() +
                          QList<QSslCertificate>{f.sandbox->caCertificate()});
    request.setSslConfiguration(tls);
    const HttpResult r = SandboxClient::wait(nam.get(request));
    QCOMPARE(r.status, 200);
    QVERIFY(r.json.contains(QStringLiteral("regions")));
}

void SandboxTransportTest::garbageDoesNotHurtTheServer() {
    SandboxFixture f;
    const QUrl base = f.sandbox->baseUrl();
    // Not HTTP at all, over TLS.
    {
        QSslSocket socket;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({f.sandbox->caCertificate()});
        socket.setSslConfiguration(tls);
        socket.connectToHostEncrypted(base.host(), quint16(base.port()));
        QVERIFY(socket.waitForEncrypted(10000));
        socket.write("NONSENSE \x01\x02 HTTP/9\r\n\r\n{{{{\r\n");
        socket.waitForBytesWritten(5000);
        socket.waitForReadyRead(500);
        socket.abort();
    }
    // Plain HTTP to the TLS port.
    {
        QTcpSocket socket;
        socket.connectToHost(base.host(), quint16(base.port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /api/v1/regions HTTP/1.1\r\nHost: x\r\n\r\n");
        socket.waitForBytesWritten(5000);
        socket.waitForReadyRead(500);
        socket.abort();
    }
    // A request cut off in the middle of its body.
    {
        QSslSocket socket;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({f.sandbox->caCertificate()});
        socket.setSslConfiguration(tls);
        socket.connectToHostEncrypted(base.host(), quint16(base.port()));
        QVERIFY(socket.waitForEncrypted(10000));
        socket.write("POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"email\":");
        socket.waitForBytesWritten(5000);
        socket.abort();
    }
    SandboxClient client = f.client();
    QCOMPARE(client.get(QStringLiteral("/api/v1/regions")).status, 200);
    QVERIFY(!client.createAccount(QStringLiteral("after-garbage@example.com")).isEmpty());
}

void SandboxTransportTest::certificatesAreCreatedSafelyAndReused() {
    QTemporaryDir dir;
    QSslCertificate first;
    {
        SandboxFixture f([&](SandboxOptions &o) { o.dataDir = dir.path(); });
        QVERIFY(f.ok());
        first = f.sandbox->caCertificate();
        QVERIFY(!first.isNull());
        QCOMPARE(f.sandbox->caCertificatePath(), dir.filePath(QStringLiteral("ca.crt")));
        bool isCa = false;
        for (const QSslCertificateExtension &e : first.extensions())
            if (e.name() == QLatin1String("basicConstraints"))
                isCa = e.value().toMap().value(QStringLiteral("ca")).toBool();
        QVERIFY(isCa);
        QVERIFY(onlyOwnerMayRead(dir.filePath(QStringLiteral("server.key"))));
        QVERIFY(onlyOwnerMayRead(dir.filePath(QStringLiteral("ca.key"))));
        QVERIFY(onlyOwnerMayRead(dir.filePath(QStringLiteral("sandbox.sqlite"))));
    }
    SandboxFixture again([&](SandboxOptions &o) { o.dataDir = dir.path(); });
    QVERIFY(again.ok());
    QCOMPARE(again.sandbox->caCertificate(), first);
    QCOMPARE(again.client().get(QStringLiteral("/api/v1/regions")).status, 200);
}

void SandboxTransportTest::listeningBeyondLoopbackKeepsTheCa() {
    QHostAddress lan;
    for (const QHostAddress &a : QNetworkInterface::allAddresses())
        if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback())
            lan = a;
    // A machine with no network interface up still has "every address", which is beyond loopback too.
    const QHostAddress listenOn = lan.isNull() ? QHostAddress(QHostAddress::AnyIPv4) : lan;
    QTemporaryDir dir;
    QSslCertificate ca;
    {
        SandboxFixture f([&](SandboxOptions &o) { o.dataDir = dir.path(); });
        QVERIFY(f.ok());
        ca = f.sandbox->caCertificate();
    }
    SandboxFixture f([&](SandboxOptions &o) {
        o.dataDir = dir.path();
        o.listenAddress = listenOn;
    });
    QVERIFY(f.ok());
    QCOMPARE(f.sandbox->caCertificate(), ca); // clients that trust it keep working
    if (!lan.isNull())
        QCOMPARE(QHostAddress(f.sandbox->baseUrl().host()), lan);
    QCOMPARE(f.client().get(QStringLiteral("/api/v1/regions")).status, 200);
}

void SandboxTransportTest::givenCertificateIsUsed() {
    // A CA and server certificate made elsewhere (here: by another sandbox's first start).
    QTemporaryDir elsewhere;
    QSslCertificate ca;
    {
        SandboxFixture maker([&](SandboxOptions &o) { o.dataDir = elsewhere.path(); });
        QVERIFY(maker.ok());
        ca = maker.sandbox->caCertificate();
    }
    QFile chain(elsewhere.filePath(QStringLiteral("chain.pem")));
    QVERIFY(chain.open(QIODevice::WriteOnly));
    QFile server(elsewhere.filePath(QStringLiteral("server.crt")));
    QVERIFY(server.open(QIODevice::ReadOnly));
    chain.write(server.readAll() + ca.toPem());
    chain.close();

    SandboxFixture f([&](SandboxOptions &o) {
        o.certificateFile = chain.fileName();
        o.keyFile = elsewhere.filePath(QStringLiteral("server.key"));
    });
    QVERIFY(f.ok());
    QCOMPARE(f.sandbox->caCertificate(), ca);
    QVERIFY(!QFileInfo::exists(f.dir.filePath(QStringLiteral("ca.crt"))));
    QCOMPARE(f.client().get(QStringLiteral("/api/v1/regions")).status, 200);

    SandboxFixture broken([&](SandboxOptions &o) {
        o.certificateFile = f.dir.filePath(QStringLiteral("missing.pem"));
        o.keyFile = o.certificateFile;
    });
    QVERIFY(!broken.ok());
    QVERIFY(!broken.sandbox->errorString().isEmpty());
}

void SandboxTransportTest::restartKeepsAccountsSessionsAndState() {
    QTemporaryDir dir;
    QString token;
    qint64 version = 0;
    {
        SandboxFixture f([&](SandboxOptions &o) { o.dataDir = dir.path(); });
        SandboxClient client = f.client();
        token = client.createAccount(QStringLiteral("restart@example.com"));
        QVERIFY(!token.isEmpty());
        QVERIFY(client.confirmEmail(QStringLiteral("restart@example.com")));
        QVERIFY(client.confirmPhone(token, QStringLiteral("+79123450001")));
        version = client.registration(token).value(QStringLiteral("version")).toInteger();
        QVERIFY(version > 1);
    }
    SandboxFixture f([&](SandboxOptions &o) { o.dataDir = dir.path(); });
    QVERIFY(f.ok());
    SandboxClient client = f.client();
    const QJsonObject reg = client.registration(token);
    QCOMPARE(reg.value(QStringLiteral("email")).toString(), QStringLiteral("restart@example.com"));
    QCOMPARE(reg.value(QStringLiteral("version")).toInteger(), version);
    QCOMPARE(reg.value(QStringLiteral("next_step")).toString(), QStringLiteral("bind_card"));
    const HttpResult signIn = client.post(QStringLiteral("/api/v1/sessions"),
                                          {{QStringLiteral("email"), QStringLiteral("RESTART@example.com")},
                                           {QStringLiteral("password"), StrongPassword}});
    QCOMPARE(signIn.status, 201);
    QCOMPARE(client
                 .post(QStringLiteral("/api/v1/accounts"),
                       {{QStringLiteral("email"), QStringLiteral("restart@example.com")},
                        {QStringLiteral("password"), StrongPassword},
                        {QStringLiteral("region"), QStringLiteral("ru-msk")}})
                 .errorCode(),
             QStringLiteral("email_taken"));
}

void SandboxTransportTest::sandboxRoutesCanBeSwitchedOff() {
    SandboxFixture f([](SandboxOptions &o) { o.sandboxRoutes = false; });
    SandboxClient client = f.client();
    QCOMPARE(client.get(QStringLiteral("/sandbox/v1/outbox")).status, 404);
    QCOMPARE(
        client.post(QStringLiteral("/sandbox/v1/faults"), {{QStringLiteral("path"), QStringLiteral("/")}})
            .status,
        404);
    QCOMPARE(client.get(QStringLiteral("/api/v1/regions")).status, 200);
}

void SandboxTransportTest::executablePrintsUrlAndLogsWithoutSecrets() {
    QTemporaryDir dir;
    QProcess process;
    process.start(QStringLiteral(SANDBOX_EXECUTABLE),
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), dir.path(),
                   QStringLiteral("--pbkdf2-iterations"), QStringLiteral("1000"),
                   QStringLiteral("--insecure-test-kdf")});
    QVERIFY(process.waitForStarted());
    QString out;
    const QRegularExpression urlLine(QStringLiteral("listening on (https://\\S+)"));
    const QRegularExpression caLine(QStringLiteral("CA certificate: (\\S+)"));
    for (int i = 0; i < 100 && !caLine.match(out).hasMatch(); ++i) {
        process.waitForReadyRead(200);
        out += QString::fromUtf8(process.readAllStandardOutput());
    }
    const QUrl base(urlLine.match(out).captured(1));
    const QString caPath = caLine.match(out).captured(1);
    QVERIFY2(base.isValid() && base.port() > 0, qPrintable(out));
    QFile caFile(caPath);
    QVERIFY(caFile.open(QIODevice::ReadOnly));
    SandboxClient client(base, QSslCertificate(caFile.readAll()));
    QCOMPARE(client.get(QStringLiteral("/api/v1/regions"), {{"X-Request-Id", "exe-check-1"}}).status, 200);
    const QString token = client.createAccount(QStringLiteral("exe@example.com"));
    QVERIFY(!token.isEmpty());
    const QString link = client.confirmUrl(QStringLiteral("exe@example.com"));
    const QString linkToken = QUrlQuery(QUrl(link)).queryItemValue(QStringLiteral("token"));
    QVERIFY(!linkToken.isEmpty());
    QVERIFY(client.confirmEmail(QStringLiteral("exe@example.com")));

    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const QString log = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(log.contains(QStringLiteral("\"request_id\":\"exe-check-1\"")), qPrintable(log));
    QVERIFY(log.contains(QStringLiteral("\"path\":\"/api/v1/regions\"")));
    QVERIFY(log.contains(QStringLiteral("token=REDACTED")));
    QVERIFY(!log.contains(linkToken));
    QVERIFY(!log.contains(token));
    QVERIFY(!log.contains(StrongPassword));
    // The email is also on disk, for a mail client.
    QVERIFY(!QDir(dir.filePath(QStringLiteral("outbox"))).entryList({QStringLiteral("*.eml")}).isEmpty());

    // A new process on the same data dir (and port) keeps the account, its session and its state.
    QProcess again;
    again.start(QStringLiteral(SANDBOX_EXECUTABLE),
                {QStringLiteral("--port"), QString::number(base.port()), QStringLiteral("--data-dir"),
                 dir.path(), QStringLiteral("--no-access-log")});
    QVERIFY(again.waitForStarted());
    QString againOut;
    for (int i = 0; i < 100 && !caLine.match(againOut).hasMatch(); ++i) {
        again.waitForReadyRead(200);
        againOut += QString::fromUtf8(again.readAllStandardOutput());
    }
    QCOMPARE(caLine.match(againOut).captured(1), caPath);
    caFile.seek(0);
    SandboxClient resumed(base, QSslCertificate(caFile.readAll()));
    const QJsonObject reg = resumed.registration(token);
    QCOMPARE(reg.value(QStringLiteral("email")).toString(), QStringLiteral("exe@example.com"));
    QCOMPARE(reg.value(QStringLiteral("next_step")).toString(), QStringLiteral("confirm_phone"));
    again.terminate();
    QVERIFY(again.waitForFinished(10000));
    QCOMPARE(again.exitCode(), 0);
    QVERIFY(again.readAllStandardError().isEmpty()); // --no-access-log
}

void SandboxTransportTest::executableHelp() {
    QProcess process;
    process.start(QStringLiteral(SANDBOX_EXECUTABLE), {QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    const QString help = QString::fromUtf8(process.readAllStandardOutput());
    for (const char *option : {"--port", "--data-dir", "--cert", "--key", "--listen", "--pbkdf2-iterations"})
        QVERIFY2(help.contains(QLatin1String(option)), option);
}

void SandboxTransportTest::caIsNameConstrained() {
    SandboxFixture f;
    QVERIFY(f.ok());
    // Imported into a system store, the CA can vouch only for the sandbox's own names.
    const QString text = f.sandbox->caCertificate().toText();
    QVERIFY2(text.contains(QLatin1String("X509v3 Name Constraints: critical")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("DNS:localhost")));
    QVERIFY(text.contains(QLatin1String("IP:127.0.0.1/255.255.255.255")));
    QVERIFY(!text.contains(QLatin1String("IP:0.0.0.0/0.0.0.0")));
    QCOMPARE(f.client().get(QStringLiteral("/api/v1/regions")).status, 200);
}

void SandboxTransportTest::executableRefusesWeakOrOutOfRangeSettings() {
    QTemporaryDir dir;
    const QList<QStringList> refused{
        {QStringLiteral("--pbkdf2-iterations"), QStringLiteral("1")},
        {QStringLiteral("--pbkdf2-iterations"), QStringLiteral("99999")},
        {QStringLiteral("--account-creations-per-minute"), QStringLiteral("2147483647")},
        {QStringLiteral("--sign-ins-per-minute"), QStringLiteral("0")},
    };
    for (const QStringList &arguments : refused) {
        QProcess process;
        process.start(QStringLiteral(SANDBOX_EXECUTABLE),
                      QStringList{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                                  dir.path()} +
                          arguments);
        QVERIFY(process.waitForFinished(10000));
        QVERIFY2(process.exitCode() != 0, qPrintable(arguments.join(u' ')));
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(arguments.first()));
    }
}

QTEST_GUILESS_MAIN(SandboxTransportTest)
#include "tst_sandbox_transport.moc"
