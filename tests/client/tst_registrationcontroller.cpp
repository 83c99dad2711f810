// The controller end to end: the real sandbox over HTTPS and the real Secret Service
// (gnome-keyring on a private bus, see tests/with-keyring.sh).

#include "../session/keychaintestsupport.h"
#include "api/registrationclient.h"
#include "api/sandboxtoolsclient.h"
#include "client/clientstack.h"
#include "client/registrationcontroller.h"
#include "session/keychaintokenstore.h"
#include "support/apitest.h"

#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace signup;
using namespace signup::test;
using Controller = RegistrationController;

namespace {
const QString kPhone = QStringLiteral("+79123456789");
const int kTimeout = 20000;
} // namespace

class TestRegistrationController : public QObject {
    Q_OBJECT

    std::unique_ptr<SandboxFixture> sandbox;
    std::unique_ptr<RegistrationClient> tools; // the "outside world": mailbox, phone, bank

    // Poll intervals shortened (2 s to 15 s by default) so that waiting for a poll takes a moment.
    ClientConfig fastConfig() const {
        ClientConfig config = sandbox->config();
        config.pollMinMs = 50;
        config.pollMaxMs = 5000;
        return config;
    }

    std::unique_ptr<ClientStack> newStack() { return std::make_unique<ClientStack>(fastConfig()); }

    QString storedToken() const {
        return secretToolLookup(sandbox->config().keychainService,
                                RegistrationClient::originOf(sandbox->baseUrl()));
    }

    // Runs one action and returns its outcome (exactly one actionFinished for it).
    ApiError run(Controller *c, Controller::Action action, const std::function<void()> &invoke) {
        QSignalSpy finished(c, &Controller::actionFinished);
        invoke();
        if (!waitFor([&] { return !finished.isEmpty(); }, kTimeout)) {
            ApiError e;
            e.kind = ApiError::Kind::Timeout;
            e.message = QStringLiteral("no actionFinished");
            return e;
        }
        if (!settled(c->client())) {
            ApiError e;
            e.kind = ApiError::Kind::Timeout;
            e.message = QStringLiteral("requests still in flight");
            return e;
        }
        if (finished.size() != 1 || finished.first().at(0).value<Controller::Action>() != action) {
            ApiError e;
            e.kind = ApiError::Kind::BadResponse;
            e.message = QStringLiteral("%1 actionFinished signals").arg(finished.size());
            return e;
        }
        return finished.first().at(1).value<ApiError>();
    }

    // A fresh controller in the same keychain session, as after restarting the wizard.
    void expectResumeAt(Controller::Phase phase, Step step) {
        auto stack = newStack();
        Controller *c = stack->controller();
        const ApiError e = run(c, Controller::Action::Start, [c] { c->start(); });
        QVERIFY2(!e.isError(), qPrintable(describe(e)));
        QCOMPARE(c->phase(), phase);
        QCOMPARE(c->currentStep(), step);
        QCOMPARE(c->persistence(), Controller::Persistence::Keychain);
    }

    void confirmEmail(const QString &email) {
        const auto outbox = await<QList<OutboxMessage>>(
            [&](auto d) { SandboxToolsClient(tools.get()).outbox(email, this, d); });
        QVERIFY2(outbox.ok() && !outbox.value.isEmpty(), qPrintable(describe(outbox.error)));
        const auto confirmed = await<QString>(
            [&](auto d) { tools->confirmEmailLink(QUrl(outbox.value.first().confirmUrl), this, d); });
        QVERIFY2(confirmed.ok(), qPrintable(describe(confirmed.error)));
    }

    void callAndKeyDigits(const QString &callTo) {
        const auto call = await<SandboxCall>(
            [&](auto d) { SandboxToolsClient(tools.get()).call(kPhone, callTo, this, d); });
        QVERIFY2(call.ok(), qPrintable(describe(call.error)));
        QVERIFY2(!call.value.callId.isEmpty(), qPrintable(call.value.result));
        QString digits = call.value.robotSays;
        digits.remove(QLatin1Char(' '));
        const auto keyed = await<KeyedDigitsResult>(
            [&](auto d) { SandboxToolsClient(tools.get()).dtmf(call.value.callId, digits, this, d); });
        QVERIFY2(keyed.ok(), qPrintable(describe(keyed.error)));
        QCOMPARE(keyed.value, KeyedDigitsResult::Confirmed);
    }

    // Creates an account through a controller and waits until its token is in the keychain.
    void createAccount(Controller *c, const QString &email) {
        QSignalSpy saved(c, &Controller::sessionSaved);
        const ApiError e = run(c, Controller::Action::CreateAccount,
                               [&] { c->createAccount(email, kPassword, QStringLiteral("ru-msk")); });
        QVERIFY2(!e.isError(), qPrintable(describe(e)));
        WAIT_COMPARE(saved.size(), 1, kTimeout);
        QCOMPARE(saved.first().at(0).value<Controller::Persistence>(), Controller::Persistence::Keychain);
    }

private slots:
    void initTestCase() {
        if (!qEnvironmentVariableIsSet("VKSIGNUP_TEST_HOME"))
            QFAIL("run under tests/with-keyring.sh (ctest does): it provides a private, unlocked keyring");
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
        tools = std::make_unique<RegistrationClient>(sandbox->config());
    }

    void cleanup() {
        QVERIFY(await<NoContent>([&](auto d) { SandboxToolsClient(tools.get()).clearFaults(this, d); }).ok());
        auto stack = newStack();
        QSignalSpy removed(stack->tokens(), &KeychainTokenStore::removeFinished);
        stack->controller()->forgetStoredSession();
        QVERIFY(!removed.isEmpty() || removed.wait(kTimeout));
        QCOMPARE(storedToken(), QString());
    }

    void fullRegistrationResumesAfterEachStep() {
        auto stack = newStack();
        Controller *c = stack->controller();
        QSignalSpy steps(c, &Controller::stepChanged);
        QVERIFY(!run(c, Controller::Action::Start, [c] { c->start(); }).isError());
        QCOMPARE(c->phase(), Controller::Phase::NeedsAccount);
        QCOMPARE(c->persistence(), Controller::Persistence::Keychain);

        // 1. Account.
        const QString email = uniqueEmail(QStringLiteral("full"));
        createAccount(c, email);
        QCOMPARE(c->phase(), Controller::Phase::Registering);
        QCOMPARE(c->currentStep(), Step::ConfirmEmail);
        QCOMPARE(c->registration().email, email);

        // The token is in the Secret Service, it is the live session, and it is in no file under HOME.
        const QString token = storedToken();
        QVERIFY(token.size() >= 22);
        {
            RegistrationClient probe(sandbox->config());
            probe.setToken(token);
            const auto r = await<Registration>([&](auto d) { probe.registration(std::nullopt, 0, this, d); });
            QVERIFY2(r.ok(), qPrintable(describe(r.error)));
            QCOMPARE(r.value.accountId, c->registration().accountId);
        }
        const QString home = qEnvironmentVariable("VKSIGNUP_TEST_HOME");
        int scanned = 0;
        QDirIterator files(home, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                           QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile f(files.next());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            ++scanned;
            QVERIFY2(!f.readAll().contains(token.toUtf8()), qPrintable(f.fileName()));
        }
        QVERIFY(scanned > 0); // at least the keyring's own (encrypted) file
        expectResumeAt(Controller::Phase::Registering, Step::ConfirmEmail);

        // 2. Email: the controller notices the confirmation by itself while watching.
        c->setWatching(true);
        confirmEmail(email);
        WAIT_COMPARE(c->currentStep(), Step::ConfirmPhone, kTimeout);
        QVERIFY(c->registration().emailConfirmed);
        expectResumeAt(Controller::Phase::Registering, Step::ConfirmPhone);

        // 3. Phone: call the number shown and key the digits the robot dictates.
        QVERIFY(!run(c, Controller::Action::SubmitPhone, [c] { c->submitPhone(kPhone); }).isError());
        QVERIFY(c->registration().phone.has_value());
        QCOMPARE(c->registration().phone->status, PhoneStatus::AwaitingCall);
        QVERIFY(!c->registration().phone->callTo.isEmpty());
        callAndKeyDigits(c->registration().phone->callTo);
        WAIT_COMPARE(c->currentStep(), Step::BindCard, kTimeout);
        QVERIFY(c->registration().phoneConfirmed);
        expectResumeAt(Controller::Phase::Registering, Step::BindCard);

        // 4. Card with 3-D Secure: the bank's page approves.
        const int year = QDate::currentDate().year() + 3;
        QVERIFY(!run(c, Controller::Action::SubmitCard, [&] {
                     c->submitCard(QStringLiteral("4000 0000 0000 3220"), 12, year, QStringLiteral("123"));
                 }).isError());
        WAIT_VERIFY(c->registration().card && c->registration().card->status == CardStatus::RequiresAction,
                    kTimeout);
        const QString actionId = QUrl(c->registration().card->actionUrl).path().section(QLatin1Char('/'), -1);
        QVERIFY(!actionId.isEmpty());
        const auto approved = await<CardState>(
            [&](auto d) { SandboxToolsClient(tools.get()).decide3ds(actionId, true, this, d); });
        QVERIFY2(approved.ok(), qPrintable(describe(approved.error)));
        WAIT_COMPARE(c->phase(), Controller::Phase::Done, kTimeout);
        QCOMPARE(c->currentStep(), Step::Done);
        QCOMPARE(c->registration().card->status, CardStatus::Linked);
        QVERIFY(c->registration().project && c->registration().project->id.startsWith(QLatin1String("mcs")));
        QVERIFY(!c->registration().consoleUrl.isEmpty());
        QCOMPARE(c->registration().balance.value, QStringLiteral("500.00"));
        expectResumeAt(Controller::Phase::Done, Step::Done);

        // Every step was announced once, in order.
        QList<Step> announced;
        for (const auto &args : steps)
            announced << args.at(0).value<Step>();
        QCOMPARE(announced,
                 (QList<Step>{Step::ConfirmEmail, Step::ConfirmPhone, Step::BindCard, Step::Done}));

        // Sign out: revoked on the server and gone from the keychain.
        c->setWatching(false);
        QVERIFY(!run(c, Controller::Action::SignOut, [c] { c->signOut(); }).isError());
        QCOMPARE(c->phase(), Controller::Phase::NeedsAccount);
        QCOMPARE(storedToken(), QString());
        RegistrationClient probe(sandbox->config());
        probe.setToken(token);
        const auto after = await<Registration>([&](auto d) { probe.registration(std::nullopt, 0, this, d); });
        QCOMPARE(after.error.httpStatus, 401);
    }

    void revokedTokenLeadsToSignInAndTheRightStep() {
        const QString email = uniqueEmail(QStringLiteral("revoked"));
        {
            auto stack = newStack();
            Controller *c = stack->controller();
            QVERIFY(!run(c, Controller::Action::Start, [c] { c->start(); }).isError());
            createAccount(c, email);
            confirmEmail(email);
            QVERIFY(!run(c, Controller::Action::Refresh, [c] { c->refreshNow(); }).isError());
            QCOMPARE(c->currentStep(), Step::ConfirmPhone);
        }
        const QString oldToken = storedToken();
        QVERIFY(!oldToken.isEmpty());
        {
            // Revoked elsewhere (another device signed this session out); the keychain still has it.
            RegistrationClient other(sandbox->config());
            other.setToken(oldToken);
            QVERIFY(await<NoContent>([&](auto d) { other.signOut({}, this, d); }).ok());
        }

        auto stack = newStack();
        Controller *c = stack->controller();
        QSignalSpy removed(stack->tokens(), &KeychainTokenStore::removeFinished);
        QVERIFY(!run(c, Controller::Action::Start, [c] { c->start(); }).isError());
        QCOMPARE(c->phase(), Controller::Phase::NeedsSignIn);
        QCOMPARE(c->currentStep(), Step::Account);
        QVERIFY(!removed.isEmpty() || removed.wait(kTimeout));
        QCOMPARE(storedToken(), QString()); // the dead token is forgotten

        const ApiError wrong =
            run(c, Controller::Action::SignIn, [&] { c->signIn(email, QStringLiteral("Wr0ng-Passw0rd")); });
        QCOMPARE(wrong.httpStatus, 401);
        QCOMPARE(wrong.code, ErrorCode::InvalidCredentials);
        QCOMPARE(c->phase(), Controller::Phase::NeedsSignIn);

        QSignalSpy saved(c, &Controller::sessionSaved);
        QVERIFY(!run(c, Controller::Action::SignIn, [&] { c->signIn(email, kPassword); }).isError());
        QCOMPARE(c->phase(), Controller::Phase::Registering);
        QCOMPARE(c->currentStep(), Step::ConfirmPhone);
        WAIT_COMPARE(saved.size(), 1, kTimeout);
        const QString newToken = storedToken();
        QVERIFY(!newToken.isEmpty());
        QVERIFY(newToken != oldToken);
        expectResumeAt(Controller::Phase::Registering, Step::ConfirmPhone);
    }

    void revokedDuringAnActionAsksForSignIn() {
        auto stack = newStack();
        Controller *c = stack->controller();
        QVERIFY(!run(c, Controller::Action::Start, [c] { c->start(); }).isError());
        const QString email = uniqueEmail(QStringLiteral("midway"));
        createAccount(c, email);
        RegistrationClient other(sandbox->config());
        other.setToken(storedToken());
        QVERIFY(await<NoContent>([&](auto d) { other.signOut({}, this, d); }).ok());

        const ApiError e = run(c, Controller::Action::ResendEmail, [c] { c->resendEmail(); });
        QCOMPARE(e.httpStatus, 401);
        QCOMPARE(c->phase(), Controller::Phase::NeedsSignIn);
    }

    void aSecondClickIsNotASecondRequest() {
        auto stack = newStack();
        Controller *c = stack->controller();
        QVERIFY(!run(c, Controller::Action::Start, [c] { c->start(); }).isError());
        QSignalSpy finished(c, &Controller::actionFinished);
        QSignalSpy busy(c, &Controller::busyChanged);
        const QString email = uniqueEmail(QStringLiteral("double"));
        c->createAccount(email, kPassword, QStringLiteral("ru-msk"));
        QVERIFY(c->isBusy(Controller::Action::CreateAccount));
        c->createAccount(email, kPassword, QStringLiteral("ru-msk"));
        WAIT_COMPARE(finished.size(), 1, kTimeout);
        QVERIFY(settled(c->client())); // nothing more can answer
        QCOMPARE(finished.size(), 1);
        QVERIFY(!finished.first().at(1).value<ApiError>().isError());
        QCOMPARE(busy.size(), 2); // true, then false
        QVERIFY(!c->isBusy(Controller::Action::CreateAccount));
        int posts = 0;
        for (const RequestRecord &r : stack->client()->recentRequests())
            posts += r.method == QLatin1String("POST") && r.path == QLatin1String("/api/v1/accounts");
        QCOMPARE(posts, 1);
    }

    void aManualRetryReusesTheKeyUntilADefiniteAnswer() {
        // Every attempt of the first try fails with 503: the outcome is unknown, so the user's
        // Retry of the same input carries the same key; after the answer a new action gets a new key.
        auto stack = newStack();
        Controller *c = stack->controller();
        QVERIFY(!run(c, Controller::Action::Start, [c] { c->start(); }).isError());
        SandboxFault fault;
        fault.path = QStringLiteral("/api/v1/accounts");
        fault.method = QStringLiteral("POST");
        fault.status = 503;
        fault.count = sandbox->config().maxAttempts;
        QVERIFY(await<QJsonObject>([&](auto d) {
                    SandboxToolsClient(tools.get()).addFault(fault, this, d);
                }).ok());

        const QString email = uniqueEmail(QStringLiteral("manual"));
        const ApiError first = run(c, Controller::Action::CreateAccount,
                                   [&] { c->createAccount(email, kPassword, QStringLiteral("ru-msk")); });
        QCOMPARE(first.httpStatus, 503);
        QVERIFY(first.isTransient());
        QCOMPARE(c->phase(), Controller::Phase::NeedsAccount);
        createAccount(c, email);

        QStringList keys;
        for (const RequestRecord &r : stack->client()->recentRequests())
            if (r.method == QLatin1String("POST") && r.path == QLatin1String("/api/v1/accounts"))
                keys << r.idempotencyKey;
        QCOMPARE(keys.size(), sandbox->config().maxAttempts + 1);
        QCOMPARE(QSet<QString>(keys.begin(), keys.end()).size(), 1);
    }

    void pollsWithBackoffWhenTheServerAnswersAtOnce() {
        ClientConfig config = fastConfig();
        config.pollMinMs = 100; // waits of 100, 200 and 400 ms
        auto stack = std::make_unique<ClientStack>(config);
        Controller *c = stack->controller();
        c->setLongPollWaitSeconds(0); // every answer comes at once, as from a server that ignores `wait`
        QVERIFY(!run(c, Controller::Action::Start, [c] { c->start(); }).isError());
        createAccount(c, uniqueEmail(QStringLiteral("fallback")));
        const QDateTime watchFrom = QDateTime::currentDateTimeUtc();
        const auto polls = [&] {
            QList<RequestRecord> records;
            for (const RequestRecord &r : stack->client()->recentRequests())
                if (r.method == QLatin1String("GET") &&
                    r.path.startsWith(QLatin1String("/api/v1/registration")) && r.startedAt >= watchFrom)
                    records << r;
            return records;
        };
        c->setWatching(true);
        WAIT_VERIFY(polls().size() >= 4, kTimeout);
        c->setWatching(false);
        const QList<RequestRecord> records = polls();
        // The controller's own wait: from one answer to the next request (the answers' time is not
        // the controller's).
        QList<qint64> gaps;
        for (int i = 1; i < 4; ++i)
            gaps << records[i - 1].startedAt.msecsTo(records[i].startedAt) - records[i - 1].durationMs;
        const QString log = stack->client()->recentRequestsText();
        // Never more often than the minimum, and each wait longer than the one before (x2).
        QVERIFY2(gaps[0] >= config.pollMinMs - 10, qPrintable(log));
        QVERIFY2(gaps[1] >= gaps[0] * 3 / 2, qPrintable(log));
        QVERIFY2(gaps[2] >= gaps[1] * 3 / 2, qPrintable(log));
    }

    void connectionProblemAndRestoredWhileWatching() {
        auto stack = newStack();
        Controller *c = stack->controller();
        QVERIFY(!run(c, Controller::Action::Start, [c] { c->start(); }).isError());
        createAccount(c, uniqueEmail(QStringLiteral("outage")));
        SandboxFault fault;
        fault.path = QStringLiteral("/api/v1/registration");
        fault.method = QStringLiteral("GET");
        fault.status = 503;
        QVERIFY(await<QJsonObject>([&](auto d) {
                    SandboxToolsClient(tools.get()).addFault(fault, this, d);
                }).ok());

        QSignalSpy problem(c, &Controller::connectionProblem);
        QSignalSpy restored(c, &Controller::connectionRestored);
        c->setWatching(true);
        WAIT_COMPARE(problem.size(), 1, kTimeout);
        QCOMPARE(problem.first().at(0).value<ApiError>().httpStatus, 503);
        QCOMPARE(restored.size(), 0);
        // Restored by the next look, without waiting for a long poll to time out.
        WAIT_COMPARE(restored.size(), 1, 10000);
        QCOMPARE(problem.size(), 1);
        QCOMPARE(c->phase(), Controller::Phase::Registering);
        c->setWatching(false);
    }

    void unchangedStateIsNotAnnouncedAgain() {
        auto stack = newStack();
        Controller *c = stack->controller();
        QVERIFY(!run(c, Controller::Action::Start, [c] { c->start(); }).isError());
        createAccount(c, uniqueEmail(QStringLiteral("quiet")));
        QSignalSpy changed(c, &Controller::registrationChanged);
        QSignalSpy steps(c, &Controller::stepChanged);
        QVERIFY(settled(c->client())); // a sync after the action may still have been on its way
        changed.clear();
        QVERIFY(!run(c, Controller::Action::Refresh, [c] { c->refreshNow(); }).isError());
        QVERIFY(!run(c, Controller::Action::Refresh, [c] { c->refreshNow(); }).isError());
        QCOMPARE(changed.size(), 0);
        QCOMPARE(steps.size(), 0);
    }

    // --reset and forgetting: a keychain read begun before must not bring the session back.
    void aStartAnswerOlderThanTheStateIsIgnored() {
        {
            auto stack = newStack();
            createAccount(stack->controller(), uniqueEmail(QStringLiteral("race")));
        }
        QVERIFY(!storedToken().isEmpty());
        auto stack = newStack();
        Controller *c = stack->controller();
        QSignalSpy finished(c, &Controller::actionFinished);
        c->start(); // reads the keychain, which still holds the session
        c->forgetStoredSession();
        QCOMPARE(c->phase(), Controller::Phase::NeedsAccount);
        WAIT_COMPARE(finished.size(), 1, kTimeout);
        // Before the fix the old session came back here: Registering on the email step.
        QCOMPARE(c->phase(), Controller::Phase::NeedsAccount);
        QCOMPARE(c->currentStep(), Step::Account);
        QVERIFY(!stack->client()->hasToken());
    }

    void resetRevokesTheStoredSessionAndSaysSo() {
        {
            auto stack = newStack();
            createAccount(stack->controller(), uniqueEmail(QStringLiteral("reset")));
        }
        const QString token = storedToken();
        QVERIFY(!token.isEmpty());
        auto stack = newStack();
        Controller *c = stack->controller();
        QSignalSpy reset(c, &Controller::resetFinished);
        c->resetSession();
        QCOMPARE(c->phase(), Controller::Phase::NeedsAccount); // at once: the window never waits
        WAIT_COMPARE(reset.size(), 1, kTimeout);
        QCOMPARE(reset.first().at(0).value<Controller::ResetOutcome>(), Controller::ResetOutcome::Revoked);
        QTRY_VERIFY_WITH_TIMEOUT(storedToken().isEmpty(), kTimeout); // secret-tool: looked at every 50 ms
        RegistrationClient probe(sandbox->config());
        probe.setToken(token);
        const auto r = await<Registration>([&](auto d) { probe.registration(std::nullopt, 0, this, d); });
        QCOMPARE(r.error.httpStatus, 401);
        // Nothing stored any more: said as such.
        auto again = newStack();
        QSignalSpy second(again->controller(), &Controller::resetFinished);
        again->controller()->resetSession();
        WAIT_COMPARE(second.size(), 1, kTimeout);
        QCOMPARE(second.first().at(0).value<Controller::ResetOutcome>(),
                 Controller::ResetOutcome::NothingStored);
    }

    // A keychain that answers after the controller stopped waiting (an unlock prompt answered
    // late): once the write lands, the session counts as saved; the UI stops saying otherwise.
    void aWriteThatLandsLateCountsAsSaved() {
        ClientConfig config = sandbox->config();
        config.keychainTimeoutMs = 1; // the real keyring takes longer than this to answer
        ClientStack stack(config);
        Controller *c = stack.controller();
        c->forgetStoredSession();
        QSignalSpy saved(c, &Controller::sessionSaved);
        QSignalSpy persistence(c, &Controller::persistenceChanged);
        c->createAccount(uniqueEmail(QStringLiteral("late")), kPassword, QStringLiteral("ru-msk"));
        WAIT_VERIFY(!saved.isEmpty(), kTimeout);
        QCOMPARE(saved.first().at(0).value<Controller::Persistence>(), Controller::Persistence::MemoryOnly);
        WAIT_COMPARE(c->persistence(), Controller::Persistence::Keychain, kTimeout);
        QCOMPARE(persistence.last().at(0).value<Controller::Persistence>(),
                 Controller::Persistence::Keychain);
        QCOMPARE(saved.last().at(0).value<Controller::Persistence>(), Controller::Persistence::Keychain);
        QVERIFY(!storedToken().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRegistrationController)
#include "tst_registrationcontroller.moc"
