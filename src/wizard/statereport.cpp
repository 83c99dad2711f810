#include "wizard/statereport.h"

#include "client/registrationcontroller.h"
#include "wizard/mainwindow.h"
#include "wizard/messagearea.h"
#include "wizard/signupwizard.h"

#include <QAbstractButton>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QGroupBox>
#include <QLabel>
#include <QMetaEnum>
#include <QPointer>
#include <QTimer>
#include <cstdio>
#include <memory>

namespace signup {

namespace {

QString oneLine(QString text) {
    return text.replace(QLatin1Char('\n'), QLatin1Char(' '));
}

void printState(MainWindow *window, RegistrationController *controller) {
    SignupWizard *wizard = window->wizard();
    std::printf("page=%s\n", QMetaEnum::fromType<SignupWizard::PageId>().valueToKey(wizard->currentId()));
    std::printf("phase=%s\n",
                QMetaEnum::fromType<RegistrationController::Phase>().valueToKey(int(controller->phase())));
    std::printf("persistence=%s\n", QMetaEnum::fromType<RegistrationController::Persistence>().valueToKey(
                                        int(controller->persistence())));
    QList<QWidget *> roots{window->messageArea()};
    if (QWidget *page = wizard->currentPage())
        roots.append(page);
    if (QWidget *indicator = window->findChild<QWidget *>(QStringLiteral("keychainIndicator")))
        roots.append(indicator);
    for (QWidget *root : roots) {
        QList<QWidget *> widgets = root->findChildren<QWidget *>();
        widgets.prepend(root);
        for (QWidget *w : widgets) {
            if (w->objectName().isEmpty() || w->objectName().startsWith(QLatin1String("qt_")))
                continue;
            QString text;
            if (auto *label = qobject_cast<QLabel *>(w))
                text = label->text();
            else if (auto *button = qobject_cast<QAbstractButton *>(w))
                text = button->text();
            else if (auto *group = qobject_cast<QGroupBox *>(w))
                text = group->title();
            else if (w != root)
                continue;
            std::printf("widget %s visible=%d enabled=%d text=%s\n", qPrintable(w->objectName()),
                        int(w->isVisibleTo(window)), int(w->isEnabled()), qPrintable(oneLine(text)));
        }
    }
    std::printf("end\n");
    std::fflush(stdout);
}

void printAndMaybeQuit(MainWindow *window, RegistrationController *controller) {
    printState(window, controller);
    if (qEnvironmentVariable("VKCLOUD_SIGNUP_PRINT_STATE") != QLatin1String("quit"))
        return;
    // Background work of the start (removing stale keychain entries) finishes first.
    auto *waiter = new QTimer(qApp);
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    QObject::connect(waiter, &QTimer::timeout, qApp, [waiter, started] {
        if (qApp->property("vksignupBackgroundWork").toInt() > 0 && started->elapsed() < 10000)
            return;
        waiter->deleteLater();
        QCoreApplication::exit(0);
    });
    waiter->start(20);
}

} // namespace

void printStateOnceSettled(MainWindow *window, RegistrationController *controller) {
    QPointer<MainWindow> guard(window);
    auto settle = [guard, controller] {
        // Two turns of the event loop: the pages react to the start's signals first.
        QTimer::singleShot(0, guard, [guard, controller] {
            QTimer::singleShot(0, guard, [guard, controller] {
                if (!guard)
                    return;
                // A page being opened in the browser: its outcome is part of what the page shows.
                if (guard->wizard()->pendingUrlOpens() > 0) {
                    auto once = std::make_shared<QMetaObject::Connection>();
                    *once = QObject::connect(
                        guard->wizard(), &SignupWizard::urlOpenFinished, guard, [guard, controller, once] {
                            if (guard->wizard()->pendingUrlOpens() > 0)
                                return;
                            QObject::disconnect(*once);
                            QTimer::singleShot(0, guard,
                                               [guard, controller] { printAndMaybeQuit(guard, controller); });
                        });
                    return;
                }
                printAndMaybeQuit(guard, controller);
            });
        });
    };
    QObject::connect(controller, &RegistrationController::actionFinished, window,
                     [settle](RegistrationController::Action action, const ApiError &) {
                         if (action == RegistrationController::Action::Start)
                             settle();
                     });
    QObject::connect(controller, &RegistrationController::resetFinished, window, [settle] { settle(); });
}

} // namespace signup
