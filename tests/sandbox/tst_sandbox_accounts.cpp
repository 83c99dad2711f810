// Accounts, sessions, email confirmation, idempotency and the rate limits around them.
#include "support/sandboxfixture.h"
#include "support/waitfor.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

using namespace signup;
using namespace signup::test;

namespace {

QJsonObject accountBody(const QString &email, const QString &password = StrongPassword,
                        const QString &region = QStringLiteral("ru-msk")) {
    return {{QStringLiteral("email"), email},
            {QStringLiteral("password"), password},
            {QStringLiteral("region"), region},
            {QStringLiteral("language"), QStringLiteral("en")}};
}

QJsonObject signInBody(const QString &email, const QString &password = StrongPassword) {
    return {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}};
}

const QString Accounts = QStringLiteral("/api/v1/accounts");
const QString Sessions = QStringLiteral("/api/v1/sessions");

QStringList details(const HttpResult &r) {
    QStringList ids;
    for (const QJsonValue &v :
         r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("details")).toArray())
        ids.append(v.toString());
    return ids;
}

QString pathOf(const QString &url, const QUrl &base) {
    return url.mid(base.toString().size());
}

} // namespace

class SandboxAccountsTest : public QObject {
    Q_OBJECT
private slots:
    void createAccount();
    void createAccountRuleErrors();
    void emailUniquenessIgnoresCaseAndIdn();
    void errorPrecedenceOnCreate();
    void accountCreationRateLimit();
    void signIn();
    void signInLockout();
    void signOutRevokesToken();
    void idempotentReplayAndKeyReuse();
    void requestInProgress();
    void concurrentCreationMakesOneAccount();
    void hashingDoesNotBlockOtherRequests();
    void confirmLinkPages();
    void confirmLinkJsonAndInvalid();
    void changeEmail();
    void changeEmailLimits();
    void resendCooldownAndHourlyLimit();
    void shutdownWithRequestsInFlight();
};

void SandboxAccountsTest::createAccount() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const HttpResult r = client.post(Accounts, accountBody(QStringLiteral("Ivan.Petrov@Example.com")));
    QCOMPARE(r.status, 201);
    const QJsonObject session = r.json.value(QStringLiteral("session")).toObject();
    const QString token = session.value(QStringLiteral("token")).toString();
    QVERIFY(token.size() >= 22); // at least 128 bits in base64
    const QDateTime expires =
        QDateTime::fromString(session.value(QStringLiteral("expires_at")).toString(), Qt::ISODate);
    QVERIFY(expires >= before.addDays(30).addSecs(-5) && expires <= before.addDays(30).addSecs(60));
    const QJsonObject reg = r.json.value(QStringLiteral("registration")).toObject();
    QVERIFY(reg.value(QStringLiteral("account_id")).toString().startsWith(QLatin1String("acc_")));
    QCOMPARE(reg.value(QStringLiteral("email")).toString(), QStringLiteral("Ivan.Petrov@Example.com"));
    QCOMPARE(reg.value(QStringLiteral("next_step")).toString(), QStringLiteral("confirm_email"));
    QCOMPARE(reg.value(QStringLiteral("steps")).toObject().value(QStringLiteral("account_created")).toBool(),
             true);
    QCOMPARE(reg.value(QStringLiteral("balance")).toObject().value(QStringLiteral("value")).toString(),
             QStringLiteral("0.00"));
    QVERIFY(reg.value(QStringLiteral("project")).isNull());

    // The confirmation email went out, and the same registration is readable with the token.
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("to"), QStringLiteral("ivan.petrov@example.com"));
    const HttpResult outbox =
        client.get(QStringLiteral("/sandbox/v1/outbox?") + query.toString(QUrl::FullyEncoded));
    const QJsonArray messages = outbox.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 1);
    const QJsonObject message = messages.first().toObject();
    QCOMPARE(message.value(QStringLiteral("subject")).toString(),
             QStringLiteral("Complete your registration now"));
    QVERIFY(
        message.value(QStringLiteral("confirm_url"))
            .toString()
            .startsWith(f.sandbox->baseUrl().toString() + QStringLiteral("/api/v1/email/confirm?token=")));
    QVERIFY(message.value(QStringLiteral("text"))
                .toString()
                .contains(message.value(QStringLiteral("confirm_url")).toString()));
    const QDir outboxDir(f.dir.filePath(QStringLiteral("outbox")));
    QCOMPARE(outboxDir.entryList({QStringLiteral("*.eml")}).size(), 1);
    // The .eml opens in a mail client: a header holds only ASCII, so the subject (Russian for a
    // Russian account) is encoded as RFC 2047 says.
    QFile eml(outboxDir.filePath(outboxDir.entryList({QStringLiteral("*.eml")}).first()));
    QVERIFY(eml.open(QIODevice::ReadOnly));
    QByteArray head;
    for (const QByteArray &line : eml.readAll().split('\n'))
        if (line.startsWith("Subject: "))
            head = line.trimmed();
    QVERIFY2(head.startsWith("Subject: =?utf-8?B?") && head.endsWith("?="), head.constData());
    QCOMPARE(QString::fromUtf8(QByteArray::fromBase64(head.mid(19, head.size() - 21))),
             QStringLiteral("Complete your registration now"));
    QCOMPARE(client.registration(token), reg);
}

void SandboxAccountsTest::createAccountRuleErrors() {
    SandboxFixture f;
    SandboxClient client = f.client();
    HttpResult r = client.post(Accounts, accountBody(QStringLiteral("ivan+test@example")));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_email"));
    QCOMPARE(r.errorField(), QStringLiteral("email"));
    QVERIFY(details(r).contains(QStringLiteral("email_plus")));
    QVERIFY(details(r).contains(QStringLiteral("email_format")));

    r = client.post(Accounts, accountBody(QStringLiteral("ok@example.com"), QStringLiteral("пароль")));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_password"));
    QCOMPARE(r.errorField(), QStringLiteral("password"));
    for (const char *rule : {"password_length", "password_charset", "password_upper", "password_lower",
                             "password_digit_or_special"})
        QVERIFY2(details(r).contains(QLatin1String(rule)), rule);
    r = client.post(Accounts, accountBody(QStringLiteral("ok@example.com"), QStringLiteral("Xabcabcabc1")));
    QCOMPARE(details(r), QStringList{QStringLiteral("password_repeats")});

    r = client.post(Accounts,
                    accountBody(QStringLiteral("ok@example.com"), StrongPassword, QStringLiteral("us-east")));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QStringLiteral("unknown_region"));
    QCOMPARE(r.errorField(), QStringLiteral("region"));
    QCOMPARE(client.post(Accounts, accountBody(QStringLiteral("ok@example.com"))).status, 201);
}

void SandboxAccountsTest::emailUniquenessIgnoresCaseAndIdn() {
    SandboxFixture f;
    SandboxClient client = f.client();
    QCOMPARE(client.post(Accounts, accountBody(QStringLiteral("ivan@example.com"))).status, 201);
    HttpResult r = client.post(
        Accounts, accountBody(QStringLiteral("IVAN@Example.COM"), StrongPassword, QStringLiteral("kz-ast")));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("email_taken"));
    QCOMPARE(r.errorField(), QStringLiteral("email"));
    QCOMPARE(client.post(Accounts, accountBody(QStringLiteral("t@пример.рф"))).status, 201);
    r = client.post(Accounts, accountBody(QStringLiteral("t@xn--e1afmkfd.xn--p1ai")));
    QCOMPARE(r.errorCode(), QStringLiteral("email_taken"));
}

void SandboxAccountsTest::errorPrecedenceOnCreate() {
    SandboxFixture f;
    SandboxClient client = f.client();
    QCOMPARE(client.post(Accounts, accountBody(QStringLiteral("taken@example.com"))).status, 201);
    // Several invalid fields: the first in body order is named.
    HttpResult r = client.post(
        Accounts, accountBody(QStringLiteral("bad"), QStringLiteral("x"), QStringLiteral("nowhere")));
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_email"));
    r = client.post(Accounts, accountBody(QStringLiteral("ok2@example.com"), QStringLiteral("x"),
                                          QStringLiteral("nowhere")));
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_password"));
    // 422 rules win over 409 email_taken.
    r = client.post(Accounts, accountBody(QStringLiteral("taken@example.com"), QStringLiteral("short")));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_password"));
}

void SandboxAccountsTest::accountCreationRateLimit() {
    SandboxFixture f([](SandboxOptions &o) { o.accountCreationsPerMinute = 3; });
    SandboxClient client = f.client();
    QCOMPARE(client.post(Accounts, accountBody(QStringLiteral("r1@example.com"))).status, 201);
    QCOMPARE(client.post(Accounts, accountBody(QStringLiteral("bad"))).status, 422); // every request counts
    QCOMPARE(client.post(Accounts, accountBody(QStringLiteral("r3@example.com"))).status, 201);
    HttpResult r = client.post(Accounts, accountBody(QStringLiteral("r4@example.com")));
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
    bool ok = false;
    const int retryAfter = r.header("retry-after").toInt(&ok);
    QVERIFY(ok && retryAfter >= 1 && retryAfter <= 60);
    QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("retry_after")).toInt(),
             retryAfter);
    // 429 comes before the rules, 400 before 429.
    QCOMPARE(client.post(Accounts, accountBody(QStringLiteral("bad"))).status, 429);
    QCOMPARE(client.send("POST", Accounts, "not json").status, 400);
    // Other endpoints are not affected.
    QCOMPARE(client.get(QStringLiteral("/api/v1/regions")).status, 200);
}

void SandboxAccountsTest::signIn() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString first = client.createAccount(QStringLiteral("signin@example.com"));
    QVERIFY(!first.isEmpty());
    HttpResult r = client.post(Sessions, signInBody(QStringLiteral("SignIn@Example.com")));
    QCOMPARE(r.status, 201);
    const QString second =
        r.json.value(QStringLiteral("session")).toObject().value(QStringLiteral("token")).toString();
    QVERIFY(!second.isEmpty() && second != first);
    QCOMPARE(
        r.json.value(QStringLiteral("registration")).toObject().value(QStringLiteral("email")).toString(),
        QStringLiteral("signin@example.com"));
    QCOMPARE(client.get(QStringLiteral("/api/v1/registration"), SandboxClient::auth(second)).status, 200);
    QCOMPARE(client.get(QStringLiteral("/api/v1/registration"), SandboxClient::auth(first)).status, 200);

    const HttpResult wrong = client.post(
        Sessions, signInBody(QStringLiteral("signin@example.com"), QStringLiteral("Wrong-Pass1")));
    const HttpResult unknown = client.post(Sessions, signInBody(QStringLiteral("nobody@example.com")));
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.errorCode(), QStringLiteral("invalid_credentials"));
    QCOMPARE(unknown.status, 401);
    QCOMPARE(unknown.errorCode(), wrong.errorCode());
    QCOMPARE(unknown.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")),
             wrong.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")));
    QCOMPARE(client.post(Sessions, {{QStringLiteral("email"), QStringLiteral("signin@example.com")}}).status,
             400);
}

void SandboxAccountsTest::signInLockout() {
    SandboxFixture f;
    SandboxClient client = f.client();
    QVERIFY(!client.createAccount(QStringLiteral("locked@example.com")).isEmpty());
    for (int i = 0; i < 5; ++i)
        QCOMPARE(client
                     .post(Sessions,
                           signInBody(QStringLiteral("locked@example.com"), QStringLiteral("Wrong-Pass1")))
                     .status,
                 401);
    // The lockout refuses the right password too.
    HttpResult r = client.post(Sessions, signInBody(QStringLiteral("LOCKED@example.com")));
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
    const int retryAfter = r.header("retry-after").toInt();
    QVERIFY(retryAfter > 60 && retryAfter <= 15 * 60);
    QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("retry_after")).toInt(),
             retryAfter);
    // Unknown addresses are counted the same way.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(client.post(Sessions, signInBody(QStringLiteral("ghost@example.com"))).status, 401);
    QCOMPARE(client.post(Sessions, signInBody(QStringLiteral("ghost@example.com"))).status, 429);
    // Another address is not locked.
    QVERIFY(!client.createAccount(QStringLiteral("free@example.com")).isEmpty());
    QCOMPARE(client.post(Sessions, signInBody(QStringLiteral("free@example.com"))).status, 201);
}

void SandboxAccountsTest::signOutRevokesToken() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(QStringLiteral("bye@example.com"));
    QCOMPARE(client.del(QStringLiteral("/api/v1/sessions/current"), SandboxClient::auth(token)).status, 204);
    QCOMPARE(client.get(QStringLiteral("/api/v1/registration"), SandboxClient::auth(token)).status, 401);
    QCOMPARE(client.del(QStringLiteral("/api/v1/sessions/current"), SandboxClient::auth(token)).status, 401);
    QCOMPARE(client.del(QStringLiteral("/api/v1/sessions/current")).status, 401);
}

void SandboxAccountsTest::idempotentReplayAndKeyReuse() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const Headers key{{"Idempotency-Key", "create-1"}};
    const HttpResult first = client.post(Accounts, accountBody(QStringLiteral("idem@example.com")), key);
    QCOMPARE(first.status, 201);
    QVERIFY(first.header("idempotent-replayed").isEmpty());
    const HttpResult replay = client.post(Accounts, accountBody(QStringLiteral("idem@example.com")), key);
    QCOMPARE(replay.status, 201);
    QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(replay.body, first.body);
    // No side effect repeated: one email only.
    QCOMPARE(client.get(QStringLiteral("/sandbox/v1/outbox?to=idem@example.com"))
                 .json.value(QStringLiteral("messages"))
                 .toArray()
                 .size(),
             1);
    // Same key, different request.
    const HttpResult reused = client.post(
        Accounts, accountBody(QStringLiteral("idem@example.com"), QStringLiteral("Other-Pass2")), key);
    QCOMPARE(reused.status, 422);
    QCOMPARE(reused.errorCode(), QStringLiteral("idempotency_key_reused"));
    // Errors are remembered too (except 5xx and 429).
    const Headers key2{{"Idempotency-Key", "create-2"}};
    const HttpResult taken = client.post(Accounts, accountBody(QStringLiteral("IDEM@example.com")), key2);
    QCOMPARE(taken.status, 409);
    const HttpResult takenAgain =
        client.post(Accounts, accountBody(QStringLiteral("IDEM@example.com")), key2);
    QCOMPARE(takenAgain.status, 409);
    QCOMPARE(takenAgain.header("idempotent-replayed"), QByteArray("true"));
    // Keys are per caller: another address may use the same key.
    QCOMPARE(client.post(Accounts, accountBody(QStringLiteral("other@example.com")), key).status, 201);

    // Authenticated requests: per account.
    const QString token =
        first.json.value(QStringLiteral("session")).toObject().value(QStringLiteral("token")).toString();
    const Headers withKey = SandboxClient::auth(token, {{"Idempotency-Key", "change-1"}});
    const HttpResult change =
        client.put(QStringLiteral("/api/v1/registration/email"),
                   {{QStringLiteral("email"), QStringLiteral("idem2@example.com")}}, withKey);
    QCOMPARE(change.status, 200);
    const HttpResult changeAgain =
        client.put(QStringLiteral("/api/v1/registration/email"),
                   {{QStringLiteral("email"), QStringLiteral("idem2@example.com")}}, withKey);
    QCOMPARE(changeAgain.header("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(changeAgain.body, change.body);
    QCOMPARE(client.get(QStringLiteral("/sandbox/v1/outbox?to=idem2@example.com"))
                 .json.value(QStringLiteral("messages"))
                 .toArray()
                 .size(),
             1);
}

void SandboxAccountsTest::requestInProgress() {
    // A slow hash (half a second on an idle machine) keeps the first request in progress; the second is sent
    // once the first has been handed over whole, so it always arrives while the first is hashing.
    SandboxFixture f([](SandboxOptions &o) { o.passwordHashIterations = 1000000; });
    SandboxClient client = f.client();
    QVERIFY(client.get(QStringLiteral("/api/v1/regions")).status == 200); // connection warmed up
    const Headers key{{"Idempotency-Key", "slow-1"}};
    const QByteArray body = QJsonDocument(accountBody(QStringLiteral("slow@example.com"))).toJson();
    QNetworkReply *first = client.start("POST", Accounts, body, key);
    bool sent = false;
    connect(first, &QNetworkReply::uploadProgress, this,
            [&](qint64 done, qint64 total) { sent = sent || (total > 0 && done == total); });
    WAIT_VERIFY(sent, 5000);
    QNetworkReply *second = client.start("POST", Accounts, body, key);
    const HttpResult b = SandboxClient::wait(second);
    QVERIFY2(first->isRunning(), "the first request finished before the second was answered");
    const HttpResult a = SandboxClient::wait(first);
    QCOMPARE(a.status, 201);
    QCOMPARE(b.status, 409);
    QCOMPARE(b.errorCode(), QStringLiteral("request_in_progress"));
    // Once finished, the key replays.
    QCOMPARE(client.send("POST", Accounts, body, key).header("idempotent-replayed"), QByteArray("true"));
}

void SandboxAccountsTest::concurrentCreationMakesOneAccount() {
    SandboxFixture f([](SandboxOptions &o) { o.passwordHashIterations = 20000; });
    SandboxClient client = f.client();
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 4; ++i)
        replies.append(client.start("POST", Accounts,
                                    QJsonDocument(accountBody(QStringLiteral("race@example.com"),
                                                              QStringLiteral("Race-Pass%1").arg(i)))
                                        .toJson()));
    QList<HttpResult> results;
    for (QNetworkReply *reply : replies)
        results.append(SandboxClient::wait(reply));
    int created = 0, winner = -1;
    for (int i = 0; i < results.size(); ++i) {
        if (results[i].status == 201) {
            ++created;
            winner = i;
        } else {
            QCOMPARE(results[i].status, 409);
            QCOMPARE(results[i].errorCode(), QStringLiteral("email_taken"));
        }
    }
    QCOMPARE(created, 1);
    QCOMPARE(client
                 .post(Sessions, signInBody(QStringLiteral("race@example.com"),
                                            QStringLiteral("Race-Pass%1").arg(winner)))
                 .status,
             201);
}

void SandboxAccountsTest::hashingDoesNotBlockOtherRequests() {
    SandboxFixture f([](SandboxOptions &o) { o.passwordHashIterations = 300000; });
    SandboxClient client = f.client();
    QVERIFY(client.get(QStringLiteral("/api/v1/regions")).status == 200); // connection warmed up
    QNetworkReply *slow = client.start(
        "POST", Accounts, QJsonDocument(accountBody(QStringLiteral("slowhash@example.com"))).toJson());
    QVERIFY(f.waitUntil([](const SandboxActivity &a) { return a.passwordHashes == 1; }));
    const HttpResult regions = client.get(QStringLiteral("/api/v1/regions"));
    QCOMPARE(regions.status, 200);
    QVERIFY2(slow->isRunning(),
             "the sign-up finished before the regions request: the hash was not slow enough to tell");
    QCOMPARE(SandboxClient::wait(slow).status, 201);
}

void SandboxAccountsTest::confirmLinkPages() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString en = client.createAccount(QStringLiteral("en@example.com"));
    const QString ru = client.createAccount(QStringLiteral("ru@example.com"), QStringLiteral("ru-msk"),
                                            QStringLiteral("ru"));
    QVERIFY(!en.isEmpty() && !ru.isEmpty());
    const QUrl base = f.sandbox->baseUrl();

    HttpResult page = client.get(pathOf(client.confirmUrl(QStringLiteral("en@example.com")), base));
    QCOMPARE(page.status, 200);
    QVERIFY(page.header("content-type").startsWith("text/html"));
    QVERIFY(QString::fromUtf8(page.body).contains(QStringLiteral("Email confirmed")));
    QCOMPARE(client.registration(en).value(QStringLiteral("next_step")).toString(),
             QStringLiteral("confirm_phone"));

    page = client.get(pathOf(client.confirmUrl(QStringLiteral("ru@example.com")), base));
    QCOMPARE(page.status, 200);
    QVERIFY(QString::fromUtf8(page.body).contains(QStringLiteral("Адрес подтверждён")));
    QVERIFY(QString::fromUtf8(page.body).contains(QStringLiteral("lang=\"ru\"")));

    // A used link of a confirmed account: 200 "already confirmed".
    page = client.get(pathOf(client.confirmUrl(QStringLiteral("en@example.com")), base));
    QCOMPARE(page.status, 200);
    QVERIFY(QString::fromUtf8(page.body).contains(QStringLiteral("already confirmed")));

    page = client.get(QStringLiteral("/api/v1/email/confirm?token=made-up"));
    QCOMPARE(page.status, 400);
    QVERIFY(page.header("content-type").startsWith("text/html"));
}

void SandboxAccountsTest::confirmLinkJsonAndInvalid() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(QStringLiteral("json@example.com"));
    const qint64 version = client.registration(token).value(QStringLiteral("version")).toInteger();
    const Headers json{{"Accept", "application/json"}};
    const QString path = pathOf(client.confirmUrl(QStringLiteral("json@example.com")), f.sandbox->baseUrl());
    HttpResult r = client.get(path, json);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("registration_step")).toString(), QStringLiteral("email_confirmed"));
    const QJsonObject reg = client.registration(token);
    QCOMPARE(reg.value(QStringLiteral("version")).toInteger(), version + 1);
    QVERIFY(reg.value(QStringLiteral("steps")).toObject().value(QStringLiteral("email_confirmed")).toBool());
    r = client.get(path, json);
    QCOMPARE(r.status, 200);
    QCOMPARE(client.registration(token).value(QStringLiteral("version")).toInteger(), version + 1);

    for (const QString &bad :
         {QStringLiteral("/api/v1/email/confirm?token=nope"), QStringLiteral("/api/v1/email/confirm")}) {
        r = client.get(bad, json);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_confirmation_link"));
    }
}

void SandboxAccountsTest::changeEmail() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(QStringLiteral("old@example.com"));
    QVERIFY(!client.createAccount(QStringLiteral("someone@example.com")).isEmpty());
    const QString oldLink =
        pathOf(client.confirmUrl(QStringLiteral("old@example.com")), f.sandbox->baseUrl());
    const qint64 version = client.registration(token).value(QStringLiteral("version")).toInteger();
    const QString path = QStringLiteral("/api/v1/registration/email");

    HttpResult r = client.put(path, {{QStringLiteral("email"), QStringLiteral("not an email")}},
                              SandboxClient::auth(token));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_email"));
    r = client.put(path, {{QStringLiteral("email"), QStringLiteral("Someone@example.com")}},
                   SandboxClient::auth(token));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("email_taken"));
    r = client.put(path, {{QStringLiteral("email"), 42}}, SandboxClient::auth(token));
    QCOMPARE(r.status, 400);

    r = client.put(path, {{QStringLiteral("email"), QStringLiteral("New@example.com")}},
                   SandboxClient::auth(token));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("email")).toString(), QStringLiteral("New@example.com"));
    QCOMPARE(r.json.value(QStringLiteral("version")).toInteger(), version + 1);
    // The older link stopped working; the new one works.
    QCOMPARE(client.get(oldLink, {{"Accept", "application/json"}}).errorCode(),
             QStringLiteral("invalid_confirmation_link"));
    QVERIFY(client.confirmEmail(QStringLiteral("new@example.com")));
    // The old address is free again.
    QVERIFY(!client.createAccount(QStringLiteral("old@example.com")).isEmpty());
    r = client.put(path, {{QStringLiteral("email"), QStringLiteral("third@example.com")}},
                   SandboxClient::auth(token));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("already_confirmed"));
}

void SandboxAccountsTest::changeEmailLimits() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(QStringLiteral("change0@example.com"));
    const QString path = QStringLiteral("/api/v1/registration/email");
    for (int i = 1; i <= 5; ++i)
        QCOMPARE(client
                     .put(path, {{QStringLiteral("email"), QStringLiteral("change%1@example.com").arg(i)}},
                          SandboxClient::auth(token))
                     .status,
                 200);
    HttpResult r = client.put(path, {{QStringLiteral("email"), QStringLiteral("change6@example.com")}},
                              SandboxClient::auth(token));
    QCOMPARE(r.status, 429);
    QVERIFY(r.header("retry-after").toInt() > 0);
    // 429 wins over the rules (422).
    QCOMPARE(client.put(path, {{QStringLiteral("email"), QStringLiteral("bad")}}, SandboxClient::auth(token))
                 .status,
             429);
}

void SandboxAccountsTest::resendCooldownAndHourlyLimit() {
    {
        SandboxFixture f; // the real 60 s cooldown
        SandboxClient client = f.client();
        const QString token = client.createAccount(QStringLiteral("cool@example.com"));
        const HttpResult r =
            client.post(QStringLiteral("/api/v1/registration/email/resend"), {}, SandboxClient::auth(token));
        QCOMPARE(r.status, 429);
        const int wait = r.header("retry-after").toInt();
        QVERIFY(wait >= 55 && wait <= 60);
        QCOMPARE(
            r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("retry_after")).toInt(),
            wait);
    }
    SandboxFixture f([](SandboxOptions &o) { o.emailResendCooldownSeconds = 0; });
    SandboxClient client = f.client();
    const QString token = client.createAccount(QStringLiteral("resend@example.com"));
    const QString resend = QStringLiteral("/api/v1/registration/email/resend");
    const QString firstLink = client.confirmUrl(QStringLiteral("resend@example.com"));
    for (int i = 0; i < 5; ++i) {
        const HttpResult r = client.send("POST", resend, {}, SandboxClient::auth(token));
        QCOMPARE(r.status, 202);
        QVERIFY(!r.json.value(QStringLiteral("resend_available_at")).toString().isEmpty());
    }
    QCOMPARE(client.get(QStringLiteral("/sandbox/v1/outbox?to=resend@example.com"))
                 .json.value(QStringLiteral("messages"))
                 .toArray()
                 .size(),
             6);
    const HttpResult limited = client.send("POST", resend, {}, SandboxClient::auth(token));
    QCOMPARE(limited.status, 429);
    QVERIFY(limited.header("retry-after").toInt() > 60);
    // A resend keeps earlier links of the same address working.
    QCOMPARE(client.get(pathOf(firstLink, f.sandbox->baseUrl()), {{"Accept", "application/json"}}).status,
             200);
    const HttpResult confirmed = client.send("POST", resend, {}, SandboxClient::auth(token));
    QCOMPARE(confirmed.status, 409);
    QCOMPARE(confirmed.errorCode(), QStringLiteral("already_confirmed"));
}

void SandboxAccountsTest::shutdownWithRequestsInFlight() {
    // Stopping the server while a password is being hashed and a long poll is waiting must
    // neither crash nor hang; the clients see the connection close.
    auto f = std::make_unique<SandboxFixture>([](SandboxOptions &o) { o.passwordHashIterations = 300000; });
    SandboxClient client = f->client();
    QNetworkReply *hashing = client.start(
        "POST", Accounts, QJsonDocument(accountBody(QStringLiteral("inflight@example.com"))).toJson());
    QVERIFY(f->waitUntil([](const SandboxActivity &a) { return a.passwordHashes == 1; }));
    QVERIFY(hashing->isRunning());
    f.reset();
    const HttpResult r = SandboxClient::wait(hashing, 10000);
    QCOMPARE(r.status, 0);
    QVERIFY(r.error != QNetworkReply::NoError);
    QVERIFY(r.error != QNetworkReply::TimeoutError);
}

QTEST_GUILESS_MAIN(SandboxAccountsTest)
#include "tst_sandbox_accounts.moc"
