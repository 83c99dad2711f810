// The diagnostics report a customer copies for support staff: everything support needs (versions,
// backend, keychain, steps, the last requests with route templates and request ids) and none of
// the secrets that went through the same client: password, session token, card number, CVC,
// confirmation link, query values, the full email address.

#include "api/sandboxtoolsclient.h"
#include "client/clientstack.h"
#include "client/diagnostics.h"
#include "client/registrationcontroller.h"
#include "session/keychaintokenstore.h"
#include "support/apitest.h"
#include "vksignup/version.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace signup;
using namespace signup::test;
using Controller = RegistrationController;

namespace {
constexpr int kTimeout = 30000;
const QString kCardNumber = QStringLiteral("4000 0000 0000 3220");
const QString kCvc = QStringLiteral("739");
} // namespace

class TestDiagnostics : public QObject {
    Q_OBJECT
    std::unique_ptr<SandboxFixture> sandbox;

    ApiError run(Controller *c, const std::function<void()> &invoke) {
        QSignalSpy finished(c, &Controller::actionFinished);
        invoke();
        if (!waitFor([&] { return !finished.isEmpty(); }, kTimeout)) {
            ApiError e;
            e.kind = ApiError::Kind::Timeout;
            return e;
        }
        return finished.first().at(1).value<ApiError>();
    }

private slots:
    void initTestCase() {
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
    }

    void routeTemplatesHideIdsAndQueries() {
        QCOMPARE(Diagnostics::routeTemplate(QStringLiteral("/api/v1/registration?wait=25&since=7")),
                 QStringLiteral("/api/v1/registration"));
        QCOMPARE(Diagnostics::routeTemplate(QStringLiteral("/api/v1/email/confirm?token=redacted")),
                 QStringLiteral("/api/v1/email/confirm"));
        QCOMPARE(Diagnostics::routeTemplate(QStringLiteral("/sandbox/v1/3ds/abc123")),
                 QStringLiteral("/sandbox/v1/3ds/{id}"));
        QCOMPARE(Diagnostics::routeTemplate(QStringLiteral("/confirm/secret-token")),
                 QStringLiteral("/confirm/{…}"));
        QCOMPARE(Diagnostics::maskEmail(QStringLiteral("ivan.petrov@example.com")),
                 QStringLiteral("i***@example.com"));
    }

    void theReportHasNoSecrets() {
        ClientStack stack(sandbox->config());
        Controller *c = stack.controller();
        RegistrationClient *client = c->client();
        const QString email = uniqueEmail(QStringLiteral("diagnostics"));

        // A whole sign-up through this one client: every secret goes through it.
        QSignalSpy saved(c, &Controller::sessionSaved);
        ApiError e = run(c, [&] { c->createAccount(email, kPassword, QStringLiteral("ru-msk")); });
        QVERIFY2(!e.isError(), qPrintable(describe(e)));
        WAIT_COMPARE(saved.size(), 1, kTimeout);
        // More than 20 requests in all: the report keeps the last 20.
        for (int i = 0; i < Diagnostics::kRequests; ++i)
            QVERIFY(await<QList<Region>>([&](auto d) { client->regions(this, d); }).ok());
        const auto outbox =
            await<QList<OutboxMessage>>([&](auto d) { SandboxToolsClient(client).outbox(email, this, d); });
        QVERIFY2(outbox.ok() && !outbox.value.isEmpty(), qPrintable(describe(outbox.error)));
        const QUrl confirmUrl(outbox.value.first().confirmUrl);
        const QString confirmToken = QUrlQuery(confirmUrl).queryItemValue(QStringLiteral("token"));
        QVERIFY(confirmToken.size() >= 16);
        QVERIFY(await<QString>([&](auto d) { client->confirmEmailLink(confirmUrl, this, d); }).ok());
        e = run(c, [&] { c->refreshNow(); });
        QVERIFY2(!e.isError(), qPrintable(describe(e)));
        const QString phone = QStringLiteral("+79123456789");
        e = run(c, [&] { c->submitPhone(phone); });
        QVERIFY2(!e.isError(), qPrintable(describe(e)));
        const auto call = await<SandboxCall>([&](auto d) {
            SandboxToolsClient(client).call(phone, c->registration().phone->callTo, this, d);
        });
        QVERIFY2(call.ok(), qPrintable(describe(call.error)));
        QString digits = call.value.robotSays;
        digits.remove(QLatin1Char(' '));
        QCOMPARE(await<KeyedDigitsResult>([&](auto d) {
                     SandboxToolsClient(client).dtmf(call.value.callId, digits, this, d);
                 }).value,
                 KeyedDigitsResult::Confirmed);
        WAIT_VERIFY((run(c, [&] { c->refreshNow(); }), c->registration().phoneConfirmed), kTimeout);
        e = run(c, [&] { c->submitCard(kCardNumber, 12, QDate::currentDate().year() + 3, kCvc); });
        QVERIFY2(!e.isError(), qPrintable(describe(e)));
        // And a failed call, to see its error code in the report.
        const auto bad = await<PhoneState>([&](auto d) {
            client->submitPhone(QStringLiteral("+1555"), RegistrationClient::newIdempotencyKey(), this, d);
        });
        QVERIFY(bad.error.kind == ApiError::Kind::Http && bad.error.code != ErrorCode::Unknown);

        std::optional<KeychainTokenStore::Result> stored;
        stack.tokens()->read(this, [&stored](const KeychainTokenStore::Result &r) { stored = r; });
        WAIT_VERIFY(stored.has_value(), kTimeout);
        QVERIFY(stored->ok());
        const QString token = stored->token;
        QVERIFY(token.size() >= 16);

        const QString report = Diagnostics::report(Diagnostics::collect(c, true));

        // What support needs.
        QVERIFY(report.contains(QStringLiteral("App version: " VKSIGNUP_VERSION)));
        QVERIFY(report.contains(QStringLiteral("Qt: ") + QString::fromLatin1(qVersion())));
        QVERIFY(report.contains(QStringLiteral("OS: ")));
        QVERIFY(report.contains(QStringLiteral("Backend: ") + client->origin()));
        QVERIFY(report.contains(QStringLiteral("Sandbox: yes")));
        QVERIFY(report.contains(QStringLiteral("Keychain: available")));
        QVERIFY(report.contains(QStringLiteral("Region: ru-msk")));
        QVERIFY(report.contains(QStringLiteral("Email: ") + Diagnostics::maskEmail(email)));
        QVERIFY(report.contains(QStringLiteral("account done, email done, phone done")));
        QVERIFY(report.contains(QStringLiteral("| POST | /api/v1/registration/card | ")));
        QVERIFY(report.contains(QStringLiteral("| GET | /api/v1/email/confirm | ")));
        const QList<RequestRecord> requests = client->recentRequests();
        QVERIFY2(requests.size() > Diagnostics::kRequests, qPrintable(report));
        QVERIFY(report.contains(requests.last().requestId));
        QVERIFY(!report.contains(requests.first().requestId)); // only the last 20
        const int lines = int(report.count(QRegularExpression(QStringLiteral("\\| \\d+ ms \\|"))));
        QCOMPARE(lines, Diagnostics::kRequests);
        // The failed call with its status and the contract's error code.
        const QString failed = QStringLiteral("| POST | /api/v1/registration/phone | %1 | %2 |")
                                   .arg(bad.error.httpStatus)
                                   .arg(bad.error.wireCode);
        QVERIFY2(report.contains(failed), qPrintable(failed));

        // What it never holds.
        QVERIFY(!report.contains(kPassword));
        QVERIFY(!report.contains(token));
        QVERIFY(!report.contains(kCardNumber));
        QVERIFY(!report.contains(QString(kCardNumber).remove(QLatin1Char(' '))));
        QVERIFY(!report.contains(confirmToken));
        QVERIFY(!report.contains(confirmUrl.toString()));
        QVERIFY(!report.contains(email));
        QVERIFY(!report.contains(email.section(QLatin1Char('@'), 0, 0)));
        QVERIFY(!report.contains(phone));
        QVERIFY(!report.contains(QLatin1Char('?'))); // no query at all
        QVERIFY(!report.contains(QLatin1Char('=')));
        // The CVC: three digits could be part of a request id, a time or a duration; nowhere else.
        QString rest = report;
        for (const RequestRecord &r : requests)
            rest.remove(r.requestId);
        rest.remove(QRegularExpression(
            QStringLiteral("\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?|\\d+ ms|\\d{4}-\\d\\d-\\d\\dT")));
        rest.remove(QStringLiteral(VKSIGNUP_VERSION));
        rest.remove(QString::fromLatin1(qVersion()));
        rest.remove(QSysInfo::kernelVersion());
        rest.remove(client->origin());
        QVERIFY2(!rest.contains(kCvc), qPrintable(rest));
    }
};

QTEST_GUILESS_MAIN(TestDiagnostics)
#include "tst_diagnostics.moc"
