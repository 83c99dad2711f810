// Every rule and every server error shows at its field, in words; Next waits for the rules; what
// was typed is kept.

#include "wizardfixture.h"

using namespace signup;
using namespace signup::test;

#define STEP(x)                                                                                              \
    do {                                                                                                     \
        x;                                                                                                   \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

class TestWizardErrors : public QObject {
    Q_OBJECT
    std::unique_ptr<SandboxFixture> sandbox;

    static QString ruleState(WizardRun &run, const QString &rule) {
        return run.w<QLabel>(QStringLiteral("rule_") + rule)->accessibleDescription();
    }

private slots:
    void initTestCase() {
        // As the program does for English: amounts read "3,000" whatever the machine's locale.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        // A card processor that answers in 50 ms instead of 700: the declined card's message is checked once
        // it is declined, not while it is processed.
        sandbox = std::make_unique<SandboxFixture>([](SandboxOptions &o) { o.cardProcessingMs = 50; });
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
    }

    void nextWaitsForEveryRule() {
        WizardRun run(*sandbox, true);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        QTest::mouseClick(run.forward(), Qt::LeftButton);
        QVERIFY(run.waitPage(SignupWizard::AccountPageId));
        QVERIFY(!run.forward()->isEnabled());

        STEP(run.type(QStringLiteral("emailEdit"), QStringLiteral("ivan@gmial.com")));
        // The typo suggestion is one click away.
        auto *suggestion = run.w<QAbstractButton>(QStringLiteral("emailSuggestionButton"));
        QVERIFY(suggestion->isVisible());
        QCOMPARE(run.w<QLabel>(QStringLiteral("emailSuggestionLabel"))->text(),
                 QStringLiteral("Did you mean ivan@gmail.com?"));
        QCOMPARE(suggestion->accessibleName(), QStringLiteral("Use ivan@gmail.com"));
        QTest::mouseClick(suggestion, Qt::LeftButton);
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("emailEdit"))->text(), QStringLiteral("ivan@gmail.com"));
        QVERIFY(!suggestion->isVisible());
        // A public mailbox gets the work-email hint, which does not block.
        QVERIFY(run.w(QStringLiteral("emailHintLabel"))->isVisible());

        // The suggestion puts the focus back into the email field; Tab goes on to the password.
        STEP(run.expectFocus(QStringLiteral("emailEdit")));
        STEP(run.tabTo(QStringLiteral("passwordEdit")));
        STEP(run.type(QStringLiteral("passwordEdit"), QStringLiteral("пароль")));
        QVERIFY(run.w(QStringLiteral("layoutWarningLabel"))->isVisible());
        QCOMPARE(ruleState(run, QStringLiteral("password_charset")), QStringLiteral("not met"));
        run.key(Qt::Key_A, Qt::ControlModifier);
        run.key(Qt::Key_Backspace);
        QCOMPARE(ruleState(run, QStringLiteral("password_charset")), QStringLiteral("not checked yet"));

        // Rule by rule: each tick comes with its words; Next only when all hold.
        STEP(run.type(QStringLiteral("passwordEdit"), QStringLiteral("aaab")));
        QCOMPARE(ruleState(run, QStringLiteral("password_lower")), QStringLiteral("met"));
        QCOMPARE(ruleState(run, QStringLiteral("password_upper")), QStringLiteral("not met"));
        QCOMPARE(ruleState(run, QStringLiteral("password_repeats")), QStringLiteral("not met"));
        QCOMPARE(ruleState(run, QStringLiteral("password_length")), QStringLiteral("not met"));
        QVERIFY(!run.forward()->isEnabled());
        STEP(run.retype(QStringLiteral("passwordEdit"), QStringLiteral("Abcdefgh")));
        QCOMPARE(ruleState(run, QStringLiteral("password_digit_or_special")), QStringLiteral("not met"));
        QVERIFY(!run.forward()->isEnabled());
        STEP(run.type(QStringLiteral("passwordEdit"), QStringLiteral("1")));
        for (const char *rule : {"password_length", "password_charset", "password_upper", "password_lower",
                                 "password_digit_or_special", "password_repeats"})
            QCOMPARE(ruleState(run, QLatin1String(rule)), QStringLiteral("met"));
        QVERIFY(run.forward()->isEnabled());

        // A bad email disables Next again and says why at the field once the user leaves it.
        STEP(run.clickInto(QStringLiteral("emailEdit")));
        STEP(run.retype(QStringLiteral("emailEdit"), QStringLiteral("ivan+test@company.com")));
        QVERIFY(!run.forward()->isEnabled());
        run.key(Qt::Key_Return); // done with the field
        WAIT_VERIFY(run.message(QStringLiteral("emailErrorLabel")).contains(QStringLiteral("\"+\"")), 5000);
    }

    void emailTakenShownAtTheFieldKeepingTheInput() {
        const QString email = uniqueEmail(QStringLiteral("taken"));
        {
            WizardRun first(*sandbox, true);
            STEP(createAccount(first, email));
        }
        WizardRun run(*sandbox, true);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        QTest::mouseClick(run.forward(), Qt::LeftButton);
        QVERIFY(run.waitPage(SignupWizard::AccountPageId));
        STEP(run.type(QStringLiteral("emailEdit"), email.toUpper()));
        run.key(Qt::Key_Tab);
        STEP(run.type(QStringLiteral("passwordEdit"), kPassword));
        QTest::mouseClick(run.forward(), Qt::LeftButton);
        WAIT_VERIFY(run.message(QStringLiteral("emailErrorLabel")).contains(QStringLiteral("already exists")),
                    kUiTimeout);
        // The focus goes to the field the error names.
        STEP(run.expectFocus(QStringLiteral("emailEdit")));
        QCOMPARE(run.wizard()->currentId(), int(SignupWizard::AccountPageId));
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("emailEdit"))->text(), email.toUpper());
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("passwordEdit"))->text(), kPassword);
        QVERIFY(!run.window->messageArea()->hasError());
    }

    void changeEmailForATypo() {
        const QString taken = uniqueEmail(QStringLiteral("other"));
        {
            WizardRun other(*sandbox, true);
            STEP(createAccount(other, taken));
        }
        WizardRun run(*sandbox, true);
        STEP(createAccount(run, uniqueEmail(QStringLiteral("typo"))));
        STEP(run.click(QStringLiteral("changeEmailButton")));
        QVERIFY(run.w(QStringLiteral("changeEmailGroup"))->isVisible());
        // Checked by the same rules before anything is sent.
        STEP(run.retype(QStringLiteral("newEmailEdit"), QStringLiteral("anna@@example.com")));
        STEP(run.click(QStringLiteral("saveEmailButton")));
        QVERIFY(
            run.message(QStringLiteral("newEmailErrorLabel")).contains(QStringLiteral("does not look like")));
        STEP(run.expectFocus(QStringLiteral("newEmailEdit")));
        // Another account's address: the server says so at the field.
        STEP(run.retype(QStringLiteral("newEmailEdit"), taken));
        STEP(run.click(QStringLiteral("saveEmailButton")));
        WAIT_VERIFY(
            run.message(QStringLiteral("newEmailErrorLabel")).contains(QStringLiteral("already exists")),
            kUiTimeout);
        const QString fixed = uniqueEmail(QStringLiteral("fixed"));
        STEP(run.retype(QStringLiteral("newEmailEdit"), fixed));
        STEP(run.click(QStringLiteral("saveEmailButton")));
        WAIT_VERIFY(run.w<QLabel>(QStringLiteral("sentToLabel"))->text().contains(fixed), kUiTimeout);
        QVERIFY(!run.w(QStringLiteral("changeEmailGroup"))->isVisible());
        QVERIFY(run.message(QStringLiteral("resendStatusLabel")).contains(fixed));
        // The link in the email to the new address confirms it.
        STEP(confirmEmailWithTools(run));
    }

    void phoneErrorsAtTheField() {
        WizardRun run(*sandbox, true);
        STEP(createAccount(run, uniqueEmail(QStringLiteral("phone"))));
        STEP(confirmEmailWithTools(run));
        // The Moscow rule is explained before the user hits it.
        QVERIFY(run.w<QLabel>(QStringLiteral("regionRuleLabel"))->text().contains(QStringLiteral("Russian")));

        STEP(run.type(QStringLiteral("phoneEdit"), QStringLiteral("12345")));
        STEP(run.click(QStringLiteral("confirmPhoneButton")));
        QVERIFY(run.message(QStringLiteral("phoneErrorLabel"))
                    .contains(QStringLiteral("not a valid mobile number")));

        // A Kazakhstan number (also +7) in the Moscow region.
        STEP(run.retype(QStringLiteral("phoneEdit"), QStringLiteral("+77012345678")));
        QVERIFY(run.message(QStringLiteral("phoneErrorLabel")).isEmpty());
        QVERIFY(run.w<QLabel>(QStringLiteral("countryLabel"))->text().contains(QStringLiteral("Kazakhstan")));
        STEP(run.click(QStringLiteral("confirmPhoneButton")));
        QVERIFY(run.message(QStringLiteral("phoneErrorLabel")).contains(QStringLiteral("Moscow region")));
        QCOMPARE(run.wizard()->currentId(), int(SignupWizard::PhonePageId));
        QVERIFY(!run.w(QStringLiteral("callGroup"))->isVisible());
    }

    void cardErrorsAtTheirFields() {
        WizardRun run(*sandbox, true);
        STEP(createAccount(run, uniqueEmail(QStringLiteral("card"))));
        STEP(confirmEmailWithTools(run));
        STEP(confirmPhoneWithTools(run, QStringLiteral("+79123456782")));

        // An unsupported brand is named at once, with its logo.
        STEP(run.type(QStringLiteral("numberEdit"), QStringLiteral("378282246310005")));
        QVERIFY(run.message(QStringLiteral("numberErrorLabel")).contains(QStringLiteral("American Express")));
        // A typo in a complete number (Luhn).
        STEP(run.retype(QStringLiteral("numberEdit"), QStringLiteral("4111111111111112")));
        QVERIFY(run.message(QStringLiteral("numberErrorLabel")).contains(QStringLiteral("typo")));
        QVERIFY(run.w<QLabel>(QStringLiteral("brandNameLabel"))->text().contains(QStringLiteral("Visa")));
        // An expired card and a short CVC.
        STEP(run.retype(QStringLiteral("numberEdit"), QStringLiteral("4111111111111111")));
        run.key(Qt::Key_Tab);
        STEP(run.type(QStringLiteral("expiryEdit"), QStringLiteral("0120")));
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("expiryEdit"))->text(), QStringLiteral("01/20"));
        run.key(Qt::Key_Tab);
        STEP(run.type(QStringLiteral("cvcEdit"), QStringLiteral("12")));
        STEP(run.click(QStringLiteral("addCardButton")));
        // The focus goes to the first field with an error.
        STEP(run.expectFocus(QStringLiteral("expiryEdit")));
        QVERIFY(run.message(QStringLiteral("expiryErrorLabel")).contains(QStringLiteral("expired")));
        QVERIFY(run.message(QStringLiteral("cvcErrorLabel")).contains(QStringLiteral("three digits")));
        QVERIFY(run.message(QStringLiteral("numberErrorLabel")).isEmpty());
        QVERIFY(!run.controller()->registration().card.has_value());
        // Nothing typed is lost.
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("numberEdit"))->text(),
                 QStringLiteral("4111 1111 1111 1111"));

        // A virtual card is declined by the server and explained with the way out.
        STEP(run.clickInto(QStringLiteral("numberEdit")));
        STEP(run.retype(QStringLiteral("numberEdit"), QStringLiteral("2200000000000012")));
        run.key(Qt::Key_Tab);
        STEP(run.retype(QStringLiteral("expiryEdit"), futureExpiry()));
        run.key(Qt::Key_Tab);
        STEP(run.retype(QStringLiteral("cvcEdit"), QStringLiteral("123")));
        STEP(run.click(QStringLiteral("addCardButton")));
        QVERIFY(waitCardStatus(run, CardStatus::Declined));
        WAIT_VERIFY(run.message(QStringLiteral("cardStatusLabel")).contains(QStringLiteral("Virtual cards")),
                    kUiTimeout);
    }

    void signInLockoutShowsACountdown() {
        const QString email = uniqueEmail(QStringLiteral("lockout"));
        {
            WizardRun first(*sandbox, true);
            STEP(createAccount(first, email));
        }
        WizardRun run(*sandbox, true);
        WAIT_VERIFY(run.w(QStringLiteral("signInRadio"))->isEnabled(), kUiTimeout);
        STEP(run.click(QStringLiteral("signInRadio")));
        // Choosing to sign in puts the focus into its email field.
        STEP(run.type(QStringLiteral("signInEmailEdit"), email));
        run.key(Qt::Key_Tab);
        MessageArea *area = run.window->messageArea();
        for (int attempt = 1; attempt <= 6 && !area->hasError(); ++attempt) {
            // After a wrong password the focus is back in the password field, its text selected.
            STEP(run.retype(QStringLiteral("signInPasswordEdit"),
                            QStringLiteral("Wrong-%1-pass").arg(attempt)));
            run.key(Qt::Key_Return);
            WAIT_VERIFY(!run.controller()->isBusy(RegistrationController::Action::SignIn), kUiTimeout);
            WAIT_VERIFY(area->hasError() || !run.message(QStringLiteral("signInErrorLabel")).isEmpty(),
                        kUiTimeout);
        }
        // Locked out: the message area says so, and Retry waits for the server's countdown.
        QVERIFY(area->hasError());
        QCOMPARE(area->error().code, ErrorCode::RateLimited);
        QCOMPARE(area->title(), QStringLiteral("Too many attempts"));
        auto *retry = run.w<QAbstractButton>(QStringLiteral("retryButton"));
        QVERIFY(retry->isVisible());
        QVERIFY(!retry->isEnabled());
        QVERIFY(retry->text().startsWith(QStringLiteral("Retry in ")));
        QCOMPARE(run.wizard()->currentId(), int(SignupWizard::WelcomePageId));
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("signInEmailEdit"))->text(), email);
    }

    void serverTroubleGoesToTheMessageAreaWithRetry() {
        WizardRun run(*sandbox, true);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        QTest::mouseClick(run.forward(), Qt::LeftButton);
        QVERIFY(run.waitPage(SignupWizard::AccountPageId));
        const QString email = uniqueEmail(QStringLiteral("fault"));
        STEP(run.type(QStringLiteral("emailEdit"), email));
        run.key(Qt::Key_Tab);
        STEP(run.type(QStringLiteral("passwordEdit"), kPassword));
        // The server fails every attempt of the next create-account call.
        SandboxFault fault;
        fault.path = QStringLiteral("/api/v1/accounts");
        fault.method = QStringLiteral("POST");
        fault.status = 503;
        fault.count = 10;
        const auto added =
            await<QJsonObject>([&](auto d) { run.stack->sandboxTools()->addFault(fault, this, d); });
        QVERIFY2(added.ok(), qPrintable(describe(added.error)));
        QTest::mouseClick(run.forward(), Qt::LeftButton);
        MessageArea *area = run.window->messageArea();
        WAIT_VERIFY(area->hasError(), kUiTimeout);
        QVERIFY(area->isVisible());
        QVERIFY(!run.w<QLabel>(QStringLiteral("messageRequestId"))->text().isEmpty());
        QCOMPARE(run.wizard()->currentId(), int(SignupWizard::AccountPageId));
        QCOMPARE(run.w<QLineEdit>(QStringLiteral("passwordEdit"))->text(), kPassword);
        // Retry once the server is well again: the same account is created, once.
        const auto cleared =
            await<NoContent>([&](auto d) { run.stack->sandboxTools()->clearFaults(this, d); });
        QVERIFY(cleared.ok());
        STEP(run.click(QStringLiteral("retryButton")));
        QVERIFY(run.waitPage(SignupWizard::EmailPageId));
        QVERIFY(!area->isVisible());
    }
};

QTEST_MAIN(TestWizardErrors)
#include "tst_wizard_errors.moc"
