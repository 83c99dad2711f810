// The wizard alone decides which page shows, from the controller's state: it follows a step done
// outside its pages (an action the pages did not start, the email link followed in a browser, the
// call made from a phone) and lands on the first unfinished step, with the focus in its first field.
// A page that moved the wizard after its own action would leave it where it was in these cases.

#include "wizardfixture.h"

#include <QSignalSpy>

using namespace signup;
using namespace signup::test;

class TestWizardFollow : public QObject {
    Q_OBJECT
    std::unique_ptr<SandboxFixture> sandbox;
    // The outside world: the customer's mail client and phone, another computer.
    std::unique_ptr<RegistrationClient> outside;
    std::unique_ptr<SandboxToolsClient> outsideTools; // the sandbox's outside world, over `outside`

    // Follows the confirmation link of the newest email to `email`, as a browser does.
    void followEmailLink(const QString &email) {
        const auto outbox =
            await<QList<OutboxMessage>>([&](auto done) { outsideTools->outbox(email, this, done); });
        QVERIFY2(outbox.ok(), qPrintable(describe(outbox.error)));
        QVERIFY(!outbox.value.isEmpty());
        const auto followed = await<QString>(
            [&](auto done) { outside->confirmEmailLink(QUrl(outbox.value.last().confirmUrl), this, done); });
        QVERIFY2(followed.ok(), qPrintable(describe(followed.error)));
    }

    // Calls the number the server asked for from `from` and keys the robot's digits.
    void callFromPhone(const QString &from, const QString &callTo) {
        QString to = callTo;
        to.remove(QLatin1Char(' ')).remove(QLatin1Char('-'));
        const auto call = await<SandboxCall>([&](auto done) { outsideTools->call(from, to, this, done); });
        QVERIFY2(call.ok(), qPrintable(describe(call.error)));
        QVERIFY2(!call.value.callId.isEmpty(), "the robot did not expect this call");
        QString digits = call.value.robotSays;
        digits.remove(QLatin1Char(' '));
        const auto answer = await<KeyedDigitsResult>(
            [&](auto done) { outsideTools->dtmf(call.value.callId, digits, this, done); });
        QVERIFY2(answer.ok(), qPrintable(describe(answer.error)));
        QCOMPARE(answer.value, KeyedDigitsResult::Confirmed);
    }

private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
        outside = std::make_unique<RegistrationClient>(sandbox->config());
        outsideTools = std::make_unique<SandboxToolsClient>(outside.get());
    }

    void followsStepsDoneOutsideItsPages() {
        WizardRun run(*sandbox, true);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        QCOMPARE(run.wizard()->currentId(), int(SignupWizard::WelcomePageId));
        QSignalSpy pages(run.wizard(), &QWizard::currentIdChanged);

        // The account is created without any page asking for it (nothing was pressed on Welcome):
        // the wizard shows the email step because the controller is there.
        const QString email = uniqueEmail(QStringLiteral("follow"));
        run.controller()->createAccount(email, kPassword, QStringLiteral("ru-msk"));
        QVERIFY(run.waitPage(SignupWizard::EmailPageId));
        STEP_OUT(run.expectFocus(QStringLiteral("checkNowButton")));

        // The link is followed in a browser: the server knows, the wizard learns it by itself
        // (long polling) and moves on; nothing in the window was touched.
        STEP_OUT(followEmailLink(email));
        QVERIFY(run.waitPage(SignupWizard::PhonePageId));
        QVERIFY(run.controller()->currentStep() == Step::ConfirmPhone);
        STEP_OUT(run.type(QStringLiteral("phoneEdit"), QStringLiteral("9123456789")));
        run.key(Qt::Key_Return);
        WAIT_VERIFY(run.w(QStringLiteral("callGroup"))->isVisible(), kUiTimeout);
        QCOMPARE(run.wizard()->currentId(), int(SignupWizard::PhonePageId));

        // The call is made from the phone, not from the Sandbox tools.
        const Registration &r = run.controller()->registration();
        QVERIFY(r.phone);
        STEP_OUT(callFromPhone(QStringLiteral("+79123456789"), r.phone->callTo));
        QVERIFY(run.waitPage(SignupWizard::CardPageId));
        STEP_OUT(run.expectFocus(QStringLiteral("numberEdit")));

        // One move per step, each to the page of the controller's step.
        const QList<int> expected{SignupWizard::EmailPageId, SignupWizard::PhonePageId,
                                  SignupWizard::CardPageId};
        QList<int> shown;
        for (const QList<QVariant> &change : std::as_const(pages))
            shown.append(change.at(0).toInt());
        QCOMPARE(shown, expected);
        // Back is not offered past the account.
        QVERIFY(!run.button(QWizard::BackButton)->isVisible());
        run.controller()->forgetStoredSession();
    }

    void signingInElsewhereOpensTheFirstUnfinishedStep() {
        // An account started on another computer, its email confirmed there.
        const QString email = uniqueEmail(QStringLiteral("elsewhere"));
        const auto created = await<SessionResult>([&](auto done) {
            outside->createAccount({email, kPassword, QStringLiteral("ru-msk"), QStringLiteral("en")},
                                   RegistrationClient::newIdempotencyKey(), this, done);
        });
        QVERIFY2(created.ok(), qPrintable(describe(created.error)));
        STEP_OUT(followEmailLink(email));

        WizardRun run(*sandbox, true);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        // Signed in without the Welcome page's form: the wizard goes straight to the phone step.
        run.controller()->signIn(email, kPassword);
        QVERIFY(run.waitPage(SignupWizard::PhonePageId));
        STEP_OUT(run.expectFocus(QStringLiteral("phoneEdit")));
        QVERIFY(!run.button(QWizard::BackButton)->isVisible());
        run.controller()->forgetStoredSession();
        // A new registration starts at Welcome: the pages of the old one no longer apply.
        QVERIFY(run.waitPage(SignupWizard::WelcomePageId));
    }
};

QTEST_MAIN(TestWizardFollow)
#include "tst_wizard_follow.moc"
