#pragma once

// A wizard window on a real sandbox (HTTPS, its own CA) with the real keychain, driven the way a
// user drives it: keys typed into the fields, buttons clicked, pages watched.

#include "api/registrationclient.h"
#include "client/clientstack.h"
#include "client/registrationcontroller.h"
#include "support/apitest.h"
#include "wizard/mainwindow.h"
#include "wizard/messagearea.h"
#include "wizard/sandboxtoolspanel.h"
#include "wizard/signupwizard.h"
#include "wizard/stepspanel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QTest>

namespace signup::test {

constexpr int kUiTimeout = 20000;

// Stops the calling helper when a check inside `x` failed.
#define STEP_OUT(x)                                                                                          \
    do {                                                                                                     \
        x;                                                                                                   \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

class WizardRun {
public:
    explicit WizardRun(SandboxFixture &sandbox, bool reset = false)
        : stack(std::make_unique<ClientStack>(sandbox.config()))
        , window(std::make_unique<MainWindow>(stack->controller(), stack->sandboxTools())) {
        window->wizard()->setUrlOpener([this](const QUrl &url) { openedUrls.append(url); });
        window->show();
        window->activateWindow();
        // Keys go to the focus widget of the active window: the tests check for it at every step.
        if (!QTest::qWaitForWindowActive(window.get()))
            qWarning("the wizard's window did not become active");
        // As the program does: --reset forgets the session instead of reading it.
        if (reset)
            controller()->forgetStoredSession();
        else
            controller()->start();
    }
    ~WizardRun() {
        window.reset();
        stack.reset();
    }

    RegistrationController *controller() const { return stack->controller(); }
    SignupWizard *wizard() const { return window->wizard(); }
    SandboxToolsPanel *tools() const { return window->sandboxTools(); }

    template <typename T = QWidget> T *w(const QString &name) const {
        T *found = window->findChild<T *>(name);
        if (!found)
            qWarning("no widget %s", qPrintable(name));
        return found;
    }
    QAbstractButton *button(QWizard::WizardButton which) const { return wizard()->button(which); }
    // Next or Commit, whichever the page shows.
    QAbstractButton *forward() const {
        QAbstractButton *commit = wizard()->button(QWizard::CommitButton);
        return commit->isVisible() ? commit : wizard()->button(QWizard::NextButton);
    }

    // The widget that has the keyboard focus, for messages.
    static QString focusName() {
        QWidget *focus = QApplication::focusWidget();
        if (!focus)
            return QStringLiteral("(nothing)");
        return focus->objectName().isEmpty() ? QString::fromLatin1(focus->metaObject()->className())
                                             : focus->objectName();
    }
    // Waits until the widget called `name` has the keyboard focus.
    void expectFocus(const QString &name, int timeout = 5000) {
        const bool ok = waitFor(
            [&] { return QApplication::focusWidget() && QApplication::focusWidget()->objectName() == name; },
            timeout);
        QVERIFY2(ok, qPrintable(QStringLiteral("focus is on %1, expected %2").arg(focusName(), name)));
    }
    // Types as a person does: every key goes to whatever has the focus, which must be the widget
    // called `name` before the first key and after every key.
    void type(const QString &name, const QString &text) {
        expectFocus(name);
        if (QTest::currentTestFailed())
            return;
        for (const QChar c : text) {
            QWidget *focus = QApplication::focusWidget();
            QVERIFY2(
                focus && focus->objectName() == name,
                qPrintable(QStringLiteral("focus left %1 while typing: now on %2").arg(name, focusName())));
            // QTest::keyClick knows Latin-1 only; other letters (a Russian layout) go in as key events with
            // text.
            if (c.unicode() < 128)
                QTest::keyClick(focus, c.toLatin1());
            else
                QTest::sendKeyEvent(QTest::Click, focus, Qt::Key_unknown, QString(c), Qt::NoModifier);
        }
        QVERIFY2(QApplication::focusWidget() && QApplication::focusWidget()->objectName() == name,
                 qPrintable(QStringLiteral("focus left %1 after typing: now on %2").arg(name, focusName())));
    }
    // Replaces what the focused field `name` holds: select all, delete, type.
    void retype(const QString &name, const QString &text) {
        expectFocus(name);
        if (QTest::currentTestFailed())
            return;
        key(Qt::Key_A, Qt::ControlModifier);
        key(Qt::Key_Backspace);
        type(name, text);
    }
    // A key pressed on the keyboard: it goes to the focused widget (or the window when nothing has focus).
    void key(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QWidget *target = QApplication::focusWidget();
        if (!target)
            target = window.get();
        QTest::keyClick(target, Qt::Key(key), modifiers);
    }
    // Tab until the widget called `name` has the focus (at most `limit` presses).
    void tabTo(const QString &name, int limit = 30) {
        for (int i = 0;
             i < limit && !(QApplication::focusWidget() && QApplication::focusWidget()->objectName() == name);
             ++i)
            key(Qt::Key_Tab);
        expectFocus(name, 0);
    }
    // A mouse click into a field, which puts the focus there as for a person.
    void clickInto(const QString &name) {
        QWidget *target = w(name);
        QVERIFY(target);
        QTest::mouseClick(target, Qt::LeftButton, Qt::NoModifier,
                          QPoint(std::min(target->width() / 2, 10), target->height() / 2));
        expectFocus(name);
    }
    void click(const QString &name) {
        auto *b = w<QAbstractButton>(name);
        QVERIFY(b);
        QVERIFY2(b->isEnabled(), qPrintable(name + QStringLiteral(" is disabled")));
        // Near the left edge: inside a check box's indicator as well as on a push button.
        QTest::mouseClick(b, Qt::LeftButton, Qt::NoModifier,
                          QPoint(std::min(b->width() / 2, 10), b->height() / 2));
    }
    bool waitPage(int id, int timeout = kUiTimeout) {
        return waitFor([&] { return wizard()->currentId() == id; }, timeout);
    }
    // The words of a field's message ("" when hidden).
    QString message(const QString &labelName) const {
        auto *label = w<QLabel>(labelName);
        if (!label || label->isHidden())
            return QString();
        return label->property("plainText").toString();
    }

    std::unique_ptr<ClientStack> stack;
    std::unique_ptr<MainWindow> window;
    QList<QUrl> openedUrls;
};

// Welcome → Account with the keyboard: the first choice (a new account) has the focus, Return is Next.
inline void openAccountPage(WizardRun &run) {
    QVERIFY(waitFor([&] { return run.forward()->isEnabled(); }, kUiTimeout));
    STEP_OUT(run.expectFocus(QStringLiteral("createRadio")));
    run.key(Qt::Key_Return);
    QVERIFY(run.waitPage(SignupWizard::AccountPageId));
    run.expectFocus(QStringLiteral("emailEdit"));
}

// Picks a region in the focused region list with the arrow keys.
inline void chooseRegion(WizardRun &run, const QString &region) {
    STEP_OUT(run.tabTo(QStringLiteral("regionCombo")));
    auto *combo = run.w<QComboBox>(QStringLiteral("regionCombo"));
    for (int i = 0; i < combo->count() && combo->currentData().toString() != region; ++i)
        run.key(combo->findData(region) > combo->currentIndex() ? Qt::Key_Down : Qt::Key_Up);
    QCOMPARE(combo->currentData().toString(), region);
}

// The steps a user takes, each ending on the next page.
inline void createAccount(WizardRun &run, const QString &email,
                          const QString &region = QStringLiteral("ru-msk")) {
    STEP_OUT(openAccountPage(run));
    STEP_OUT(run.type(QStringLiteral("emailEdit"), email));
    run.key(Qt::Key_Tab);
    STEP_OUT(run.type(QStringLiteral("passwordEdit"), kPassword));
    if (region != QLatin1String("ru-msk"))
        STEP_OUT(chooseRegion(run, region));
    QVERIFY(run.forward()->isEnabled());
    run.key(Qt::Key_Return);
    QVERIFY(run.waitPage(SignupWizard::EmailPageId));
}

inline void confirmEmailWithTools(WizardRun &run) {
    QVERIFY(waitFor(
        [&] {
            run.tools()->refreshInbox();
            return waitFor(
                [&] { return run.w<QAbstractButton>(QStringLiteral("sandboxFollowLink"))->isEnabled(); },
                1000);
        },
        kUiTimeout));
    run.click(QStringLiteral("sandboxFollowLink"));
    QVERIFY(run.waitPage(SignupWizard::PhonePageId));
}

inline void confirmPhoneWithTools(WizardRun &run, const QString &typed = QStringLiteral("9123456789")) {
    // The page opens with the focus in the number field; Return confirms it.
    STEP_OUT(run.type(QStringLiteral("phoneEdit"), typed));
    run.key(Qt::Key_Return);
    QVERIFY(waitFor([&] { return run.w(QStringLiteral("callGroup"))->isVisible(); }, kUiTimeout));
    QVERIFY(waitFor([&] { return run.w<QAbstractButton>(QStringLiteral("sandboxCall"))->isEnabled(); },
                    kUiTimeout));
    run.click(QStringLiteral("sandboxCall"));
    QVERIFY(waitFor([&] { return !run.tools()->robotSays().isEmpty(); }, kUiTimeout));
    // Key the robot's digits on the keypad, one button per digit.
    for (const QChar c : run.tools()->robotSays())
        if (c.isDigit())
            run.click(QStringLiteral("sandboxKey") + c);
    run.click(QStringLiteral("sandboxSendDigits"));
    QVERIFY2(run.waitPage(SignupWizard::CardPageId),
             qPrintable(QStringLiteral("robot: %1; call: %2; phone status: %3; refresh busy: %4")
                            .arg(run.w<QLabel>(QStringLiteral("sandboxRobotSays"))->text(),
                                 run.w<QLabel>(QStringLiteral("sandboxCallStatus"))->text(),
                                 run.controller()->registration().phone
                                     ? wireName(run.controller()->registration().phone->status)
                                     : QStringLiteral("none"))
                            .arg(run.controller()->isBusy(RegistrationController::Action::Refresh))));
}

inline QString futureExpiry() {
    const QDate d = QDate::currentDate().addYears(3);
    return QStringLiteral("%1%2")
        .arg(d.month(), 2, 10, QLatin1Char('0'))
        .arg(d.year() % 100, 2, 10, QLatin1Char('0'));
}

// Number, Tab, expiry, Tab, CVC: starting in the number field, as the page opens.
inline void typeCard(WizardRun &run, const QString &digits) {
    STEP_OUT(run.type(QStringLiteral("numberEdit"), digits));
    run.key(Qt::Key_Tab);
    STEP_OUT(run.type(QStringLiteral("expiryEdit"), futureExpiry()));
    run.key(Qt::Key_Tab);
    STEP_OUT(run.type(QStringLiteral("cvcEdit"), QStringLiteral("123")));
}

inline bool waitCardStatus(WizardRun &run, CardStatus status) {
    return waitFor(
        [&] {
            const Registration &r = run.controller()->registration();
            return r.card && r.card->status == status;
        },
        kUiTimeout);
}

} // namespace signup::test
