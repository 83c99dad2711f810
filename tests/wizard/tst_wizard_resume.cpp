// Quitting the wizard after each step and starting it again opens on the right page: the session
// is in the real keychain and the state comes from the sandbox.

#include "wizardfixture.h"

using namespace signup;
using namespace signup::test;

#define STEP(x)                                                                                              \
    do {                                                                                                     \
        x;                                                                                                   \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

class TestWizardResume : public QObject {
    Q_OBJECT
    std::unique_ptr<SandboxFixture> sandbox;

    // Closes the window (as quitting does) and opens a new one.
    static std::unique_ptr<WizardRun> restart(std::unique_ptr<WizardRun> &run, SandboxFixture &sandbox) {
        run.reset();
        return std::make_unique<WizardRun>(sandbox);
    }

private slots:
    void initTestCase() {
        // As the program does for English: amounts read "3,000" whatever the machine's locale.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
    }

    void resumesOnTheRightPageAfterEachStep() {
        auto run = std::make_unique<WizardRun>(*sandbox, true);
        // A fresh start stays on the welcome page.
        WAIT_VERIFY(run->forward()->isEnabled(), kUiTimeout);
        QCOMPARE(run->wizard()->currentId(), int(SignupWizard::WelcomePageId));

        STEP(createAccount(*run, uniqueEmail(QStringLiteral("resume"))));
        run = restart(run, *sandbox);
        QVERIFY(run->waitPage(SignupWizard::EmailPageId));
        QCOMPARE(run->wizard()->stepsPanel()->stateOf(0), QStringLiteral("done"));
        QCOMPARE(run->wizard()->stepsPanel()->stateOf(1), QStringLiteral("current"));

        STEP(confirmEmailWithTools(*run));
        run = restart(run, *sandbox);
        QVERIFY(run->waitPage(SignupWizard::PhonePageId));

        // Quitting while the call is awaited: the instructions come back with the number to call.
        STEP(run->type(QStringLiteral("phoneEdit"), QStringLiteral("+79123456789")));
        STEP(run->click(QStringLiteral("confirmPhoneButton")));
        WAIT_VERIFY(run->w(QStringLiteral("callGroup"))->isVisible(), kUiTimeout);
        run = restart(run, *sandbox);
        QVERIFY(run->waitPage(SignupWizard::PhonePageId));
        WAIT_VERIFY(run->w(QStringLiteral("callGroup"))->isVisible(), kUiTimeout);
        QVERIFY(!run->w<QLabel>(QStringLiteral("callToLabel"))->text().isEmpty());

        STEP(run->expectFocus(QStringLiteral("phoneEdit")));
        run->key(Qt::Key_A, Qt::ControlModifier);
        run->key(Qt::Key_Backspace);
        STEP(confirmPhoneWithTools(*run, QStringLiteral("+79123456789")));
        run = restart(run, *sandbox);
        QVERIFY(run->waitPage(SignupWizard::CardPageId));
        QCOMPARE(run->wizard()->stepsPanel()->stateOf(2), QStringLiteral("done"));
        QVERIFY(!run->forward()->isEnabled());

        STEP(typeCard(*run, QStringLiteral("2200000000000004")));
        STEP(run->click(QStringLiteral("addCardButton")));
        WAIT_VERIFY(run->controller()->registration().cardLinked, kUiTimeout);
        run = restart(run, *sandbox);
        QVERIFY(run->waitPage(SignupWizard::DonePageId));
        QCOMPARE(run->wizard()->stepsPanel()->stateOf(3), QStringLiteral("done"));
        WAIT_VERIFY(run->w<QLabel>(QStringLiteral("projectLabel"))->text().contains(QStringLiteral("mcs")),
                    kUiTimeout);
    }

    void signInContinuesAnotherDevicesRegistration() {
        // The session is forgotten (another computer): sign in with email and password instead.
        const QString email = uniqueEmail(QStringLiteral("signin"));
        {
            WizardRun run(*sandbox, true);
            STEP(createAccount(run, email));
        }
        WizardRun run(*sandbox, true);
        WAIT_VERIFY(run.w(QStringLiteral("createRadio"))->isEnabled(), kUiTimeout);
        STEP(run.click(QStringLiteral("signInRadio")));
        STEP(run.type(QStringLiteral("signInEmailEdit"), email));
        run.key(Qt::Key_Tab);
        STEP(run.type(QStringLiteral("signInPasswordEdit"), QStringLiteral("wrong-Passw0rd")));
        run.key(Qt::Key_Return);
        WAIT_VERIFY2(!run.message(QStringLiteral("signInErrorLabel")).isEmpty(),
                     qPrintable(run.window->messageArea()->title() + QLatin1Char(' ') +
                                describe(run.window->messageArea()->error())),
                     kUiTimeout);
        QCOMPARE(run.wizard()->currentId(), int(SignupWizard::WelcomePageId));
        STEP(run.retype(QStringLiteral("signInPasswordEdit"), kPassword));
        run.key(Qt::Key_Return);
        QVERIFY(run.waitPage(SignupWizard::EmailPageId));
    }

    void theEmailPageQuotesTheSubjectSentInTheAccountsLanguage() {
        // The account is made by a wizard in Russian (its emails are Russian), then continued on
        // another computer in English: the page and the Spam hint name the Russian subject, the one
        // in the mailbox, not the English one of the interface.
        const QString email = uniqueEmail(QStringLiteral("subject"));
        {
            WizardRun russian(*sandbox, true);
            russian.controller()->setLanguage(QStringLiteral("ru"));
            STEP(createAccount(russian, email));
        }
        WizardRun run(*sandbox, true);
        QCOMPARE(run.controller()->language(), QStringLiteral("en"));
        WAIT_VERIFY(run.w(QStringLiteral("createRadio"))->isEnabled(), kUiTimeout);
        STEP(run.click(QStringLiteral("signInRadio")));
        STEP(run.type(QStringLiteral("signInEmailEdit"), email));
        run.key(Qt::Key_Tab);
        STEP(run.type(QStringLiteral("signInPasswordEdit"), kPassword));
        run.key(Qt::Key_Return);
        QVERIFY(run.waitPage(SignupWizard::EmailPageId));

        const auto outbox = await<QList<OutboxMessage>>(
            [&](auto done) { run.stack->sandboxTools()->outbox(email, this, done); });
        QVERIFY2(outbox.ok(), qPrintable(describe(outbox.error)));
        QCOMPARE(outbox.value.size(), 1);
        const QString sent = outbox.value.first().subject;
        QCOMPARE(sent, QStringLiteral("Завершите регистрацию"));

        const QString sentTo = run.w<QLabel>(QStringLiteral("sentToLabel"))->text();
        QVERIFY2(sentTo.contains(QStringLiteral("We sent the email “%1” to").arg(sent)), qPrintable(sentTo));
        QVERIFY2(!sentTo.contains(QLatin1String("Complete your registration now")), qPrintable(sentTo));
        QVERIFY2(run.w(QStringLiteral("sentToLabel"))->accessibleName().contains(sent),
                 qPrintable(run.w(QStringLiteral("sentToLabel"))->accessibleName()));
        const QString spam = run.w<QLabel>(QStringLiteral("spamLabel"))->text();
        QVERIFY2(spam.contains(QStringLiteral("with the subject “%1”").arg(sent)), qPrintable(spam));
        QVERIFY(run.w(QStringLiteral("spamLabel"))->isVisible());
    }
};

QTEST_MAIN(TestWizardResume)
#include "tst_wizard_resume.moc"
