// A complete registration through the wizard's window, typed as a user types, against the real
// sandbox over HTTPS with the real keychain; a declined card then a good one; 3-D Secure.

#include "wizardfixture.h"

#include <QTabWidget>

using namespace signup;
using namespace signup::test;

#define STEP(x)                                                                                              \
    do {                                                                                                     \
        x;                                                                                                   \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

// The widget Tab moves to: the next one in the focus chain that takes Tab focus and is shown.
static QWidget *nextTabStop(QWidget *from) {
    QWidget *w = from->nextInFocusChain();
    while (w != from && !((w->focusPolicy() & Qt::TabFocus) && w->isVisible() && w->isEnabled()))
        w = w->nextInFocusChain();
    return w;
}

class TestWizardFlow : public QObject {
    Q_OBJECT
    std::unique_ptr<SandboxFixture> sandbox;

private slots:
    void initTestCase() {
        // As the program does for English: amounts read "3,000" whatever the machine's locale.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
    }

    void completeRegistrationAsTyped() {
        WizardRun run(*sandbox, true);
        QVERIFY(run.w(QStringLiteral("sandboxBanner"))->isVisible());
        StepsPanel *steps = run.wizard()->stepsPanel();
        QCOMPARE(steps->stateOf(0), QStringLiteral("current"));

        // Welcome: the default choice is a new account.
        QVERIFY(waitFor([&] { return run.forward()->isEnabled(); }, kUiTimeout));
        STEP(run.expectFocus(QStringLiteral("createRadio")));
        run.key(Qt::Key_Return);
        QVERIFY(run.waitPage(SignupWizard::AccountPageId));
        // The page opens with the focus in its first field.
        STEP(run.expectFocus(QStringLiteral("emailEdit")));

        // Account: Next stays disabled while a rule fails.
        const QString email = uniqueEmail(QStringLiteral("flow"));
        STEP(run.type(QStringLiteral("emailEdit"), email));
        run.key(Qt::Key_Tab);
        STEP(run.type(QStringLiteral("passwordEdit"), QStringLiteral("short")));
        QVERIFY(!run.forward()->isEnabled());
        STEP(run.type(QStringLiteral("passwordEdit"), QStringLiteral("-Pass1")));
        QVERIFY(run.forward()->isEnabled());
        QCOMPARE(run.forward()->text(), QStringLiteral("Create &account"));
        // Keyboard only: Tab goes email → password → show → region, and Return creates the account.
        QCOMPARE(nextTabStop(run.w(QStringLiteral("emailEdit"))), run.w(QStringLiteral("passwordEdit")));
        QCOMPARE(nextTabStop(run.w(QStringLiteral("passwordEdit"))),
                 run.w(QStringLiteral("showPasswordButton")));
        QCOMPARE(nextTabStop(run.w(QStringLiteral("showPasswordButton"))),
                 run.w(QStringLiteral("regionCombo")));
        QCOMPARE(run.w<QLabel>(QStringLiteral("passwordLabel"))->buddy(),
                 run.w(QStringLiteral("passwordEdit")));
        STEP(run.expectFocus(QStringLiteral("passwordEdit")));
        run.key(Qt::Key_Return);
        QVERIFY(run.waitPage(SignupWizard::EmailPageId));
        QCOMPARE(steps->stateOf(0), QStringLiteral("done"));
        QCOMPARE(steps->stateOf(1), QStringLiteral("current"));
        // A commit page was passed: no way back to the account form.
        QVERIFY(!run.button(QWizard::BackButton)->isVisible());
        QVERIFY(run.w<QLabel>(QStringLiteral("sentToLabel"))->text().contains(email));
        QVERIFY(!run.forward()->isEnabled());
        // The resend countdown from the server's cooldown is running.
        QVERIFY(!run.w<QAbstractButton>(QStringLiteral("resendButton"))->isEnabled());

        // Email: following the link in the inbox moves the wizard on by itself.
        STEP(confirmEmailWithTools(run));
        QCOMPARE(steps->stateOf(1), QStringLiteral("done"));

        // Phone: formatted as typed, with the country.
        STEP(run.type(QStringLiteral("phoneEdit"), QStringLiteral("+79123456789")));
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("phoneEdit"))->text(), QStringLiteral("+7 912 345-67-89"));
        QVERIFY(run.w<QLabel>(QStringLiteral("countryLabel"))->text().contains(QStringLiteral("Russia")));
        run.key(Qt::Key_A, Qt::ControlModifier);
        run.key(Qt::Key_Backspace);
        STEP(confirmPhoneWithTools(run, QStringLiteral("+79123456789")));
        QCOMPARE(steps->stateOf(2), QStringLiteral("done"));

        // Card: the test amount is shown before adding (no kopecks when there are none, a no-break
        // space before the currency); a declined card, then a good one.
        QVERIFY(run.w<QLabel>(QStringLiteral("testAmountLabel"))
                    ->text()
                    .contains(QStringLiteral("500\u00a0RUB")));
        STEP(typeCard(run, QStringLiteral("4000000000000002")));
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("numberEdit"))->text(),
                 QStringLiteral("4000 0000 0000 0002"));
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("cvcEdit"))->echoMode(), QLineEdit::Password);
        STEP(run.click(QStringLiteral("addCardButton")));
        QVERIFY(waitCardStatus(run, CardStatus::Declined));
        WAIT_VERIFY(
            run.message(QStringLiteral("cardStatusLabel")).contains(QStringLiteral("declined the payment")),
            kUiTimeout);
        // The card fields are cleared after submission.
        QVERIFY(run.w<QLineEdit>(QStringLiteral("numberEdit"))->text().isEmpty());
        QVERIFY(run.w<QLineEdit>(QStringLiteral("cvcEdit"))->text().isEmpty());
        QVERIFY(!run.forward()->isEnabled());
        // The focus is back in the number field for the next card.
        STEP(run.expectFocus(QStringLiteral("numberEdit")));

        STEP(typeCard(run, QStringLiteral("5555555555554444")));
        // Return in the card form adds the card.
        run.key(Qt::Key_Return);
        QVERIFY(waitFor([&] { return run.controller()->registration().cardLinked; }, kUiTimeout));
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        // Linked: the focus is on Next, the page's primary action now.
        WAIT_COMPARE(run.focusName(), run.forward()->objectName(), kUiTimeout);
        QVERIFY(run.message(QStringLiteral("cardStatusLabel")).contains(QStringLiteral("4444")));
        QCOMPARE(steps->stateOf(3), QStringLiteral("done"));

        // Autopayment is offered once the card is linked (Moscow, Mastercard).
        auto *tabs = run.w<QTabWidget>(QStringLiteral("cardTabs"));
        tabs->setCurrentIndex(1);
        QVERIFY(run.w<QAbstractButton>(QStringLiteral("autopaymentCheck"))->isEnabled());
        STEP(run.click(QStringLiteral("autopaymentCheck")));
        // The amounts are money as typed, read into kopecks: each field shows its currency and its
        // range, and an amount it does not take is named under it before anything is sent.
        QCOMPARE(run.w<QLabel>(QStringLiteral("topUpCurrencyLabel"))->text(), QStringLiteral("RUB"));
        QCOMPARE(run.message(QStringLiteral("topUpAmountHintLabel")),
                 QStringLiteral("From 100\u00a0RUB to 10,000\u00a0RUB."));
        QCOMPARE(run.message(QStringLiteral("thresholdHintLabel")),
                 QStringLiteral("From 0\u00a0RUB to 9,999,999\u00a0RUB."));
        QCOMPARE(run.w<QLabel>(QStringLiteral("topUpAmountLabel"))->buddy(),
                 run.w(QStringLiteral("topUpAmountSpin")));
        STEP(run.tabTo(QStringLiteral("topUpAmountSpin")));
        STEP(run.retype(QStringLiteral("topUpAmountSpin"), QStringLiteral("1500.505")));
        run.key(Qt::Key_Return);
        QCOMPARE(run.message(QStringLiteral("topUpAmountHintLabel")),
                 QStringLiteral("Top-up amount: at most two digits after the decimal separator."));
        STEP(run.expectFocus(QStringLiteral("topUpAmountSpin")));
        STEP(run.retype(QStringLiteral("topUpAmountSpin"), QStringLiteral("20 000")));
        run.key(Qt::Key_Tab);
        QCOMPARE(run.message(QStringLiteral("topUpAmountHintLabel")),
                 QStringLiteral("Top-up amount: enter an amount from 100\u00a0RUB to 10,000\u00a0RUB."));
        QVERIFY(!run.controller()->registration().autopayment.enabled);
        // A comma before the kopecks is read as a person means it, and the field shows it grouped.
        run.key(Qt::Key_Tab, Qt::ShiftModifier);
        STEP(run.retype(QStringLiteral("topUpAmountSpin"), QStringLiteral("1 500,5")));
        run.key(Qt::Key_Tab, Qt::ShiftModifier);
        STEP(run.expectFocus(QStringLiteral("thresholdSpin")));
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("topUpAmountSpin"))->text(), QStringLiteral("1,500.50"));
        QCOMPARE(run.message(QStringLiteral("topUpAmountHintLabel")),
                 QStringLiteral("From 100\u00a0RUB to 10,000\u00a0RUB."));
        STEP(run.retype(QStringLiteral("thresholdSpin"), QStringLiteral("250")));
        // Return in an amount saves the settings, and stays on the page.
        run.key(Qt::Key_Return);
        WAIT_VERIFY2(run.controller()->registration().autopayment.enabled,
                     qPrintable(run.message(QStringLiteral("autopaymentStatusLabel")) + QLatin1Char(' ') +
                                describe(run.window->messageArea()->error())),
                     kUiTimeout);
        QCOMPARE(run.controller()->registration().autopayment.amount,
                 (Money{QStringLiteral("1500.50"), QStringLiteral("RUB")}));
        QCOMPARE(run.controller()->registration().autopayment.threshold,
                 (Money{QStringLiteral("250.00"), QStringLiteral("RUB")}));
        QCOMPARE(run.wizard()->currentId(), int(SignupWizard::CardPageId));
        tabs->setCurrentIndex(0);

        QTest::mouseClick(run.forward(), Qt::LeftButton);
        QVERIFY(run.waitPage(SignupWizard::DonePageId));
        WAIT_VERIFY(run.w<QLabel>(QStringLiteral("projectLabel"))->text().contains(QStringLiteral("mcs")),
                    kUiTimeout);
        QVERIFY(
            run.w<QLabel>(QStringLiteral("balanceLabel"))->text().contains(QStringLiteral("500\u00a0RUB")));
        STEP(run.click(QStringLiteral("openConsoleButton")));
        QVERIFY(!run.openedUrls.isEmpty());
        QCOMPARE(run.openedUrls.last().scheme(), QStringLiteral("https"));
    }

    void kazakhstanCardsAndNoAutopayment() {
        WizardRun run(*sandbox, true);
        STEP(createAccount(run, uniqueEmail(QStringLiteral("kz")), QStringLiteral("kz-ast")));
        STEP(confirmEmailWithTools(run));
        // Any valid number in Kazakhstan, including a Kazakh one.
        QVERIFY(run.w<QLabel>(QStringLiteral("regionRuleLabel"))
                    ->text()
                    .contains(QStringLiteral("Any mobile number")));
        STEP(confirmPhoneWithTools(run, QStringLiteral("+77012345678")));
        QVERIFY(run.w<QLabel>(QStringLiteral("testAmountLabel"))
                    ->text()
                    .contains(QStringLiteral("3,000\u00a0KZT")));
        // Mir is not taken in Kazakhstan: named at once, before anything is sent.
        STEP(run.type(QStringLiteral("numberEdit"), QStringLiteral("2200000000000004")));
        QVERIFY(run.message(QStringLiteral("numberErrorLabel"))
                    .contains(QStringLiteral("Mir cards are not accepted")));
        // Autopayment is explained as unavailable, not just greyed out.
        auto *tabs = run.w<QTabWidget>(QStringLiteral("cardTabs"));
        tabs->setCurrentIndex(1);
        QVERIFY(!run.w<QAbstractButton>(QStringLiteral("autopaymentCheck"))->isEnabled());
        QVERIFY(run.message(QStringLiteral("autopaymentUnavailableLabel"))
                    .contains(QStringLiteral("Kazakhstan")));
    }

    void threeDSecureApproved() {
        WizardRun run(*sandbox, true);
        STEP(createAccount(run, uniqueEmail(QStringLiteral("tds"))));
        STEP(confirmEmailWithTools(run));
        STEP(confirmPhoneWithTools(run, QStringLiteral("+79123456780")));
        STEP(typeCard(run, QStringLiteral("4000000000003220")));
        STEP(run.click(QStringLiteral("addCardButton")));
        QVERIFY(waitCardStatus(run, CardStatus::RequiresAction));
        // The bank's page goes to the browser and the page waits.
        WAIT_VERIFY(!run.openedUrls.isEmpty(), kUiTimeout);
        const QString actionUrl = run.controller()->registration().card->actionUrl;
        QCOMPARE(run.openedUrls.last().toString(), actionUrl);
        QVERIFY(run.w(QStringLiteral("openBankPageButton"))->isVisible());
        QVERIFY(run.w(QStringLiteral("cardProgress"))->isVisible());
        QVERIFY(!run.forward()->isEnabled());
        // The "bank" approves (the sandbox's 3-D Secure route, as the page's button would).
        WAIT_VERIFY(run.w<QAbstractButton>(QStringLiteral("sandboxApprove3ds"))->isEnabled(), kUiTimeout);
        STEP(run.click(QStringLiteral("sandboxApprove3ds")));
        WAIT_VERIFY(run.controller()->registration().cardLinked, kUiTimeout);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        QVERIFY(!run.w(QStringLiteral("openBankPageButton"))->isVisible());
    }

    void threeDSecureDeclinedIsExplained() {
        WizardRun run(*sandbox, true);
        STEP(createAccount(run, uniqueEmail(QStringLiteral("tdsno"))));
        STEP(confirmEmailWithTools(run));
        STEP(confirmPhoneWithTools(run, QStringLiteral("+79123456781")));
        STEP(typeCard(run, QStringLiteral("4000000000003220")));
        STEP(run.click(QStringLiteral("addCardButton")));
        QVERIFY(waitCardStatus(run, CardStatus::RequiresAction));
        WAIT_VERIFY(run.w<QAbstractButton>(QStringLiteral("sandboxDecline3ds"))->isEnabled(), kUiTimeout);
        STEP(run.click(QStringLiteral("sandboxDecline3ds")));
        QVERIFY(waitCardStatus(run, CardStatus::Declined));
        WAIT_VERIFY(run.message(QStringLiteral("cardStatusLabel")).contains(QStringLiteral("3-D Secure")),
                    kUiTimeout);
        QVERIFY(run.w<QAbstractButton>(QStringLiteral("addCardButton"))->isEnabled());
    }
};

QTEST_MAIN(TestWizardFlow)
#include "tst_wizard_flow.moc"
