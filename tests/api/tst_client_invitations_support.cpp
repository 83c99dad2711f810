// RegistrationClient's contract 1.1 calls against the real sandbox over HTTPS: invitations (§5),
// support codes and the agent's view (§6), sandbox info and the sandbox's invitations.

#include "api/sandboxtoolsclient.h"
#include "support/apitest.h"
#include "vksignup/version.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>

using namespace signup;
using namespace signup::test;

class TestClientInvitationsSupport : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SandboxFixture> sandbox;

    ApiResult<SandboxInvitation> invite(RegistrationClient &client, const QString &email,
                                        const QStringList &roles = {QStringLiteral("member")}) {
        SandboxInvitationRequest request;
        request.email = email;
        request.roles = roles;
        request.projectName = QStringLiteral("Analytics");
        return await<SandboxInvitation>(
            [&](auto done) { SandboxToolsClient(&client).invite(request, this, done); });
    }

    ApiResult<SessionResult> acceptNew(RegistrationClient &client, const QString &token,
                                       const QString &password = kPassword, const QString &key = {}) {
        return await<SessionResult>([&](auto done) {
            client.acceptInvitationAsNewAccount(token, password, QStringLiteral("en"), key, this, done);
        });
    }

    ApiResult<SessionResult> createAccount(RegistrationClient &client, const QString &email) {
        CreateAccountRequest request{email, kPassword, QStringLiteral("ru-msk"), QStringLiteral("en")};
        return await<SessionResult>([&](auto done) { client.createAccount(request, {}, this, done); });
    }

    static void expectHttp(const ApiError &e, int status, const QString &code) {
        QVERIFY2(e.kind == ApiError::Kind::Http, qPrintable(describe(e)));
        QCOMPARE(e.httpStatus, status);
        QCOMPARE(e.wireCode, code);
        QCOMPARE(e.code, errorCodeFromWire(code));
        QVERIFY(e.code != ErrorCode::Unknown);
    }

private slots:
    void initTestCase() {
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
    }

    void invitationTokenFromUrl() {
        const QString token = QStringLiteral("AbCdEfGhIjKlMnOpQrStUv_-0123456789");
        QCOMPARE(RegistrationClient::invitationTokenFromUrl(
                     QUrl(QStringLiteral("https://cloud.vk.com/invite/") + token)),
                 token);
        QCOMPARE(RegistrationClient::invitationTokenFromUrl(
                     QUrl(QStringLiteral("https://127.0.0.1:8443/invite/") + token)),
                 token);
        QVERIFY(RegistrationClient::invitationTokenFromUrl(
                    QUrl(QStringLiteral("http://cloud.vk.com/invite/") + token))
                    .isEmpty());
        QVERIFY(RegistrationClient::invitationTokenFromUrl(
                    QUrl(QStringLiteral("https://cloud.vk.com/app/") + token))
                    .isEmpty());
        QVERIFY(RegistrationClient::invitationTokenFromUrl(
                    QUrl(QStringLiteral("https://cloud.vk.com/invite/a b")))
                    .isEmpty());
    }

    void sandboxInfoTellsASandboxFromProduction() {
        RegistrationClient client(sandbox->config());
        const auto r = await<SandboxInfo>([&](auto done) { SandboxToolsClient(&client).info(this, done); });
        QVERIFY2(r.ok(), qPrintable(describe(r.error)));
        QVERIFY(r.value.sandbox);
        QCOMPARE(r.value.version, QStringLiteral(VKSIGNUP_VERSION));

        SandboxOptions options;
        options.sandboxRoutes = false;
        SandboxFixture production(options);
        QVERIFY(production.ok());
        RegistrationClient api(production.config());
        const auto p = await<SandboxInfo>([&](auto done) { SandboxToolsClient(&api).info(this, done); });
        expectHttp(p.error, 404, QStringLiteral("not_found"));
    }

    void sandboxInviteSendsTheEmail() {
        RegistrationClient client(sandbox->config());
        const QString email = uniqueEmail(QStringLiteral("invitee"));
        const auto r =
            invite(client, email, {QStringLiteral("project_admin"), QStringLiteral("billing_admin")});
        QVERIFY2(r.ok(), qPrintable(describe(r.error)));
        QCOMPARE(r.value.url.toString(),
                 sandbox->baseUrl().toString() + QStringLiteral("/invite/") + r.value.token);
        QCOMPARE(r.value.project.name, QStringLiteral("Analytics"));
        QVERIFY(QRegularExpression(QStringLiteral("^mcs[0-9]{10}$")).match(r.value.project.id).hasMatch());
        QVERIFY(r.value.expiresAt > QDateTime::currentDateTimeUtc().addSecs(23 * 3600));

        const auto outbox = await<QList<OutboxMessage>>(
            [&](auto done) { SandboxToolsClient(&client).outbox(email, this, done); });
        QVERIFY2(outbox.ok(), qPrintable(describe(outbox.error)));
        QCOMPARE(outbox.value.size(), 1);
        QCOMPARE(outbox.value.first().subject, QStringLiteral("Invitation to a VK Cloud project"));
        QCOMPARE(outbox.value.first().inviteUrl, r.value.url.toString());
        QVERIFY(outbox.value.first().confirmUrl.isEmpty());

        SandboxInvitationRequest bad;
        bad.email = QStringLiteral("two@@example.com");
        const auto refused =
            await<SandboxInvitation>([&](auto done) { SandboxToolsClient(&client).invite(bad, this, done); });
        expectHttp(refused.error, 422, QStringLiteral("invalid_email"));
        QCOMPARE(refused.error.field, QStringLiteral("email"));
        QVERIFY(refused.error.details.contains(QStringLiteral("email_format")));
    }

    void invitationDetails() {
        RegistrationClient client(sandbox->config());
        const QString email = uniqueEmail(QStringLiteral("details"));
        const auto sent = invite(client, email, {QStringLiteral("viewer")});
        QVERIFY(sent.ok());
        const auto r = await<Invitation>([&](auto done) { client.invitation(sent.value.token, this, done); });
        QVERIFY2(r.ok(), qPrintable(describe(r.error)));
        QCOMPARE(r.value.project.id, sent.value.project.id);
        QCOMPARE(r.value.project.name, QStringLiteral("Analytics"));
        QCOMPARE(r.value.roles, QStringList{QStringLiteral("viewer")});
        QCOMPARE(r.value.email, email);
        QCOMPARE(r.value.invitedBy, QStringLiteral("o***@example.com"));
        QCOMPARE(r.value.expiresAt, sent.value.expiresAt);
        QVERIFY(!r.value.accountExists);
        QCOMPARE(r.value.status, QStringLiteral("pending"));

        const auto unknown = await<Invitation>(
            [&](auto done) { client.invitation(QStringLiteral("x").repeated(43), this, done); });
        expectHttp(unknown.error, 404, QStringLiteral("invitation_not_found"));
        // The token never reaches the client's own request log.
        for (const RequestRecord &record : client.recentRequests())
            QVERIFY2(!record.path.contains(sent.value.token), qPrintable(record.path));
        QVERIFY(client.recentRequestsText().contains(QStringLiteral("/api/v1/invitations/{token}")));
    }

    void acceptAsANewAccount() {
        RegistrationClient client(sandbox->config());
        const QString email = uniqueEmail(QStringLiteral("joiner"));
        const auto sent = invite(client, email, {QStringLiteral("member")});
        QVERIFY(sent.ok());

        const auto weak = acceptNew(client, sent.value.token, QStringLiteral("password"));
        expectHttp(weak.error, 422, QStringLiteral("invalid_password"));
        QCOMPARE(weak.error.field, QStringLiteral("password"));
        QVERIFY(weak.error.details.contains(QStringLiteral("password_upper")));
        QVERIFY(weak.error.details.contains(QStringLiteral("password_digit_or_special")));

        const QString key = RegistrationClient::newIdempotencyKey();
        const auto r = acceptNew(client, sent.value.token, kPassword, key);
        QVERIFY2(r.ok(), qPrintable(describe(r.error)));
        QVERIFY(!r.value.session.token.isEmpty());
        const Registration &reg = r.value.registration;
        QCOMPARE(reg.email, email);
        QVERIFY(reg.accountCreated);
        QVERIFY(reg.emailConfirmed);
        QVERIFY(!reg.phoneConfirmed);
        QCOMPARE(reg.nextStep, Step::Done);
        QVERIFY(!reg.project.has_value());
        QCOMPARE(reg.language, QStringLiteral("en"));
        QCOMPARE(reg.consoleUrl, sandbox->baseUrl().toString() + QStringLiteral("/sandbox/v1/console/") +
                                     sent.value.project.id);
        QCOMPARE(reg.memberships.size(), 1);
        QCOMPARE(reg.memberships.first().project.id, sent.value.project.id);
        QCOMPARE(reg.memberships.first().project.name, QStringLiteral("Analytics"));
        QCOMPARE(reg.memberships.first().roles, QStringList{QStringLiteral("member")});

        // A retry with the same key is the same answer, not a second account or a 409.
        const auto retried = acceptNew(client, sent.value.token, kPassword, key);
        QVERIFY2(retried.ok(), qPrintable(describe(retried.error)));
        QCOMPARE(retried.value.session.token, r.value.session.token);

        const auto used = acceptNew(client, sent.value.token);
        expectHttp(used.error, 409, QStringLiteral("invitation_used"));
        const auto usedInfo =
            await<Invitation>([&](auto done) { client.invitation(sent.value.token, this, done); });
        expectHttp(usedInfo.error, 409, QStringLiteral("invitation_used"));
        const auto unknown = acceptNew(client, QStringLiteral("y").repeated(43));
        expectHttp(unknown.error, 404, QStringLiteral("invitation_not_found"));

        // The session works for the ordinary calls.
        client.setToken(r.value.session.token);
        const auto again = await<Registration>([&](auto done) { client.registration({}, 0, this, done); });
        QVERIFY2(again.ok(), qPrintable(describe(again.error)));
        QCOMPARE(again.value.memberships.size(), 1);
    }

    void acceptWhenAnAccountExists() {
        RegistrationClient client(sandbox->config());
        const QString email = uniqueEmail(QStringLiteral("existing"));
        const auto account = createAccount(client, email);
        QVERIFY2(account.ok(), qPrintable(describe(account.error)));
        const auto other = createAccount(client, uniqueEmail(QStringLiteral("someone")));
        QVERIFY(other.ok());
        const auto sent = invite(client, email, {QStringLiteral("network_admin")});
        QVERIFY(sent.ok());

        const auto info =
            await<Invitation>([&](auto done) { client.invitation(sent.value.token, this, done); });
        QVERIFY(info.ok());
        QVERIFY(info.value.accountExists);
        const auto asNew = acceptNew(client, sent.value.token);
        expectHttp(asNew.error, 409, QStringLiteral("account_exists"));

        // Without a session the client does not even ask.
        auto noSession = await<Registration>(
            [&](auto done) { client.acceptInvitationSignedIn(sent.value.token, {}, this, done); });
        expectHttp(noSession.error, 401, QStringLiteral("unauthorized"));

        client.setToken(other.value.session.token);
        const auto mismatch = await<Registration>(
            [&](auto done) { client.acceptInvitationSignedIn(sent.value.token, {}, this, done); });
        expectHttp(mismatch.error, 403, QStringLiteral("invitation_email_mismatch"));

        client.setToken(account.value.session.token);
        const auto joined = await<Registration>(
            [&](auto done) { client.acceptInvitationSignedIn(sent.value.token, {}, this, done); });
        QVERIFY2(joined.ok(), qPrintable(describe(joined.error)));
        QVERIFY(joined.value.version > account.value.registration.version);
        QVERIFY(joined.value.emailConfirmed);
        QCOMPARE(joined.value.nextStep, Step::Done);
        QCOMPARE(joined.value.memberships.size(), 1);
        QCOMPARE(joined.value.memberships.first().roles, QStringList{QStringLiteral("network_admin")});

        const auto twice = await<Registration>(
            [&](auto done) { client.acceptInvitationSignedIn(sent.value.token, {}, this, done); });
        expectHttp(twice.error, 409, QStringLiteral("invitation_used"));
    }

    void expiredInvitation() {
        SandboxFixture later; // a sandbox of its own: its clock is moved on a day
        QVERIFY(later.ok());
        RegistrationClient client(later.config());
        const auto sent = invite(client, uniqueEmail(QStringLiteral("late")));
        QVERIFY(sent.ok());
        QVERIFY(await<Invitation>([&](auto done) { client.invitation(sent.value.token, this, done); }).ok());
        QVERIFY(later.sandbox->advanceClock(24 * 3600 + 1)); // the link's lifetime (§5) has passed
        const auto info =
            await<Invitation>([&](auto done) { client.invitation(sent.value.token, this, done); });
        QCOMPARE(info.error.httpStatus, 410);
        QCOMPARE(info.error.code, ErrorCode::InvitationExpired);
        const auto r = acceptNew(client, sent.value.token);
        expectHttp(r.error, 410, QStringLiteral("invitation_expired"));
    }

    void acceptRateLimited() {
        SandboxOptions options;
        options.accountCreationsPerMinute = 1;
        SandboxFixture limited(options);
        QVERIFY(limited.ok());
        RegistrationClient client(limited.config());
        const auto first = invite(client, uniqueEmail(QStringLiteral("first")));
        const auto second = invite(client, uniqueEmail(QStringLiteral("second")));
        QVERIFY(first.ok() && second.ok());
        QVERIFY(acceptNew(client, first.value.token).ok());
        const auto r = acceptNew(client, second.value.token);
        expectHttp(r.error, 429, QStringLiteral("rate_limited"));
        QVERIFY(r.error.retryAfterSeconds > 0);
    }

    void supportCodeAndTheAgentsView() {
        RegistrationClient customer(sandbox->config());
        const QString email = uniqueEmail(QStringLiteral("caller"));
        const auto account = createAccount(customer, email);
        QVERIFY(account.ok());
        customer.setToken(account.value.session.token);
        const auto code = await<SupportCode>([&](auto done) { customer.createSupportCode({}, this, done); });
        QVERIFY2(code.ok(), qPrintable(describe(code.error)));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9]{4}-[0-9]{4}$")).match(code.value.code).hasMatch());
        QVERIFY(code.value.expiresAt > QDateTime::currentDateTimeUtc().addSecs(14 * 60));

        RegistrationClient agent(sandbox->config());
        auto view = await<SupportView>(
            [&](auto done) { agent.supportRegistration(code.value.code, {}, 0, this, done); });
        expectHttp(view.error, 401, QStringLiteral("unauthorized")); // no key: not even sent
        agent.setSupportKey(QStringLiteral("sk_not-the-key"));
        view = await<SupportView>(
            [&](auto done) { agent.supportRegistration(code.value.code, {}, 0, this, done); });
        expectHttp(view.error, 401, QStringLiteral("unauthorized"));

        agent.setSupportKey(sandbox->supportKey());
        view = await<SupportView>(
            [&](auto done) { agent.supportRegistration(code.value.code, {}, 0, this, done); });
        QVERIFY2(view.ok(), qPrintable(describe(view.error)));
        QCOMPARE(view.value.registration.email, email.left(1) + QStringLiteral("***@example.com"));
        QCOMPARE(view.value.registration.accountId, account.value.registration.accountId);
        QCOMPARE(view.value.registration.nextStep, Step::ConfirmEmail);
        QCOMPARE(view.value.events.size(), 2);
        QCOMPARE(view.value.events.at(0).route, QStringLiteral("/api/v1/registration/support-code"));
        QCOMPARE(view.value.events.at(0).status, 201);
        QCOMPARE(view.value.events.at(1).route, QStringLiteral("/api/v1/accounts"));
        QVERIFY(view.value.events.at(1).at.isValid());
        QVERIFY(!view.value.events.at(1).requestId.isEmpty());
        // The request id the agent sees is the one the customer's client sent.
        QCOMPARE(view.value.events.at(0).requestId, customer.recentRequests().last().requestId);

        // Long polling: the customer's refused call wakes the agent.
        const qint64 version = view.value.registration.version;
        std::optional<ApiResult<SupportView>> live;
        QElapsedTimer clock;
        clock.start();
        agent.supportRegistration(code.value.code, version, 25, this,
                                  [&](const ApiResult<SupportView> &r) { live = r; });
        const auto phone = await<PhoneState>(
            [&](auto done) { customer.submitPhone(QStringLiteral("+79123450044"), {}, this, done); });
        expectHttp(phone.error, 409, QStringLiteral("step_order"));
        WAIT_VERIFY(live.has_value(), 10000);
        QVERIFY(clock.elapsed() < 10000);
        QVERIFY2(live->ok(), qPrintable(describe(live->error)));
        QCOMPARE(live->value.events.first().route, QStringLiteral("/api/v1/registration/phone"));
        QCOMPARE(live->value.events.first().errorCode, QStringLiteral("step_order"));

        // A call made between two of the agent's polls (before the next one arrives) is news too:
        // the next poll answers at once although the registration's version is the same.
        const auto again = await<PhoneState>(
            [&](auto done) { customer.submitPhone(QStringLiteral("+79123450045"), {}, this, done); });
        expectHttp(again.error, 409, QStringLiteral("step_order"));
        live.reset();
        clock.restart();
        agent.supportRegistration(code.value.code, version, 25, this,
                                  [&](const ApiResult<SupportView> &r) { live = r; });
        WAIT_VERIFY(live.has_value(), 10000);
        QVERIFY(clock.elapsed() < 10000);
        QVERIFY2(live->ok(), qPrintable(describe(live->error)));
        QCOMPARE(live->value.registration.version, version);
        QCOMPARE(live->value.events.first().route, QStringLiteral("/api/v1/registration/phone"));
        QCOMPARE(live->value.events.first().requestId, customer.recentRequests().last().requestId);

        // Withdrawn: the agent's waiting poll ends with support_code_not_found.
        live.reset();
        agent.supportRegistration(code.value.code, version, 25, this,
                                  [&](const ApiResult<SupportView> &r) { live = r; });
        const auto withdrawn =
            await<NoContent>([&](auto done) { customer.withdrawSupportCode({}, this, done); });
        QVERIFY2(withdrawn.ok(), qPrintable(describe(withdrawn.error)));
        WAIT_VERIFY(live.has_value(), 10000);
        expectHttp(live->error, 404, QStringLiteral("support_code_not_found"));

        // Neither client's log holds the code.
        const QString digits = QString(code.value.code).remove(u'-');
        for (const RequestRecord &record : agent.recentRequests()) {
            QVERIFY2(!record.path.contains(code.value.code) && !record.path.contains(digits),
                     qPrintable(record.path));
        }
        QVERIFY(agent.recentRequestsText().contains(QStringLiteral("/api/v1/support/registrations/{code}")));
    }

    void supportCodeLimits() {
        SandboxFixture own;
        QVERIFY(own.ok());
        RegistrationClient customer(own.config());
        const auto account = createAccount(customer, uniqueEmail(QStringLiteral("many")));
        QVERIFY(account.ok());
        customer.setToken(account.value.session.token);
        SupportCode last;
        for (int i = 0; i < 10; ++i) {
            const auto c = await<SupportCode>([&](auto done) { customer.createSupportCode({}, this, done); });
            QVERIFY2(c.ok(), qPrintable(describe(c.error)));
            last = c.value;
        }
        const auto eleventh =
            await<SupportCode>([&](auto done) { customer.createSupportCode({}, this, done); });
        expectHttp(eleventh.error, 429, QStringLiteral("rate_limited"));
        QVERIFY(eleventh.error.retryAfterSeconds > 5);

        RegistrationClient agent(own.config());
        agent.setSupportKey(own.supportKey());
        for (int i = 0; i < 30; ++i) {
            const auto unknown = await<SupportView>([&](auto done) {
                agent.supportRegistration(QStringLiteral("0000-%1").arg(i, 4, 10, QLatin1Char('0')), {}, 0,
                                          this, done);
            });
            expectHttp(unknown.error, 404, QStringLiteral("support_code_not_found"));
        }
        const auto blocked =
            await<SupportView>([&](auto done) { agent.supportRegistration(last.code, {}, 0, this, done); });
        expectHttp(blocked.error, 429, QStringLiteral("rate_limited"));
        QVERIFY(blocked.error.retryAfterSeconds > 5);
    }
};

QTEST_GUILESS_MAIN(TestClientInvitationsSupport)
#include "tst_client_invitations_support.moc"
