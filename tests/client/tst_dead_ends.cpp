// Ways out of dead ends: an email that already has an account leads to signing in with it, and a
// number of another country in the Moscow region says that the region of an existing account
// cannot be changed and what to do instead.

#include "../wizard/wizardfixture.h"

#include <QRadioButton>

using namespace signup;
using namespace signup::test;

#define STEP(x)                                                                                              \
    do {                                                                                                     \
        x;                                                                                                   \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

class TestDeadEnds : public QObject {
    Q_OBJECT
    std::unique_ptr<SandboxFixture> sandbox;

private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
    }

    void anExistingAccountOffersSignInInstead() {
        const QString email = uniqueEmail(QStringLiteral("exists"));
        {
            WizardRun first(*sandbox, true);
            STEP(createAccount(first, email));
        }
        WizardRun run(*sandbox, true);
        STEP(openAccountPage(run));
        STEP(run.type(QStringLiteral("emailEdit"), email));
        run.key(Qt::Key_Tab);
        STEP(run.type(QStringLiteral("passwordEdit"), kPassword));
        QVERIFY(!run.w(QStringLiteral("signInInsteadButton"))->isVisible());
        run.key(Qt::Key_Return);
        WAIT_VERIFY(run.w(QStringLiteral("signInInsteadButton"))->isVisible(), kUiTimeout);
        QVERIFY(run.message(QStringLiteral("emailErrorLabel")).contains(QStringLiteral("already exists")));

        // The error puts the focus on the email field; Tab reaches Sign in instead, Space presses it.
        STEP(run.expectFocus(QStringLiteral("emailEdit")));
        run.key(Qt::Key_Tab);
        STEP(run.expectFocus(QStringLiteral("signInInsteadButton"), 0));
        run.key(Qt::Key_Space);

        QVERIFY(run.waitPage(SignupWizard::WelcomePageId));
        QVERIFY(run.w<QRadioButton>(QStringLiteral("signInRadio"))->isChecked());
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("signInEmailEdit"))->text(), email);
        STEP(run.type(QStringLiteral("signInPasswordEdit"), kPassword));
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("signInPasswordEdit"))->text(), kPassword);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        run.key(Qt::Key_Return);
        QVERIFY2(run.waitPage(SignupWizard::EmailPageId),
                 qPrintable(run.message(QStringLiteral("signInErrorLabel")) + QLatin1Char(' ') +
                            run.window->messageArea()->title() + QLatin1Char(' ') +
                            describe(run.window->messageArea()->error())));
    }

    void aNumberOfAnotherCountrySaysWhatCanBeDone() {
        WizardRun run(*sandbox, true);
        STEP(createAccount(run, uniqueEmail(QStringLiteral("region"))));
        STEP(confirmEmailWithTools(run));
        STEP(run.type(QStringLiteral("phoneEdit"), QStringLiteral("+77012345678"))); // Kazakhstan
        STEP(run.click(QStringLiteral("confirmPhoneButton")));
        const QString text = run.message(QStringLiteral("phoneErrorLabel"));
        QVERIFY2(text.contains(QStringLiteral("cannot be changed")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Kazakhstan region")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Russian mobile number")), qPrintable(text));
    }
};

QTEST_MAIN(TestDeadEnds)
#include "tst_dead_ends.moc"
