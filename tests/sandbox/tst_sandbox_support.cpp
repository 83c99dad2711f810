// Contract 1.1, §6: support codes, the agent's read-only view with the API calls made for a
// registration, and GET /sandbox/v1/info.
#include "support/sandboxfixture.h"
#include "vksignup/version.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace signup;
using namespace signup::test;

namespace {

const QString SupportCode = QStringLiteral("/api/v1/registration/support-code");

QString uniqueEmail(const QString &tag) {
    return QStringLiteral("%1.%2@example.com").arg(tag, QUuid::createUuid().toString(QUuid::Id128).left(8));
}

QString supportPath(const QString &code, const QString &query = QString()) {
    return QStringLiteral("/api/v1/support/registrations/") + code +
           (query.isEmpty() ? QString() : u'?' + query);
}

Headers supportAuth(const EmbeddedSandbox &sandbox) {
    return {{"Authorization", "Bearer " + sandbox.supportKey().toLatin1()}};
}

QString newCode(SandboxClient &client, const QString &token) {
    return client.post(SupportCode, {}, SandboxClient::auth(token))
        .json.value(QStringLiteral("code"))
        .toString();
}

} // namespace

class SandboxSupportTest : public QObject {
    Q_OBJECT
private slots:
    void supportKeyIsRequired();
    void createCode();
    void agentSeesTheMaskedRegistrationAndTheCalls();
    void noSecretInTheAgentsView();
    void newCodeReplacesThePreviousOne();
    void withdrawingEndsTheViewAtOnce();
    void longPollFollowsTheCustomer();
    void codeExpires();
    void codeCreationIsLimited();
    void unknownCodesAreLimitedPerKey();
    void supportKeyFromTheOptions();
    void sandboxInfo();
    void executablePrintsOrTakesTheKey();
};

void SandboxSupportTest::supportKeyIsRequired() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(uniqueEmail(QStringLiteral("key")));
    const QString code = newCode(client, token);
    QVERIFY(!code.isEmpty());
    for (const Headers &headers :
         {Headers{}, SandboxClient::auth(token), SandboxClient::auth(QStringLiteral("sk_wrong")),
          Headers{{"Authorization", "Basic " + f.sandbox->supportKey().toLatin1()}}}) {
        const HttpResult r = client.get(supportPath(code), headers);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
    }
    QVERIFY(f.sandbox->supportKey().startsWith(QLatin1String("sk_")));
    QVERIFY(f.sandbox->supportKey().size() >= 25);
    QCOMPARE(client.get(supportPath(code), supportAuth(*f.sandbox)).status, 200);
}

void SandboxSupportTest::createCode() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(uniqueEmail(QStringLiteral("code")));
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const HttpResult r = client.post(SupportCode, {}, SandboxClient::auth(token));
    QCOMPARE(r.status, 201);
    const QString code = r.json.value(QStringLiteral("code")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^[0-9]{4}-[0-9]{4}$")).match(code).hasMatch(),
             qPrintable(code));
    const QDateTime expires =
        QDateTime::fromString(r.json.value(QStringLiteral("expires_at")).toString(), Qt::ISODate);
    QVERIFY(expires >= before.addSecs(15 * 60 - 5) && expires <= before.addSecs(15 * 60 + 60));
    QCOMPARE(client.post(SupportCode, {}).status, 401);
    QCOMPARE(client.del(SupportCode).status, 401);
    // The agent may type the code with or without its dash.
    QCOMPARE(client.get(supportPath(QString(code).remove(u'-')), supportAuth(*f.sandbox)).status, 200);

    // Neither the code nor a plain hash of it is in the data directory: eight digits hashed without a
    // key would be found by trying all 10^8 of them.
    const QByteArray digits = QString(code).remove(u'-').toLatin1();
    const QList<QByteArray> forbidden = {
        digits, code.toLatin1(),
        QCryptographicHash::hash("support-code:" + digits, QCryptographicHash::Sha256).toHex(),
        QCryptographicHash::hash(digits, QCryptographicHash::Sha256).toHex()};
    QDirIterator files(f.dir.path(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        for (const QByteArray &secret : forbidden)
            QVERIFY2(!bytes.contains(secret),
                     qPrintable(file.fileName() + u' ' + QString::fromLatin1(secret)));
    }
}

void SandboxSupportTest::agentSeesTheMaskedRegistrationAndTheCalls() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString email =
        QStringLiteral("ivan.%1@example.com").arg(QUuid::createUuid().toString(QUuid::Id128).left(6));
    const QString token = client.createAccount(email);
    // A refused call: the phone before the email is confirmed.
    const HttpResult refused =
        client.post(QStringLiteral("/api/v1/registration/phone"),
                    {{QStringLiteral("phone"), QStringLiteral("+79123450022")}},
                    SandboxClient::auth(token, {{"X-Request-Id", "customer-phone-1"}}));
    QCOMPARE(refused.status, 409);
    client.get(QStringLiteral("/api/v1/registration?wait=0&since=1"), SandboxClient::auth(token));
    const QString code = newCode(client, token);

    const HttpResult r = client.get(supportPath(code), supportAuth(*f.sandbox));
    QCOMPARE(r.status, 200);
    const QJsonObject reg = r.json.value(QStringLiteral("registration")).toObject();
    QCOMPARE(reg.value(QStringLiteral("email")).toString(), QStringLiteral("i***@example.com"));
    QCOMPARE(reg.value(QStringLiteral("next_step")).toString(), QStringLiteral("confirm_email"));

    const QJsonArray events = r.json.value(QStringLiteral("events")).toArray();
    QCOMPARE(events.size(), 4); // newest first
    QJsonObject e = events.at(0).toObject();
    QCOMPARE(e.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(e.value(QStringLiteral("route")).toString(), SupportCode);
    QCOMPARE(e.value(QStringLiteral("status")).toInt(), 201);
    QVERIFY(e.value(QStringLiteral("error_code")).isNull());
    e = events.at(1).toObject();
    QCOMPARE(e.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
    QCOMPARE(e.value(QStringLiteral("route")).toString(), QStringLiteral("/api/v1/registration")); // no query
    e = events.at(2).toObject();
    QCOMPARE(e.value(QStringLiteral("route")).toString(), QStringLiteral("/api/v1/registration/phone"));
    QCOMPARE(e.value(QStringLiteral("status")).toInt(), 409);
    QCOMPARE(e.value(QStringLiteral("error_code")).toString(), QStringLiteral("step_order"));
    QCOMPARE(e.value(QStringLiteral("request_id")).toString(), QStringLiteral("customer-phone-1"));
    QVERIFY(QDateTime::fromString(e.value(QStringLiteral("at")).toString(), Qt::ISODate).isValid());
    e = events.at(3).toObject();
    QCOMPARE(e.value(QStringLiteral("route")).toString(), QStringLiteral("/api/v1/accounts"));
    QCOMPARE(e.value(QStringLiteral("status")).toInt(), 201);

    // The agent's own calls are not the customer's.
    QCOMPARE(client.get(supportPath(code), supportAuth(*f.sandbox))
                 .json.value(QStringLiteral("events"))
                 .toArray()
                 .size(),
             4);
    QCOMPARE(reg.value(QStringLiteral("account_id")).toString(),
             client.registration(token).value(QStringLiteral("account_id")).toString());
}

void SandboxSupportTest::noSecretInTheAgentsView() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString email = uniqueEmail(QStringLiteral("secret"));
    const QString token = client.createAccount(email);
    const QString confirmUrl = client.confirmUrl(email);
    QVERIFY(client.confirmEmail(email));
    QVERIFY(client.confirmPhone(token, QStringLiteral("+7 912 345-00-33")));
    QCOMPARE(client
                 .post(QStringLiteral("/api/v1/registration/card"),
                       {{QStringLiteral("number"), QStringLiteral("4000 0000 0000 3220")},
                        {QStringLiteral("exp_month"), 11},
                        {QStringLiteral("exp_year"), QDate::currentDate().year() + 3},
                        {QStringLiteral("cvc"), QStringLiteral("947")}},
                       SandboxClient::auth(token))
                 .status,
             202);
    const QJsonObject customer = client.waitForCardDecision(token);
    const QString actionUrl =
        customer.value(QStringLiteral("card")).toObject().value(QStringLiteral("action_url")).toString();
    QVERIFY(!actionUrl.isEmpty());
    const QString code = newCode(client, token);

    const HttpResult r = client.get(supportPath(code), supportAuth(*f.sandbox));
    QCOMPARE(r.status, 200);
    const QJsonObject reg = r.json.value(QStringLiteral("registration")).toObject();
    const QJsonObject card = reg.value(QStringLiteral("card")).toObject();
    QCOMPARE(card.value(QStringLiteral("brand")).toString(), QStringLiteral("visa"));
    QCOMPARE(card.value(QStringLiteral("last4")).toString(), QStringLiteral("3220"));
    QCOMPARE(card.value(QStringLiteral("status")).toString(), QStringLiteral("requires_action"));
    QVERIFY(card.value(QStringLiteral("action_url")).isNull());
    QCOMPARE(reg.value(QStringLiteral("phone")).toObject().value(QStringLiteral("number")).toString(),
             QStringLiteral("+7 912 ***-**-33"));
    const QString body = QString::fromUtf8(r.body);
    const QString confirmToken = confirmUrl.section(QStringLiteral("token="), 1);
    for (const QString &secret :
         {token, StrongPassword, confirmToken, QStringLiteral("/email/confirm"), actionUrl.section(u'/', -1),
          QStringLiteral("4000000000003220"), QStringLiteral("4000 0000 0000 3220"),
          QStringLiteral("\"947\""), email, QStringLiteral("+79123450033"), code})
        QVERIFY2(!body.contains(secret), qPrintable(secret));
    QVERIFY(!body.contains(QStringLiteral("token")));
    QVERIFY(!body.contains(QStringLiteral("cvc")));
}

void SandboxSupportTest::newCodeReplacesThePreviousOne() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(uniqueEmail(QStringLiteral("replace")));
    const QString first = newCode(client, token);
    const QString second = newCode(client, token);
    QVERIFY(!first.isEmpty() && !second.isEmpty() && first != second);
    const HttpResult old = client.get(supportPath(first), supportAuth(*f.sandbox));
    QCOMPARE(old.status, 404);
    QCOMPARE(old.errorCode(), QStringLiteral("support_code_not_found"));
    QCOMPARE(client.get(supportPath(second), supportAuth(*f.sandbox)).status, 200);
    QCOMPARE(client.get(supportPath(QStringLiteral("0000-000x")), supportAuth(*f.sandbox)).status, 404);
}

void SandboxSupportTest::withdrawingEndsTheViewAtOnce() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(uniqueEmail(QStringLiteral("withdraw")));
    const QString code = newCode(client, token);
    const HttpResult first = client.get(supportPath(code), supportAuth(*f.sandbox));
    QCOMPARE(first.status, 200);
    const qint64 version = first.json.value(QStringLiteral("registration"))
                               .toObject()
                               .value(QStringLiteral("version"))
                               .toInteger();
    QElapsedTimer clock;
    clock.start();
    QNetworkReply *poll =
        client.start("GET", supportPath(code, QStringLiteral("wait=30&since=%1").arg(version)), {},
                     supportAuth(*f.sandbox));
    QCOMPARE(client.del(SupportCode, SandboxClient::auth(token)).status, 204);
    const HttpResult ended = SandboxClient::wait(poll);
    QVERIFY2(clock.elapsed() < 10000, "the agent's long poll was not ended by the withdrawal");
    QCOMPARE(ended.status, 404);
    QCOMPARE(ended.errorCode(), QStringLiteral("support_code_not_found"));
    QCOMPARE(client.get(supportPath(code), supportAuth(*f.sandbox)).status, 404);
    // Withdrawing with no code is not an error.
    QCOMPARE(client.del(SupportCode, SandboxClient::auth(token)).status, 204);
}

void SandboxSupportTest::longPollFollowsTheCustomer() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString email = uniqueEmail(QStringLiteral("live"));
    const QString token = client.createAccount(email);
    const QString code = newCode(client, token);
    const qint64 version = client.registration(token).value(QStringLiteral("version")).toInteger();

    // Nothing changes: the answer comes after the wait with the same version.
    QElapsedTimer clock;
    clock.start();
    HttpResult r = client.get(supportPath(code, QStringLiteral("wait=1&since=%1").arg(version)),
                              supportAuth(*f.sandbox));
    QCOMPARE(r.status, 200);
    QVERIFY(clock.elapsed() >= 900);
    QCOMPARE(
        r.json.value(QStringLiteral("registration")).toObject().value(QStringLiteral("version")).toInteger(),
        version);

    // The customer confirms the email: the agent's poll answers with the new version at once.
    clock.restart();
    QNetworkReply *poll =
        client.start("GET", supportPath(code, QStringLiteral("wait=30&since=%1").arg(version)), {},
                     supportAuth(*f.sandbox));
    QVERIFY(client.confirmEmail(email));
    r = SandboxClient::wait(poll);
    QVERIFY(clock.elapsed() < 10000);
    QCOMPARE(r.status, 200);
    const QJsonObject reg = r.json.value(QStringLiteral("registration")).toObject();
    QVERIFY(reg.value(QStringLiteral("version")).toInteger() > version);
    QCOMPARE(reg.value(QStringLiteral("next_step")).toString(), QStringLiteral("confirm_phone"));

    // A refused write call wakes the agent too, though the registration did not change.
    const qint64 now = reg.value(QStringLiteral("version")).toInteger();
    clock.restart();
    poll = client.start("GET", supportPath(code, QStringLiteral("wait=30&since=%1").arg(now)), {},
                        supportAuth(*f.sandbox));
    QCOMPARE(client
                 .post(QStringLiteral("/api/v1/registration/phone"),
                       {{QStringLiteral("phone"), QStringLiteral("12")}}, SandboxClient::auth(token))
                 .status,
             422);
    r = SandboxClient::wait(poll);
    QVERIFY(clock.elapsed() < 10000);
    QCOMPARE(r.json.value(QStringLiteral("events"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("error_code"))
                 .toString(),
             QStringLiteral("invalid_phone"));
}

void SandboxSupportTest::codeExpires() {
    SandboxFixture f; // codes work for 15 min: the test moves the sandbox's clock past that
    SandboxClient client = f.client();
    const QString token = client.createAccount(uniqueEmail(QStringLiteral("expire")));
    const QString code = newCode(client, token);
    const HttpResult first = client.get(supportPath(code), supportAuth(*f.sandbox));
    QCOMPARE(first.status, 200);
    const qint64 version = first.json.value(QStringLiteral("registration"))
                               .toObject()
                               .value(QStringLiteral("version"))
                               .toInteger();
    // A long poll ends when the code expires, not after the whole wait. Once another request has
    // been answered, the poll waits on the server (were it later, it would be answered at once).
    QElapsedTimer clock;
    clock.start();
    QNetworkReply *poll =
        client.start("GET", supportPath(code, QStringLiteral("wait=30&since=%1").arg(version)), {},
                     supportAuth(*f.sandbox));
    QVERIFY(!client.registration(token).isEmpty());
    QVERIFY(f.sandbox->advanceClock(15 * 60 + 1));
    const HttpResult r = SandboxClient::wait(poll);
    QVERIFY2(clock.elapsed() < 10000, "the poll ran its whole wait instead of ending with the code");
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), QStringLiteral("support_code_not_found"));
    QCOMPARE(client.get(supportPath(code), supportAuth(*f.sandbox)).status, 404);
}

void SandboxSupportTest::codeCreationIsLimited() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(uniqueEmail(QStringLiteral("limit")));
    for (int i = 0; i < 10; ++i)
        QCOMPARE(client.post(SupportCode, {}, SandboxClient::auth(token)).status, 201);
    const HttpResult r = client.post(SupportCode, {}, SandboxClient::auth(token));
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
    QVERIFY(r.header("retry-after").toInt() > 0);
    QVERIFY(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("retry_after")).toInt() >
            0);
}

void SandboxSupportTest::unknownCodesAreLimitedPerKey() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(uniqueEmail(QStringLiteral("guess")));
    const QString code = newCode(client, token);
    for (int i = 0; i < 30; ++i) {
        const QString guess = QStringLiteral("%1").arg(10000000 + i);
        if (guess == QString(code).remove(u'-'))
            continue;
        QCOMPARE(client.get(supportPath(guess), supportAuth(*f.sandbox)).status, 404);
    }
    // Known codes count nothing; after 30 unknown ones, every code of this key waits.
    const HttpResult r = client.get(supportPath(code), supportAuth(*f.sandbox));
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
    QVERIFY(r.header("retry-after").toInt() > 0);
}

void SandboxSupportTest::supportKeyFromTheOptions() {
    const QString key = QStringLiteral("team-training-key-2026");
    SandboxFixture f([&](SandboxOptions &o) { o.supportKey = key; });
    QCOMPARE(f.sandbox->supportKey(), key);
    SandboxClient client = f.client();
    const QString code = newCode(client, client.createAccount(uniqueEmail(QStringLiteral("opt"))));
    QCOMPARE(client.get(supportPath(code), {{"Authorization", "Bearer " + key.toLatin1()}}).status, 200);
}

void SandboxSupportTest::sandboxInfo() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const HttpResult r = client.get(QStringLiteral("/sandbox/v1/info"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("sandbox")).toBool(), true);
    QCOMPARE(r.json.value(QStringLiteral("version")).toString(), QStringLiteral(VKSIGNUP_VERSION));

    SandboxFixture production([](SandboxOptions &o) { o.sandboxRoutes = false; });
    SandboxClient api = production.client();
    QCOMPARE(api.get(QStringLiteral("/sandbox/v1/info")).status, 404);
    QCOMPARE(api.post(QStringLiteral("/sandbox/v1/invitations"), {}).status, 404);
}

namespace {

struct RunningExecutable {
    QProcess process;
    QString out;
    QUrl base;
    QSslCertificate ca;
};

bool startExecutable(RunningExecutable &exe, const QStringList &arguments) {
    exe.process.start(QStringLiteral(SANDBOX_EXECUTABLE), arguments);
    if (!exe.process.waitForStarted())
        return false;
    const QRegularExpression dataLine(QStringLiteral("Data directory: .*\n"));
    // The key line, when there is one, is printed before the output is flushed, with the others.
    for (int i = 0; i < 100 && !dataLine.match(exe.out).hasMatch(); ++i) {
        exe.process.waitForReadyRead(200);
        exe.out += QString::fromUtf8(exe.process.readAllStandardOutput());
    }
    exe.base =
        QUrl(QRegularExpression(QStringLiteral("listening on (https://\\S+)")).match(exe.out).captured(1));
    QFile caFile(QRegularExpression(QStringLiteral("CA certificate: (\\S+)")).match(exe.out).captured(1));
    if (!caFile.open(QIODevice::ReadOnly))
        return false;
    exe.ca = QSslCertificate(caFile.readAll());
    return exe.base.isValid();
}

} // namespace

void SandboxSupportTest::executablePrintsOrTakesTheKey() {
    QTemporaryDir dir;
    QString key, code, inviteToken;
    {
        RunningExecutable exe;
        QVERIFY(startExecutable(exe, {QStringLiteral("--data-dir"), dir.path(),
                                      QStringLiteral("--pbkdf2-iterations"), QStringLiteral("1000"),
                                      QStringLiteral("--insecure-test-kdf")}));
        key = QRegularExpression(QStringLiteral("Support key: (\\S+)")).match(exe.out).captured(1);
        QVERIFY2(key.startsWith(QLatin1String("sk_")), qPrintable(exe.out));
        SandboxClient client(exe.base, exe.ca);
        code = newCode(client, client.createAccount(QStringLiteral("exe.support@example.com")));
        QCOMPARE(client.get(supportPath(code), {{"Authorization", "Bearer " + key.toLatin1()}}).status, 200);
        inviteToken = client
                          .post(QStringLiteral("/sandbox/v1/invitations"),
                                {{QStringLiteral("email"), QStringLiteral("exe.invite@example.com")},
                                 {QStringLiteral("roles"), QJsonArray{QStringLiteral("member")}}})
                          .json.value(QStringLiteral("invitation"))
                          .toObject()
                          .value(QStringLiteral("url"))
                          .toString()
                          .section(u'/', -1);
        QCOMPARE(client.get(QStringLiteral("/api/v1/invitations/") + inviteToken).status, 200);
        exe.process.terminate();
        QVERIFY(exe.process.waitForFinished(10000));
        // The access log names the routes, never the code or the invitation token.
        const QString log = QString::fromUtf8(exe.process.readAllStandardError());
        QVERIFY2(log.contains(QStringLiteral("/api/v1/support/registrations/{code}")), qPrintable(log));
        QVERIFY(log.contains(QStringLiteral("/api/v1/invitations/{token}")));
        QVERIFY(!log.contains(code));
        QVERIFY(!log.contains(inviteToken));
        QVERIFY(!log.contains(key));
    }
    // A given key is used, is not printed, and the made one no longer works; nothing was stored.
    RunningExecutable exe;
    const QString given = QStringLiteral("training-room-key-42");
    QVERIFY(startExecutable(exe, {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--support-key"),
                                  given, QStringLiteral("--no-access-log")}));
    QVERIFY2(!exe.out.contains(QStringLiteral("Support key")), qPrintable(exe.out));
    SandboxClient client(exe.base, exe.ca);
    QCOMPARE(client.get(supportPath(code), {{"Authorization", "Bearer " + given.toLatin1()}}).status, 200);
    QCOMPARE(client.get(supportPath(code), {{"Authorization", "Bearer " + key.toLatin1()}}).status, 401);
    exe.process.terminate();
    QVERIFY(exe.process.waitForFinished(10000));
    QDirIterator files(dir.path(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY2(!content.contains(key.toLatin1()) && !content.contains(given.toLatin1()),
                 qPrintable(file.fileName()));
    }
}

QTEST_GUILESS_MAIN(SandboxSupportTest)
#include "tst_sandbox_support.moc"
