// RegistrationClient against the real sandbox over HTTPS: TLS trust, typed errors, retries with
// one Idempotency-Key, Retry-After, refused answers and the support log.

#include "expiredcertificate.h"
#include "support/apitest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>

using namespace signup;
using namespace signup::test;

class TestRegistrationClient : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SandboxFixture> sandbox;

    static QList<RequestRecord> recordsFor(const RegistrationClient &client, const QString &method,
                                           const QString &path) {
        QList<RequestRecord> out;
        for (const RequestRecord &r : client.recentRequests())
            if (r.method == method && r.path == path)
                out << r;
        return out;
    }

    void addFault(const SandboxFault &fault, const QJsonObject &extra = {}) {
        RegistrationClient admin(sandbox->config());
        ApiCall::Spec spec;
        spec.method = "POST";
        spec.path = QStringLiteral("/sandbox/v1/faults");
        QJsonObject body = fault.toJson();
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        ApiCall *call = admin.send(spec);
        bool done = false;
        ApiError error;
        connect(call, &ApiCall::finished, this, [&] {
            done = true;
            error = call->error();
        });
        QVERIFY(waitFor([&] { return done; }, 10000));
        QVERIFY2(!error.isError(), qPrintable(describe(error)));
    }

    int outboxCount(const QString &email) {
        RegistrationClient admin(sandbox->config());
        const auto r = await<QList<OutboxMessage>>(
            [&](auto done) { SandboxToolsClient(&admin).outbox(email, this, done); });
        return r.ok() ? int(r.value.size()) : -1;
    }

    ApiResult<SessionResult> createAccount(RegistrationClient &client, const QString &email,
                                           const QString &key = {}) {
        CreateAccountRequest request{email, kPassword, QStringLiteral("ru-msk"), QStringLiteral("en")};
        return await<SessionResult>([&](auto done) { client.createAccount(request, key, this, done); });
    }

private slots:
    void initTestCase() {
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
    }

    void cleanup() {
        RegistrationClient admin(sandbox->config());
        const auto r =
            await<NoContent>([&](auto done) { SandboxToolsClient(&admin).clearFaults(this, done); });
        QVERIFY2(r.ok(), qPrintable(describe(r.error)));
    }

    void regionsOverHttpsWithTheExtraCa() {
        RegistrationClient client(sandbox->config());
        const auto r = await<QList<Region>>([&](auto done) { client.regions(this, done); });
        QVERIFY2(r.ok(), qPrintable(describe(r.error)));
        QStringList ids;
        for (const Region &region : r.value)
            ids << region.id;
        QCOMPARE(ids, (QStringList{QStringLiteral("ru-msk"), QStringLiteral("kz-ast")}));
        QCOMPARE(r.value.first().cardTestAmount.value, QStringLiteral("500.00"));
        QCOMPARE(client.recentRequests().size(), 1);
        QCOMPARE(client.recentRequests().first().httpStatus, 200);
        QVERIFY(client.recentRequests().first().requestId.startsWith(QLatin1Char('c')));
    }

    void untrustedCertificateIsRefused() {
        ClientConfig config = sandbox->config();
        config.extraCa.clear(); // the system store alone does not know the sandbox's CA
        RegistrationClient client(config);
        const auto r = await<QList<Region>>([&](auto done) { client.regions(this, done); });
        QCOMPARE(r.error.kind, ApiError::Kind::Tls);
        QCOMPARE(r.error.tls, ApiError::TlsFailure::UntrustedCertificate);
        QCOMPARE(client.recentRequests().size(), 1); // a TLS failure is not retried
    }

    void wrongHostNameIsRefused() {
        SandboxOptions options;
        options.listenAddress = QHostAddress::AnyIPv4;
        SandboxFixture anyAddress(options);
        QVERIFY2(anyAddress.ok(), qPrintable(anyAddress.errorString()));
        ClientConfig config = anyAddress.config();
        // 127.0.0.2 reaches the same loopback listener, but the certificate names 127.0.0.1/localhost.
        config.apiUrl.setHost(QStringLiteral("127.0.0.2"));
        RegistrationClient client(config);
        const auto r = await<QList<Region>>([&](auto done) { client.regions(this, done); });
        QCOMPARE(r.error.kind, ApiError::Kind::Tls);
        QCOMPARE(r.error.tls, ApiError::TlsFailure::HostNameMismatch);
    }

    void expiredCertificateIsRefused() {
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("expired.crt"));
        const QString key = dir.filePath(QStringLiteral("expired.key"));
        QVERIFY(writeExpiredCertificate(cert, key));
        SandboxOptions options;
        options.certificateFile = cert;
        options.keyFile = key;
        SandboxFixture expired(options);
        QVERIFY2(expired.ok(), qPrintable(expired.errorString()));
        RegistrationClient client(expired.config()); // trusts the (valid) CA that issued it
        const auto r = await<QList<Region>>([&](auto done) { client.regions(this, done); });
        QCOMPARE(r.error.kind, ApiError::Kind::Tls);
        QCOMPARE(r.error.tls, ApiError::TlsFailure::Expired);
    }

    void serviceUnavailableThenSuccessCreatesOneAccount() {
        SandboxFault fault;
        fault.path = QStringLiteral("/api/v1/accounts");
        fault.method = QStringLiteral("POST");
        fault.status = 503;
        addFault(fault);
        RegistrationClient client(sandbox->config());
        const QString email = uniqueEmail(QStringLiteral("retry503"));
        const auto r = createAccount(client, email);
        QVERIFY2(r.ok(), qPrintable(describe(r.error)));
        QVERIFY(!r.value.session.token.isEmpty());
        QCOMPARE(r.value.registration.nextStep, Step::ConfirmEmail);

        const auto attempts = recordsFor(client, QStringLiteral("POST"), QStringLiteral("/api/v1/accounts"));
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts[0].httpStatus, 503);
        QCOMPARE(attempts[1].httpStatus, 201);
        QVERIFY(!attempts[0].idempotencyKey.isEmpty());
        QCOMPARE(attempts[1].idempotencyKey, attempts[0].idempotencyKey);
        QVERIFY(attempts[1].requestId != attempts[0].requestId); // X-Request-Id per attempt
        QCOMPARE(outboxCount(email), 1);                         // one account, one confirmation email
    }

    void droppedConnectionIsRetriedWithTheSameKey() {
        // The sandbox creates the account, then drops the connection before answering: only a
        // retry with the same key gets the stored answer (a new key would meet email_taken).
        // Qt's HTTP layer itself resends a request up to three times when the server closes the
        // connection without a byte of answer (with the same headers, so the same key); four drops
        // get past it to the client's own retry.
        SandboxFault fault;
        fault.path = QStringLiteral("/api/v1/accounts");
        fault.method = QStringLiteral("POST");
        fault.drop = true;
        fault.count = 4;
        addFault(fault);
        RegistrationClient client(sandbox->config());
        const QString email = uniqueEmail(QStringLiteral("drop"));
        const auto r = createAccount(client, email);
        QVERIFY2(r.ok(), qPrintable(describe(r.error)));
        const auto attempts = recordsFor(client, QStringLiteral("POST"), QStringLiteral("/api/v1/accounts"));
        QVERIFY2(attempts.size() == 2, qPrintable(client.recentRequestsText()));
        QCOMPARE(attempts[0].httpStatus, 0);
        QCOMPARE(attempts[0].outcome, ApiError::Kind::Network);
        QCOMPARE(attempts[1].httpStatus, 201);
        QCOMPARE(attempts[1].idempotencyKey, attempts[0].idempotencyKey);
        QCOMPARE(outboxCount(email), 1);
    }

    void aNewActionGetsANewKey() {
        RegistrationClient client(sandbox->config());
        const QString email = uniqueEmail(QStringLiteral("newkey"));
        QVERIFY(createAccount(client, email).ok());
        const auto again = createAccount(client, email); // a new action: a new key, a real second request
        QCOMPARE(again.error.httpStatus, 409);
        QCOMPARE(again.error.code, ErrorCode::EmailTaken);
        const auto attempts = recordsFor(client, QStringLiteral("POST"), QStringLiteral("/api/v1/accounts"));
        QCOMPARE(attempts.size(), 2);
        QVERIFY(attempts[0].idempotencyKey != attempts[1].idempotencyKey);
    }

    void tooManyRequestsWaitsForRetryAfter() {
        SandboxFault fault;
        fault.path = QStringLiteral("/api/v1/regions");
        fault.status = 429;
        fault.count = 2;
        fault.retryAfterSeconds = 1;
        addFault(fault);

        RegistrationClient probe(sandbox->config());
        ApiCall::Spec spec;
        spec.method = "GET";
        spec.path = QStringLiteral("/api/v1/regions");
        spec.maxAttempts = 1;
        ApiCall *call = probe.send(spec);
        ApiError first;
        bool done = false;
        connect(call, &ApiCall::finished, this, [&] {
            first = call->error();
            done = true;
        });
        QVERIFY(waitFor([&] { return done; }, 10000));
        QCOMPARE(first.httpStatus, 429);
        QCOMPARE(first.retryAfterSeconds, 1);

        RegistrationClient client(sandbox->config());
        const auto r = await<QList<Region>>([&](auto d) { client.regions(this, d); });
        QVERIFY2(r.ok(), qPrintable(describe(r.error)));
        const auto attempts = client.recentRequests();
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts[0].httpStatus, 429);
        const qint64 gap = attempts[0].startedAt.msecsTo(attempts[1].startedAt) - attempts[0].durationMs;
        QVERIFY2(gap >= 1000, qPrintable(QStringLiteral("retried after %1 ms").arg(gap)));
    }

    void longRetryAfterIsReturnedToTheCaller() {
        SandboxFault fault;
        fault.path = QStringLiteral("/api/v1/regions");
        fault.status = 429;
        fault.retryAfterSeconds = 30;
        addFault(fault);
        RegistrationClient client(sandbox->config());
        const auto r = await<QList<Region>>([&](auto d) { client.regions(this, d); });
        QVERIFY2(r.error.httpStatus == 429, qPrintable(describe(r.error) + client.recentRequestsText()));
        QCOMPARE(r.error.retryAfterSeconds, 30); // the UI shows a countdown instead of waiting
        QCOMPARE(client.recentRequests().size(), 1);
        QVERIFY(r.error.isTransient());
    }

    void aLongRateLimitIsReturnedWithItsCountdown() {
        // The real limiter of POST /accounts, set to one a minute: the second account has to wait
        // far longer than a spinner should, so the error comes back at once with the countdown.
        SandboxOptions options;
        options.accountCreationsPerMinute = 1;
        SandboxFixture limited(options);
        QVERIFY2(limited.ok(), qPrintable(limited.errorString()));
        RegistrationClient client(limited.config());
        CreateAccountRequest first{uniqueEmail(QStringLiteral("limit")), kPassword, QStringLiteral("ru-msk"),
                                   QStringLiteral("en")};
        QVERIFY(await<SessionResult>([&](auto d) { client.createAccount(first, {}, this, d); }).ok());
        CreateAccountRequest second = first;
        second.email = uniqueEmail(QStringLiteral("limit"));
        const auto r = await<SessionResult>([&](auto d) { client.createAccount(second, {}, this, d); });
        QCOMPARE(r.error.httpStatus, 429);
        QCOMPARE(r.error.code, ErrorCode::RateLimited);
        QVERIFY2(r.error.retryAfterSeconds > 5, qPrintable(QString::number(r.error.retryAfterSeconds)));
        QVERIFY(r.error.isTransient());
        QCOMPARE(recordsFor(client, QStringLiteral("POST"), QStringLiteral("/api/v1/accounts")).size(), 2);
    }

    void malformedBodyIsABadResponse() {
        SandboxFault fault;
        fault.path = QStringLiteral("/api/v1/regions");
        fault.malformed = true;
        addFault(fault);
        RegistrationClient client(sandbox->config());
        const auto r = await<QList<Region>>([&](auto d) { client.regions(this, d); });
        QCOMPARE(r.error.kind, ApiError::Kind::BadResponse);
        QCOMPARE(r.error.httpStatus, 200);
        QVERIFY(!r.error.requestId.isEmpty());
        QVERIFY(!r.error.isTransient());
    }

    void oversizedBodyIsRefused() {
        ClientConfig config = sandbox->config();
        config.maxResponseBytes = 200; // the regions list is larger
        RegistrationClient client(config);
        const auto r = await<QList<Region>>([&](auto d) { client.regions(this, d); });
        QCOMPARE(r.error.kind, ApiError::Kind::BadResponse);
        QVERIFY2(r.error.message.contains(QLatin1String("larger")), qPrintable(r.error.message));
    }

    void slowAnswerTimesOut() {
        SandboxFault fault;
        fault.path = QStringLiteral("/api/v1/regions");
        fault.delayMs = 3000;
        addFault(fault);
        ClientConfig config = sandbox->config();
        config.requestTimeoutMs = 200; // the answer takes 3 s
        config.maxAttempts = 1;
        RegistrationClient client(config);
        const auto r = await<QList<Region>>([&](auto d) { client.regions(this, d); });
        QCOMPARE(r.error.kind, ApiError::Kind::Timeout);
        QVERIFY(r.error.isTransient());
    }

    void silentServerHitsTheConnectTimeout() {
        // Accepts TCP connections and never says a word: the TLS handshake cannot finish.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        ClientConfig config = sandbox->config();
        config.apiUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(silent.serverPort()));
        config.connectTimeoutMs = 100; // nothing ever answers: any time limit ends it
        config.maxAttempts = 2;
        RegistrationClient client(config);
        const auto r = await<QList<Region>>([&](auto d) { client.regions(this, d); });
        QCOMPARE(r.error.kind, ApiError::Kind::Timeout);
        QVERIFY2(r.error.message.contains(QLatin1String("no connection")), qPrintable(r.error.message));
        QCOMPARE(client.recentRequests().size(), 2); // a timeout is retried
    }

    void validationErrorIsTypedAndNotRetried() {
        RegistrationClient client(sandbox->config());
        CreateAccountRequest request{QStringLiteral("ivan+test@example.com"), kPassword,
                                     QStringLiteral("ru-msk"), QStringLiteral("en")};
        const auto r = await<SessionResult>([&](auto d) { client.createAccount(request, {}, this, d); });
        QCOMPARE(r.error.kind, ApiError::Kind::Http);
        QCOMPARE(r.error.httpStatus, 422);
        QCOMPARE(r.error.code, ErrorCode::InvalidEmail);
        QCOMPARE(r.error.field, QStringLiteral("email"));
        QVERIFY(r.error.details.contains(QStringLiteral("email_plus")));
        QVERIFY(!r.error.requestId.isEmpty());
        QVERIFY(!r.error.isTransient());
        QCOMPARE(client.recentRequests().size(), 1);
    }

    void revokedTokenIsUnauthorized() {
        RegistrationClient client(sandbox->config());
        const auto created = createAccount(client, uniqueEmail(QStringLiteral("revoke")));
        QVERIFY(created.ok());
        client.setToken(created.value.session.token);
        const auto before =
            await<Registration>([&](auto d) { client.registration(std::nullopt, 0, this, d); });
        QVERIFY2(before.ok(), qPrintable(describe(before.error)));
        QCOMPARE(before.value.accountId, created.value.registration.accountId);
        QVERIFY(await<NoContent>([&](auto d) { client.signOut({}, this, d); }).ok());
        const auto after =
            await<Registration>([&](auto d) { client.registration(std::nullopt, 0, this, d); });
        QCOMPARE(after.error.httpStatus, 401);
        QCOMPARE(after.error.code, ErrorCode::Unauthorized);
        QCOMPARE(recordsFor(client, QStringLiteral("GET"), QStringLiteral("/api/v1/registration")).size(), 2);
    }

    void longPollAnswersWhenTheStateChanges() {
        RegistrationClient client(sandbox->config());
        const QString email = uniqueEmail(QStringLiteral("poll"));
        const auto created = createAccount(client, email);
        QVERIFY(created.ok());
        client.setToken(created.value.session.token);
        const qint64 version = created.value.registration.version;

        std::optional<ApiResult<Registration>> polled;
        const int waiting = sandbox->activity().waitingLongPolls;
        client.registration(version, 20, this, [&](const ApiResult<Registration> &r) { polled = r; });
        QVERIFY(
            sandbox->waitUntil([&](const SandboxActivity &a) { return a.waitingLongPolls == waiting + 1; }));
        QCoreApplication::processEvents();
        QVERIFY(!polled); // the server holds the request while nothing changes

        RegistrationClient admin(sandbox->config());
        const auto outbox =
            await<QList<OutboxMessage>>([&](auto d) { SandboxToolsClient(&admin).outbox(email, this, d); });
        QVERIFY(outbox.ok() && !outbox.value.isEmpty());
        QCOMPARE(outbox.value.first().subject, QStringLiteral("Complete your registration now"));
        const auto confirmed = await<QString>(
            [&](auto d) { admin.confirmEmailLink(QUrl(outbox.value.first().confirmUrl), this, d); });
        QVERIFY2(confirmed.ok(), qPrintable(describe(confirmed.error)));
        QCOMPARE(confirmed.value, QStringLiteral("email_confirmed"));

        QVERIFY(waitFor([&] { return polled.has_value(); }, 10000));
        QVERIFY2(polled->ok(), qPrintable(describe(polled->error)));
        QVERIFY(polled->value.version > version);
        QVERIFY(polled->value.emailConfirmed);
        QCOMPARE(polled->value.nextStep, Step::ConfirmPhone);
    }

    void supportLogKeepsNoSecrets() {
        RegistrationClient client(sandbox->config());
        const QString email = uniqueEmail(QStringLiteral("log"));
        const auto created = createAccount(client, email);
        QVERIFY(created.ok());
        QVERIFY(await<QList<OutboxMessage>>([&](auto d) {
                    SandboxToolsClient(&client).outbox(email, this, d);
                }).ok());
        const QString text = client.recentRequestsText();
        QVERIFY(text.contains(QLatin1String("POST /api/v1/accounts -> 201")));
        QVERIFY(text.contains(QLatin1String("/sandbox/v1/outbox?to=redacted")));
        QVERIFY(!text.contains(kPassword));
        QVERIFY(!text.contains(created.value.session.token));
        QVERIFY(!text.contains(email));
    }

    void keepsOnlyTheLastFiftyRequests() {
        RegistrationClient client(sandbox->config());
        int answered = 0;
        for (int i = 0; i < 55; ++i) {
            ApiCall *call = client.send(
                ApiCall::Spec{"GET", QStringLiteral("/api/v1/regions"), {}, {}, false, {}, 0, 0, {}});
            connect(call, &ApiCall::finished, this, [&answered] { ++answered; });
        }
        QVERIFY(waitFor([&] { return answered == 55; }, 20000));
        QCOMPARE(client.callsInFlight(), 0);
        QCOMPARE(client.recentRequests().size(), 50);
    }
};

QTEST_GUILESS_MAIN(TestRegistrationClient)
#include "tst_registrationclient.moc"
