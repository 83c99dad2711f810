#pragma once

// A wizard window on a real sandbox (HTTPS, its own CA) with the real keychain, driven the way a
// user drives it: keys typed into the fields, buttons clicked, pages watched.

#include "../api/sandboxfixture.h"
#include "api/registrationclient.h"
#include "client/clientstack.h"
#include "client/registrationcontroller.h"
#include "wizard/mainwindow.h"
#include "wizard/messagearea.h"
#include "wizard/sandboxtoolspanel.h"
#include "wizard/signupwizard.h"
#include "wizard/stepspanel.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QTest>

namespace signup::test {

constexpr int kUiTimeout = 20000;

class WizardRun {
public:
    explicit WizardRun(SandboxFixture &sandbox, bool reset = false)
        : stack(std::make_unique<ClientStack>(sandbox.config()))
        , window(std::make_unique<MainWindow>(stack->controller(), stack->client()))
    {
        window->wizard()->setUrlOpener([this](const QUrl &url) { openedUrls.append(url); });
        window->show();
        // As the program does: --reset forgets the session instead of reading it.
        if (reset)
            controller()->forgetStoredSession();
        else
            controller()->start();
    }
    ~WizardRun()
    {
        window.reset();
        stack.reset();
    }

    RegistrationController *controller() const { return stack->controller(); }
    SignupWizard *wizard() const { return window->wizard(); }
    SandboxToolsPanel *tools() const { return window->sandboxTools(); }

    template <typename T = QWidget>
    T *w(const QString &name) const
    {
        T *found = window->findChild<T *>(name);
        if (!found)
            qWarning("no widget %s", qPrintable(name));
        return found;
    }
    QAbstractButton *button(QWizard::WizardButton which) const { return wizard()->button(which); }
    // Next or Commit, whichever the page shows.
    QAbstractButton *forward() const
    {
        QAbstractButton *commit = wizard()->button(QWizard::CommitButton);
        return commit->isVisible() ? commit : wizard()->button(QWizard::NextButton);
    }

    void type(const QString &name, const QString &text)
    {
        auto *edit = w<QLineEdit>(name);
        QVERIFY(edit);
        edit->setFocus();
        // QTest::keyClicks knows Latin-1 only; other letters (a Russian layout) go in as key events with text.
        for (const QChar c : text) {
            if (c.unicode() < 128)
                QTest::keyClick(edit, c.toLatin1());
            else
                QTest::sendKeyEvent(QTest::Click, edit, Qt::Key_unknown, QString(c), Qt::NoModifier);
        }
    }
    void retype(const QString &name, const QString &text)
    {
        auto *edit = w<QLineEdit>(name);
        QVERIFY(edit);
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }
    void click(const QString &name)
    {
        auto *b = w<QAbstractButton>(name);
        QVERIFY(b);
        QVERIFY2(b->isEnabled(), qPrintable(name + QStringLiteral(" is disabled")));
        // Near the left edge: inside a check box's indicator as well as on a push button.
        QTest::mouseClick(b, Qt::LeftButton, Qt::NoModifier, QPoint(std::min(b->width() / 2, 10), b->height() / 2));
    }
    bool waitPage(int id, int timeout = kUiTimeout)
    {
        return QTest::qWaitFor([&] { return wizard()->currentId() == id; }, timeout);
    }
    // The words of a field's message ("" when hidden).
    QString message(const QString &labelName) const
    {
        auto *label = w<QLabel>(labelName);
        if (!label || label->isHidden())
            return QString();
        return label->property("plainText").toString();
    }

    std::unique_ptr<ClientStack> stack;
    std::unique_ptr<MainWindow> window;
    QList<QUrl> openedUrls;
};

// The steps a user takes, each ending on the next page.
inline void createAccount(WizardRun &run, const QString &email, const QString &region = QStringLiteral("ru-msk"))
{
    QVERIFY(QTest::qWaitFor([&] { return run.forward()->isEnabled(); }, kUiTimeout));
    QTest::mouseClick(run.forward(), Qt::LeftButton);
    QVERIFY(run.waitPage(SignupWizard::AccountPageId));
    run.type(QStringLiteral("emailEdit"), email);
    run.type(QStringLiteral("passwordEdit"), kPassword);
    auto *combo = run.w<QComboBox>(QStringLiteral("regionCombo"));
    combo->setCurrentIndex(combo->findData(region));
    QVERIFY(run.forward()->isEnabled());
    QTest::mouseClick(run.forward(), Qt::LeftButton);
    QVERIFY(run.waitPage(SignupWizard::EmailPageId));
}

inline void confirmEmailWithTools(WizardRun &run)
{
    QVERIFY(QTest::qWaitFor([&] {
        run.tools()->refreshInbox();
        return QTest::qWaitFor([&] { return run.w<QAbstractButton>(QStringLiteral("sandboxFollowLink"))->isEnabled(); }, 1000);
    }, kUiTimeout));
    run.click(QStringLiteral("sandboxFollowLink"));
    QVERIFY(run.waitPage(SignupWizard::PhonePageId));
}

inline void confirmPhoneWithTools(WizardRun &run, const QString &typed = QStringLiteral("9123456789"))
{
    run.type(QStringLiteral("phoneEdit"), typed);
    run.click(QStringLiteral("confirmPhoneButton"));
    QVERIFY(QTest::qWaitFor([&] { return run.w(QStringLiteral("callGroup"))->isVisible(); }, kUiTimeout));
    QVERIFY(QTest::qWaitFor([&] { return run.w<QAbstractButton>(QStringLiteral("sandboxCall"))->isEnabled(); }, kUiTimeout));
    run.click(QStringLiteral("sandboxCall"));
    QVERIFY(QTest::qWaitFor([&] { return !run.tools()->robotSays().isEmpty(); }, kUiTimeout));
    // Key the robot's digits on the keypad, one button per digit.
    for (const QChar c : run.tools()->robotSays())
        if (c.isDigit())
            run.click(QStringLiteral("sandboxKey") + c);
    run.click(QStringLiteral("sandboxSendDigits"));
    QVERIFY2(run.waitPage(SignupWizard::CardPageId),
             qPrintable(QStringLiteral("robot: %1; call: %2; phone status: %3; refresh busy: %4")
                            .arg(run.w<QLabel>(QStringLiteral("sandboxRobotSays"))->text(),
                                 run.w<QLabel>(QStringLiteral("sandboxCallStatus"))->text(),
                                 run.controller()->registration().phone ? run.controller()->registration().phone->status
                                                                        : QStringLiteral("none"))
                            .arg(run.controller()->isBusy(RegistrationController::Action::Refresh))));
}

inline QString futureExpiry()
{
    const QDate d = QDate::currentDate().addYears(3);
    return QStringLiteral("%1%2").arg(d.month(), 2, 10, QLatin1Char('0')).arg(d.year() % 100, 2, 10, QLatin1Char('0'));
}

inline void typeCard(WizardRun &run, const QString &digits)
{
    run.type(QStringLiteral("numberEdit"), digits);
    run.type(QStringLiteral("expiryEdit"), futureExpiry());
    run.type(QStringLiteral("cvcEdit"), QStringLiteral("123"));
}

inline bool waitCardStatus(WizardRun &run, const QString &status)
{
    return QTest::qWaitFor([&] {
        const Registration &r = run.controller()->registration();
        return r.card && r.card->status == status;
    }, kUiTimeout);
}

} // namespace signup::test
