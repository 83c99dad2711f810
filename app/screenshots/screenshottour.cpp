#include "screenshottour.h"

#include "client/invitationcontroller.h"
#include "client/registrationcontroller.h"
#include "wizard/mainwindow.h"
#include "wizard/sandboxtoolspanel.h"
#include "wizard/signupwizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QLineEdit>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <cstdio>

namespace signup {

ScreenshotTour::ScreenshotTour(MainWindow *window, RegistrationClient *client, const QString &directory,
                               const QString &language, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_client(client)
    , m_directory(directory)
    , m_language(language) {
    QDir().mkpath(directory);
}

template <typename T> T *ScreenshotTour::find(const QString &objectName) const {
    return m_window->findChild<T *>(objectName);
}

void ScreenshotTour::fail(const QString &why) {
    std::fprintf(stderr, "screenshot tour failed: %s\n", qPrintable(why));
    emit finished(false);
}

void ScreenshotTour::waitFor(const QString &what, std::function<bool()> condition, Step then, int timeoutMs) {
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [this, what, condition, then, timeoutMs, clock, poll] {
        if (condition()) {
            // Let layouts and pending repaints settle before the next action or picture.
            QTimer::singleShot(400, this, then);
            return;
        }
        if (clock->elapsed() > timeoutMs) {
            fail(QStringLiteral("timed out waiting for ") + what);
            return;
        }
        QTimer::singleShot(100, this, *poll);
    };
    QTimer::singleShot(0, this, *poll);
}

void ScreenshotTour::shoot(const QString &name) {
    const QString file = QDir(m_directory)
                             .filePath(QStringLiteral("%1-%2-%3.png")
                                           .arg(++m_counter, 2, 10, QLatin1Char('0'))
                                           .arg(name, m_language));
    m_window->grab().save(file);
    std::printf("%s\n", qPrintable(file));
    std::fflush(stdout);
}

void ScreenshotTour::type(QWidget *widget, const QString &text) {
    widget->setFocus();
    for (const QChar c : text) {
        QKeyEvent press(QEvent::KeyPress, 0, Qt::NoModifier, QString(c));
        QKeyEvent release(QEvent::KeyRelease, 0, Qt::NoModifier, QString(c));
        QCoreApplication::sendEvent(widget, &press);
        QCoreApplication::sendEvent(widget, &release);
    }
}

void ScreenshotTour::click(const QString &objectName) {
    if (auto *button = find<QAbstractButton>(objectName))
        button->click();
    else
        fail(QStringLiteral("no button ") + objectName);
}

void ScreenshotTour::start() {
    SignupWizard *wizard = m_window->wizard();
    RegistrationController *controller = wizard->controller();
    SandboxToolsPanel *tools = m_window->sandboxTools();
    const auto onPage = [wizard](int id) { return [wizard, id] { return wizard->currentId() == id; }; };
    const QString email = QStringLiteral("anna.petrova@example.com");

    waitFor(
        QStringLiteral("welcome"),
        [controller] { return controller->phase() == RegistrationController::Phase::NeedsAccount; },
        [=, this] {
            shoot(QStringLiteral("welcome"));
            wizard->next();
            waitFor(QStringLiteral("account page"), onPage(SignupWizard::AccountPageId), [=, this] {
                type(find<QLineEdit>(QStringLiteral("emailEdit")), QStringLiteral("anna.petrova@gmial.com"));
                type(find<QLineEdit>(QStringLiteral("passwordEdit")), QStringLiteral("Sunny"));
                shoot(QStringLiteral("account-typing"));
                find<QLineEdit>(QStringLiteral("emailEdit"))->clear();
                type(find<QLineEdit>(QStringLiteral("emailEdit")), email);
                type(find<QLineEdit>(QStringLiteral("passwordEdit")), QStringLiteral("-Day-2026"));
                shoot(QStringLiteral("account-ready"));
                wizard->next();
                waitFor(QStringLiteral("email page"), onPage(SignupWizard::EmailPageId), [=, this] {
                    tools->refreshInbox();
                    waitFor(
                        QStringLiteral("inbox"),
                        [=, this] {
                            return find<QAbstractButton>(QStringLiteral("sandboxFollowLink"))->isEnabled();
                        },
                        [=, this] {
                            shoot(QStringLiteral("email"));
                            tools->followConfirmationLink();
                            waitFor(
                                QStringLiteral("phone page"), onPage(SignupWizard::PhonePageId), [=, this] {
                                    type(find<QLineEdit>(QStringLiteral("phoneEdit")),
                                         QStringLiteral("+79123456789"));
                                    shoot(QStringLiteral("phone"));
                                    click(QStringLiteral("confirmPhoneButton"));
                                    waitFor(
                                        QStringLiteral("call instructions"),
                                        [=, this] {
                                            return find<QWidget>(QStringLiteral("callGroup"))->isVisible();
                                        },
                                        [=, this] {
                                            shoot(QStringLiteral("phone-call"));
                                            tools->placeCall();
                                            waitFor(
                                                QStringLiteral("robot"),
                                                [tools] { return !tools->robotSays().isEmpty(); },
                                                [=, this] {
                                                    QString digits = tools->robotSays();
                                                    digits.remove(QLatin1Char(' '));
                                                    tools->sendDigits(digits);
                                                    waitFor(
                                                        QStringLiteral("card page"),
                                                        onPage(SignupWizard::CardPageId), [=, this] {
                                                            type(
                                                                find<QLineEdit>(QStringLiteral("numberEdit")),
                                                                QStringLiteral("4000000000000002"));
                                                            type(
                                                                find<QLineEdit>(QStringLiteral("expiryEdit")),
                                                                QStringLiteral("1230"));
                                                            type(find<QLineEdit>(QStringLiteral("cvcEdit")),
                                                                 QStringLiteral("123"));
                                                            shoot(QStringLiteral("card"));
                                                            click(QStringLiteral("addCardButton"));
                                                            waitFor(
                                                                QStringLiteral("decline"),
                                                                [controller] {
                                                                    const Registration &r =
                                                                        controller->registration();
                                                                    return r.card && r.card->status ==
                                                                                         CardStatus::Declined;
                                                                },
                                                                [=, this] {
                                                                    shoot(QStringLiteral("card-declined"));
                                                                    type(find<QLineEdit>(
                                                                             QStringLiteral("numberEdit")),
                                                                         QStringLiteral("4111111111111111"));
                                                                    type(find<QLineEdit>(
                                                                             QStringLiteral("expiryEdit")),
                                                                         QStringLiteral("1230"));
                                                                    type(find<QLineEdit>(
                                                                             QStringLiteral("cvcEdit")),
                                                                         QStringLiteral("123"));
                                                                    click(QStringLiteral("addCardButton"));
                                                                    waitFor(
                                                                        QStringLiteral("linked"),
                                                                        [controller] {
                                                                            return controller->registration()
                                                                                .cardLinked;
                                                                        },
                                                                        [=, this] {
                                                                            shoot(QStringLiteral(
                                                                                "card-linked"));
                                                                            find<QTabWidget>(
                                                                                QStringLiteral("cardTabs"))
                                                                                ->setCurrentIndex(1);
                                                                            QTimer::singleShot(
                                                                                300, this, [=, this] {
                                                                                    shoot(QStringLiteral(
                                                                                        "autopayment"));
                                                                                    find<QTabWidget>(
                                                                                        QStringLiteral(
                                                                                            "cardTabs"))
                                                                                        ->setCurrentIndex(0);
                                                                                    wizard->next();
                                                                                    waitFor(
                                                                                        QStringLiteral(
                                                                                            "done page"),
                                                                                        onPage(
                                                                                            SignupWizard::
                                                                                                DonePageId),
                                                                                        [=, this] {
                                                                                            shoot(
                                                                                                QStringLiteral(
                                                                                                    "done"));
                                                                                            shootInvitation();
                                                                                        });
                                                                                });
                                                                        });
                                                                });
                                                        });
                                                });
                                        });
                                });
                        });
                });
            });
        },
        60000);
}

// A colleague joins Anna's project: the Sandbox tools invite a new address, the invitation page
// opens with it, a password is set, and the Done page for members follows.
void ScreenshotTour::shootInvitation() {
    SignupWizard *wizard = m_window->wizard();
    type(find<QLineEdit>(QStringLiteral("sandboxInviteEmail")), QStringLiteral("ivan.sokolov@example.com"));
    click(QStringLiteral("sandboxInviteMe"));
    waitFor(
        QStringLiteral("invitation page"),
        [this] { return find<QWidget>(QStringLiteral("inviteDetailsGroup"))->isVisible(); },
        [=, this] {
            type(find<QLineEdit>(QStringLiteral("invitePasswordEdit")), QStringLiteral("Sunny-Day-2026"));
            shoot(QStringLiteral("invitation"));
            wizard->next();
            waitFor(
                QStringLiteral("done page for members"),
                [wizard] {
                    return wizard->currentId() == SignupWizard::DonePageId && wizard->invitations()->joined();
                },
                [=, this] {
                    shoot(QStringLiteral("done-member"));
                    emit finished(true);
                });
        });
}

} // namespace signup
