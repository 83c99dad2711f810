// The keyboard as a person uses it: the focus stays where one types even with the Sandbox tools
// beside the wizard, Return and Space press the focused button, Tab follows the eye in the tools,
// Close asks before typed work is lost, slow actions say that something is happening.

#include "wizardfixture.h"

#include <QProgressBar>

using namespace signup;
using namespace signup::test;

#define STEP(x)                                                                                              \
    do {                                                                                                     \
        x;                                                                                                   \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

// The widgets Tab visits after `from`, by object name, as far as `count` of them.
static QStringList tabChain(QWidget *from, int count) {
    QStringList names;
    for (QWidget *w = from->nextInFocusChain(); w != from && names.size() < count; w = w->nextInFocusChain())
        if ((w->focusPolicy() & Qt::TabFocus) && w->isVisible())
            names << w->objectName();
    return names;
}

class TestWizardKeyboard : public QObject {
    Q_OBJECT
    std::unique_ptr<SandboxFixture> sandbox;

private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
    }

    // The bug a person met: every key after the first left the field for the Sandbox tools, and
    // after Next nothing on the account page had the focus.
    void typingStaysInTheFieldNextToTheSandboxTools() {
        WizardRun run(*sandbox, true);
        QVERIFY(run.tools()->isVisible());
        STEP(openAccountPage(run));
        // Each key changes what the page can do (the rules, Create account): the focus must stay.
        STEP(run.type(QStringLiteral("emailEdit"), QStringLiteral("ivan@acme.ru")));
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("emailEdit"))->text(), QStringLiteral("ivan@acme.ru"));
        run.key(Qt::Key_Tab);
        STEP(run.type(QStringLiteral("passwordEdit"), kPassword));
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("passwordEdit"))->text(), kPassword);
        QVERIFY(run.forward()->isEnabled());
        // Tab goes on from the page's last field to the wizard's buttons, then to the tools.
        QCOMPARE(tabChain(run.w(QStringLiteral("regionCombo")), 4),
                 (QStringList{QStringLiteral("backButton"), QStringLiteral("commitButton"),
                              QStringLiteral("closeButton"), QStringLiteral("sandboxInbox")}));
        // Back to Welcome and forward again: the email field has the focus again.
        QTest::mouseClick(run.button(QWizard::BackButton), Qt::LeftButton);
        QVERIFY(run.waitPage(SignupWizard::WelcomePageId));
        STEP(run.expectFocus(QStringLiteral("createRadio")));
        run.key(Qt::Key_Return);
        QVERIFY(run.waitPage(SignupWizard::AccountPageId));
        STEP(run.expectFocus(QStringLiteral("emailEdit")));
    }

    void signInFieldsKeepTheFocus() {
        WizardRun run(*sandbox, true);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        STEP(run.expectFocus(QStringLiteral("createRadio")));
        // The arrow key picks the other choice and opens the sign-in form; Tab goes into it.
        run.key(Qt::Key_Down);
        STEP(run.expectFocus(QStringLiteral("signInRadio")));
        QVERIFY(run.w(QStringLiteral("signInGroup"))->isVisible());
        run.key(Qt::Key_Tab);
        STEP(run.type(QStringLiteral("signInEmailEdit"), QStringLiteral("anna@example.com")));
        run.key(Qt::Key_Tab);
        STEP(run.type(QStringLiteral("signInPasswordEdit"), QStringLiteral("Some-Passw0rd")));
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("signInEmailEdit"))->text(),
                 QStringLiteral("anna@example.com"));
        QVERIFY(run.forward()->isEnabled());
    }

    void returnAndSpacePressTheFocusedButton() {
        WizardRun run(*sandbox, true);
        STEP(createAccount(run, uniqueEmail(QStringLiteral("keys"))));
        // The email page opens on its first control.
        STEP(run.expectFocus(QStringLiteral("checkNowButton")));
        STEP(run.tabTo(QStringLiteral("changeEmailButton")));
        run.key(Qt::Key_Return);
        QVERIFY(run.w(QStringLiteral("changeEmailGroup"))->isVisible());
        STEP(run.expectFocus(QStringLiteral("newEmailEdit")));
        STEP(run.tabTo(QStringLiteral("cancelChangeButton")));
        run.key(Qt::Key_Space);
        QVERIFY(!run.w(QStringLiteral("changeEmailGroup"))->isVisible());
        STEP(run.expectFocus(QStringLiteral("changeEmailButton")));
    }

    void typoSuggestionByKeyboard() {
        WizardRun run(*sandbox, true);
        STEP(openAccountPage(run));
        STEP(run.type(QStringLiteral("emailEdit"), QStringLiteral("ivan@gmial.com")));
        run.key(Qt::Key_Tab);
        STEP(run.expectFocus(QStringLiteral("emailSuggestionButton")));
        run.key(Qt::Key_Return);
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("emailEdit"))->text(), QStringLiteral("ivan@gmail.com"));
        STEP(run.expectFocus(QStringLiteral("emailEdit")));
    }

    void sandboxToolsTabOrderFollowsTheEye() {
        WizardRun run(*sandbox, true);
        QWidget *callFrom = run.w(QStringLiteral("sandboxCallFrom"));
        QStringList expected{QStringLiteral("sandboxCall")};
        for (const QChar k : QStringLiteral("123456789*0#"))
            expected << QStringLiteral("sandboxKey") + k;
        expected << QStringLiteral("sandboxDigits") << QStringLiteral("sandboxSendDigits");
        QCOMPARE(tabChain(callFrom, int(expected.size())), expected);
        // The inbox comes before the phone.
        QCOMPARE(tabChain(run.w(QStringLiteral("sandboxInbox")), 4),
                 (QStringList{QStringLiteral("sandboxMailText"), QStringLiteral("sandboxRefreshInbox"),
                              QStringLiteral("sandboxFollowLink"), QStringLiteral("sandboxCallFrom")}));
    }

    void closeAsksBeforeTypedWorkIsLost() {
        WizardRun run(*sandbox, true);
        QStringList asked;
        bool answer = false;
        run.wizard()->setCloseQuestion([&](const QString &title, const QString &text) {
            asked << title + QLatin1Char('|') + text;
            return answer;
        });
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        // Nothing typed yet: Close would not ask (not pressed here, it would end the test's window).
        STEP(openAccountPage(run));
        STEP(run.type(QStringLiteral("emailEdit"), QStringLiteral("ivan@acme.ru")));
        // Escape is Close: it asks, and "keep editing" keeps everything.
        run.key(Qt::Key_Escape);
        QCOMPARE(asked.size(), 1);
        QVERIFY(asked.last().contains(QStringLiteral("will be lost")));
        QVERIFY(asked.last().contains(QStringLiteral("No account has been created yet")));
        QVERIFY(run.window->isVisible());
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("emailEdit"))->text(), QStringLiteral("ivan@acme.ru"));
        // The window's close box asks the same.
        QVERIFY(!run.window->close());
        QCOMPARE(asked.size(), 2);
        QVERIFY(run.window->isVisible());

        // After the account exists, Close says the progress is kept.
        run.key(Qt::Key_Tab);
        STEP(run.type(QStringLiteral("passwordEdit"), kPassword));
        run.key(Qt::Key_Return);
        QVERIFY(run.waitPage(SignupWizard::EmailPageId));
        WAIT_VERIFY(run.button(QWizard::CancelButton)->toolTip().contains(QStringLiteral("kept")),
                    kUiTimeout);
        STEP(run.click(QStringLiteral("changeEmailButton")));
        STEP(run.retype(QStringLiteral("newEmailEdit"), QStringLiteral("other@acme.ru")));
        answer = true;
        run.key(Qt::Key_Escape);
        QCOMPARE(asked.size(), 3);
        QVERIFY(asked.last().contains(QStringLiteral("The steps you finished are kept")));
        WAIT_VERIFY(!run.window->isVisible(), 5000);
    }

    void creatingTheAccountShowsThatSomethingIsHappening() {
        WizardRun run(*sandbox, true);
        STEP(openAccountPage(run));
        STEP(run.type(QStringLiteral("emailEdit"), uniqueEmail(QStringLiteral("busy"))));
        run.key(Qt::Key_Tab);
        STEP(run.type(QStringLiteral("passwordEdit"), kPassword));
        // A slow server: the answer takes half a minute on the sandbox's clock, which the test
        // moves on once it has seen the page say that it is busy.
        SandboxFault fault;
        fault.path = QStringLiteral("/api/v1/accounts");
        fault.method = QStringLiteral("POST");
        fault.delayMs = 30000;
        const auto added =
            await<QJsonObject>([&](auto d) { run.stack->sandboxTools()->addFault(fault, this, d); });
        QVERIFY2(added.ok(), qPrintable(describe(added.error)));
        QWidget *busy = run.w(QStringLiteral("createAccountBusy"));
        QVERIFY(!busy->isVisible());
        run.key(Qt::Key_Return);
        WAIT_VERIFY(busy->isVisible(), kUiTimeout);
        QCOMPARE(busy->findChild<QLabel *>(QStringLiteral("busyText"))->text(),
                 QStringLiteral("Creating your account…"));
        QVERIFY(busy->findChild<QProgressBar *>()->isVisible());
        QVERIFY(sandbox->waitUntil([](const SandboxActivity &a) { return a.delayedByFaults == 1; }));
        QVERIFY(busy->isVisible()); // still, while the server holds the request
        QVERIFY(sandbox->sandbox->advanceClock(30));
        QVERIFY(run.waitPage(SignupWizard::EmailPageId));
        const auto cleared =
            await<NoContent>([&](auto d) { run.stack->sandboxTools()->clearFaults(this, d); });
        QVERIFY(cleared.ok());
    }
};

QTEST_MAIN(TestWizardKeyboard)
#include "tst_wizard_keyboard.moc"
