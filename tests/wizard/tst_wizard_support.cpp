// Support codes end to end on a real sandbox over HTTPS: the customer presses F1 in the wizard,
// agrees, reads out the code; support staff type it in the support window and follow the sign-up
// live; "Stop sharing" or the code's expiry ends the view at once. Keys go through the focus.

#include "client/sandboxdetector.h"
#include "client/supportsession.h"
#include "client/supportviewer.h"
#include "session/keychaintokenstore.h"
#include "wizard/supportcodedialog.h"
#include "wizard/supportwindow.h"
#include "wizardfixture.h"

#include <QClipboard>
#include <QRegularExpression>
#include <QTreeWidget>

using namespace signup;
using namespace signup::test;

#define STEP(x)                                                                                              \
    do {                                                                                                     \
        x;                                                                                                   \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

namespace {

// Support staff's copy of the program: its own client (no session token) and keychain entry.
struct SupportRun {
    explicit SupportRun(SandboxFixture &sandbox, const QString &givenKey)
        : client(sandbox.config())
        , keys(sandbox.config().keychainService,
               SupportWindow::keychainKeyFor(RegistrationClient::originOf(sandbox.config().apiUrl)))
        , window(&client, &keys, givenKey) {}

    bool activate() {
        window.show();
        window.activateWindow();
        window.raise();
        return QTest::qWaitForWindowActive(&window);
    }
    QStringList eventRows() const {
        QStringList rows;
        auto *tree = window.findChild<QTreeWidget *>(QStringLiteral("supportEvents"));
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            QStringList cells;
            for (int c = 0; c < tree->columnCount(); ++c)
                cells << tree->topLevelItem(i)->text(c);
            rows << cells.join(QLatin1Char('|'));
        }
        return rows;
    }
    QString text(const QString &name) const { return window.findChild<QLabel *>(name)->text(); }

    RegistrationClient client;
    KeychainTokenStore keys;
    SupportWindow window;
};

// Types into whatever has the focus in an active window that is not the wizard's.
void typeInto(const QString &name, const QString &text) {
    WAIT_VERIFY(QApplication::focusWidget() && QApplication::focusWidget()->objectName() == name, 5000);
    for (const QChar c : text) {
        QWidget *focus = QApplication::focusWidget();
        QVERIFY2(focus && focus->objectName() == name, qPrintable(WizardRun::focusName()));
        QTest::keyClick(focus, c.toLatin1());
    }
}

void pressKey(int key) {
    QWidget *focus = QApplication::focusWidget();
    QVERIFY(focus);
    QTest::keyClick(focus, Qt::Key(key));
}

// F1 on the wizard's page opens "Get help"; Return on the focused Share button agrees.
QString shareCode(WizardRun &run) {
    run.key(Qt::Key_F1);
    SupportCodeDialog *dialog = nullptr;
    if (!waitFor([&] { return (dialog = run.window->supportDialog()) && dialog->isVisible(); }, kUiTimeout)) {
        qWarning("F1 did not open the support dialog");
        return QString();
    }
    if (!QTest::qWaitForWindowActive(dialog))
        qWarning("the support dialog is not active");
    run.expectFocus(QStringLiteral("supportShareButton"));
    if (QTest::currentTestFailed())
        return QString();
    run.key(Qt::Key_Return);
    if (!waitFor([&] { return !dialog->shownCode().isEmpty(); }, kUiTimeout))
        return QString();
    return dialog->shownCode();
}

} // namespace

class TestWizardSupport : public QObject {
    Q_OBJECT
    std::unique_ptr<SandboxFixture> sandbox;

private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
        QVERIFY(!sandbox->supportKey().isEmpty());
    }

    void supportFollowsTheCustomerLiveUntilSharingStops() {
        WizardRun run(*sandbox, true);
        const QString email = uniqueEmail(QStringLiteral("support"));
        STEP(createAccount(run, email));

        // The customer: F1, consent, a big readable code that a screen reader reads digit by digit.
        const QString code = shareCode(run);
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d{4}$")).match(code).hasMatch(),
                 qPrintable(code));
        auto *codeLabel = run.window->supportDialog()->findChild<QLineEdit *>(QStringLiteral("supportCode"));
        QCOMPARE(codeLabel->accessibleName(),
                 QStringLiteral("Support code %1").arg(SupportCodeDialog::spokenCode(code)));
        QVERIFY(codeLabel->accessibleName().contains(QStringLiteral("%1 %2").arg(code[0], code[1])));
        QVERIFY(codeLabel->isReadOnly());
        QCOMPARE(codeLabel->text(), code);
        // The focus starts on the code (a screen reader reads it first).
        STEP(run.expectFocus(QStringLiteral("supportCode")));
        QVERIFY(run.window->supportDialog()
                    ->findChild<QLabel *>(QStringLiteral("supportExpiry"))
                    ->text()
                    .contains(QStringLiteral("15 minutes left")));

        // Support staff: type the code and press Return.
        SupportRun staff(*sandbox, sandbox->supportKey());
        QVERIFY(staff.activate());
        STEP(typeInto(QStringLiteral("supportCodeEdit"), code.left(4) + code.mid(5))); // without the dash
        STEP(pressKey(Qt::Key_Return));
        WAIT_COMPARE(staff.window.viewer()->state(), SupportViewer::State::Following, kUiTimeout);
        QVERIFY(staff.window.statusText().contains(code));
        // The same steps panel as the customer's: the account is done, the email is next.
        QCOMPARE(staff.window.stepsPanel()->stateOf(0), QStringLiteral("done"));
        QCOMPARE(staff.window.stepsPanel()->stateOf(1), QStringLiteral("current"));
        // The address is masked; the last calls name their route template and request id.
        const QString shownEmail = staff.text(QStringLiteral("supportEmail"));
        QVERIFY2(shownEmail.contains(QStringLiteral("***")) && shownEmail != email, qPrintable(shownEmail));
        WAIT_VERIFY(staff.eventRows()
                            .filter(QRegularExpression(QStringLiteral("\\|POST\\|/api/v1/accounts\\|201\\|")))
                            .size() == 1,
                    kUiTimeout);
        for (const QString &row : staff.eventRows())
            QVERIFY2(!row.contains(kPassword) && !row.contains(email), qPrintable(row));
        QVERIFY2(staff.eventRows().first().section(QLatin1Char('|'), 5).size() >= 8,
                 qPrintable(staff.eventRows().first()));

        // VKSIGNUP_SUPPORT_SHOTS=<dir>: pictures of both windows for the docs and for review.
        if (const QString shots = qEnvironmentVariable("VKSIGNUP_SUPPORT_SHOTS"); !shots.isEmpty()) {
            run.window->supportDialog()->grab().save(shots + QStringLiteral("/support-code-dialog.png"));
            staff.window.grab().save(shots + QStringLiteral("/support-window.png"));
        }
        // Live: the customer confirms the email; the steps panel of support staff follows.
        run.window->activateWindow();
        STEP(confirmEmailWithTools(run));
        WAIT_COMPARE(staff.window.stepsPanel()->stateOf(1), QStringLiteral("done"), kUiTimeout);
        QCOMPARE(staff.window.stepsPanel()->stateOf(2), QStringLiteral("current"));

        // A failed call shows with the wizard's own words for its error code.
        auto *client = run.controller()->client();
        const auto bad = await<PhoneState>([&](auto done) {
            return client->submitPhone(QStringLiteral("+1555"), RegistrationClient::newIdempotencyKey(),
                                       nullptr, done);
        });
        QVERIFY(bad.error.isError());
        WAIT_VERIFY(!staff.eventRows().filter(bad.error.wireCode).isEmpty(), kUiTimeout);
        const QString failedRow = staff.eventRows().filter(bad.error.wireCode).first();
        QVERIFY2(failedRow.contains(SupportWindow::errorWords(bad.error.httpStatus, bad.error.wireCode)),
                 qPrintable(failedRow));
        QVERIFY2(failedRow.contains(QStringLiteral("/api/v1/registration/phone")), qPrintable(failedRow));

        // The customer stops sharing, with the keyboard: the support view ends at once.
        // F1 again brings the dialog back with the focus on the code.
        SupportCodeDialog *dialog = run.window->supportDialog();
        run.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(run.window.get()));
        run.key(Qt::Key_F1);
        WAIT_COMPARE(QApplication::activeWindow(), static_cast<QWidget *>(dialog), kUiTimeout);
        STEP(run.expectFocus(QStringLiteral("supportCode")));
        STEP(run.tabTo(QStringLiteral("supportStopButton")));
        run.key(Qt::Key_Space);
        WAIT_COMPARE(run.window->supportSession()->state(), SupportSession::State::Idle, kUiTimeout);
        WAIT_COMPARE(staff.window.viewer()->state(), SupportViewer::State::Ended, kUiTimeout);
        QVERIFY(staff.window.statusText().contains(QStringLiteral("ended")));
        QVERIFY(dialog->shownCode().isEmpty());
        STEP(run.expectFocus(QStringLiteral("supportShareButton")));
    }

    // Next to an error: "Get help" and "Copy diagnostics"; the report on the clipboard has no secrets.
    void theMessageAreaOffersHelpAndDiagnostics() {
        WizardRun run(*sandbox, true);
        const QString email = uniqueEmail(QStringLiteral("diag"));
        STEP(createAccount(run, email));
        ApiError offline;
        offline.kind = ApiError::Kind::Network;
        run.window->messageArea()->showError(offline, [] {});
        QVERIFY(run.w(QStringLiteral("messageHelpButton"))->isVisible());
        QGuiApplication::clipboard()->clear();
        STEP(run.click(QStringLiteral("messageDiagnosticsButton")));
        const QString copied = QGuiApplication::clipboard()->text();
        QVERIFY(copied.contains(QStringLiteral("VK Cloud sign-up diagnostics")));
        QVERIFY(copied.contains(QStringLiteral("Sandbox: yes")));
        QVERIFY(copied.contains(QStringLiteral("| POST | /api/v1/accounts | 201 |")));
        QVERIFY(!copied.contains(email));
        QVERIFY(!copied.contains(kPassword));
        STEP(run.click(QStringLiteral("messageHelpButton")));
        WAIT_VERIFY(run.window->supportDialog() && run.window->supportDialog()->isVisible(), kUiTimeout);
        run.window->supportDialog()->close();
    }

    // A backend given with --api-url is asked whether it is a sandbox: the tools show by themselves.
    void aSandboxIsDetected() {
        std::optional<bool> found;
        detectSandbox(sandbox->config(), 10000, this, [&](bool s) { found = s; });
        WAIT_VERIFY(found.has_value(), kUiTimeout);
        QVERIFY(*found);
        // A server without the sandbox routes answers 404, as production does.
        SandboxOptions productionLike;
        productionLike.sandboxRoutes = false;
        SandboxFixture production(productionLike);
        QVERIFY2(production.ok(), qPrintable(production.errorString()));
        found.reset();
        detectSandbox(production.config(), 10000, this, [&](bool s) { found = s; });
        WAIT_VERIFY(found.has_value(), kUiTimeout);
        QVERIFY(!*found);
        // Nobody answers: no sandbox, within the time given.
        ClientConfig nowhere = sandbox->config();
        nowhere.apiUrl = QUrl(QStringLiteral("https://192.0.2.1:9"));
        found.reset();
        QElapsedTimer clock;
        clock.start();
        detectSandbox(nowhere, 1500, this, [&](bool s) { found = s; });
        WAIT_VERIFY(found.has_value(), kUiTimeout);
        QVERIFY(!*found);
        QVERIFY(clock.elapsed() < 5000);
    }

    void aWrongCodeSaysSo() {
        SupportRun staff(*sandbox, sandbox->supportKey());
        QVERIFY(staff.activate());
        STEP(typeInto(QStringLiteral("supportCodeEdit"), QStringLiteral("0000-0001")));
        STEP(pressKey(Qt::Key_Return));
        WAIT_COMPARE(staff.window.viewer()->state(), SupportViewer::State::NotFound, kUiTimeout);
        QVERIFY(staff.window.statusText().contains(QStringLiteral("not valid")));
    }

    // The code's real 15 minutes pass in an instant: the sandbox's clock and the wizard's are moved on.
    void theCodesExpiryEndsBothSides() {
        SandboxFixture later; // its own clock, moved by this test only
        QVERIFY2(later.ok(), qPrintable(later.errorString()));
        WizardRun run(later, true);
        STEP(createAccount(run, uniqueEmail(QStringLiteral("expiry"))));
        const QString code = shareCode(run);
        QVERIFY(!code.isEmpty());
        SupportRun staff(later, later.supportKey());
        QVERIFY(staff.activate());
        STEP(typeInto(QStringLiteral("supportCodeEdit"), code));
        STEP(pressKey(Qt::Key_Return));
        WAIT_COMPARE(staff.window.viewer()->state(), SupportViewer::State::Following, kUiTimeout);
        SupportSession *session = run.window->supportSession();
        auto *expiry = run.window->supportDialog()->findChild<QLabel *>(QStringLiteral("supportExpiry"));
        QVERIFY2(expiry->text().contains(QStringLiteral("15 minutes left")), qPrintable(expiry->text()));
        // 14 minutes on: the customer's countdown follows its clock, and the code still holds.
        session->clock()->advance(std::chrono::minutes(14));
        QVERIFY2(expiry->text().contains(QStringLiteral("less than a minute left")),
                 qPrintable(expiry->text()));
        QCOMPARE(session->state(), SupportSession::State::Sharing);
        QCOMPARE(run.window->supportDialog()->shownCode(), code);
        // No one does anything: the code runs out on the server and in the wizard, and both sides say so.
        QVERIFY(later.sandbox->advanceClock(15 * 60 + 1));
        session->clock()->advance(std::chrono::seconds(60 + 1));
        WAIT_COMPARE(staff.window.viewer()->state(), SupportViewer::State::Ended, kUiTimeout);
        QVERIFY(staff.window.statusText().contains(QStringLiteral("ended")));
        WAIT_COMPARE(session->state(), SupportSession::State::Idle, kUiTimeout);
        QVERIFY(run.window->supportDialog()->shownCode().isEmpty());
        WAIT_VERIFY(run.window->supportDialog()
                        ->findChild<QLabel *>(QStringLiteral("supportConsentStatus"))
                        ->text()
                        .contains(QStringLiteral("Sharing has ended")),
                    kUiTimeout);
    }

    // The key typed once goes to the keychain; the next window finds it there; Forget removes it.
    void theSupportKeyIsKeptInTheKeychain() {
        {
            SupportRun staff(*sandbox, QString());
            QVERIFY(staff.activate());
            // A fresh keychain: the window asks for the key in a masked field.
            STEP(typeInto(QStringLiteral("supportKeyEdit"), QString()));
            auto *edit = staff.window.findChild<QLineEdit *>(QStringLiteral("supportKeyEdit"));
            QCOMPARE(edit->echoMode(), QLineEdit::Password);
            QVERIFY(!edit->accessibleName().isEmpty());
            STEP(typeInto(QStringLiteral("supportKeyEdit"), sandbox->supportKey()));
            STEP(pressKey(Qt::Key_Return));
            WAIT_VERIFY(staff.client.hasSupportKey(), kUiTimeout);
            WAIT_VERIFY(
                staff.window.findChild<QWidget *>(QStringLiteral("supportForgetKeyButton"))->isVisible(),
                kUiTimeout);
        }
        {
            SupportRun staff(*sandbox, QString());
            QVERIFY(staff.activate());
            WAIT_VERIFY(staff.client.hasSupportKey(), kUiTimeout);
            STEP(typeInto(QStringLiteral("supportCodeEdit"), QString()));
            staff.window.findChild<QAbstractButton *>(QStringLiteral("supportForgetKeyButton"))->setFocus();
            STEP(pressKey(Qt::Key_Space));
            WAIT_VERIFY(!staff.client.hasSupportKey(), kUiTimeout);
            STEP(typeInto(QStringLiteral("supportKeyEdit"), QString()));
        }
        SupportRun staff(*sandbox, QString());
        QVERIFY(staff.activate());
        STEP(typeInto(QStringLiteral("supportKeyEdit"), QString()));
        QVERIFY(!staff.client.hasSupportKey());
    }
};

QTEST_MAIN(TestWizardSupport)
#include "tst_wizard_support.moc"
