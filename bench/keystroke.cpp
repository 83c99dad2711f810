// Key press -> end of repaint, on the floor (floorwizard.h) or on the wizard's account page (the whole
// window, with the Sandbox tools, on an embedded sandbox): 128 keys typed into the email and the
// password field, and a paste of 10,000 characters into the password field. Prints figures; asserts
// nothing about time.
//   bench_keystroke --floor | --wizard   (QT_QPA_PLATFORM=offscreen or an X display)
#include "embeddedsandboxbackend.h"
#include "floorwizard.h"

#include "api/registrationclient.h"
#include "client/clientstack.h"
#include "client/registrationcontroller.h"
#include "wizard/mainwindow.h"
#include "wizard/signupwizard.h"
#include "wizard/wizardapp.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdio>
#include <memory>

namespace {

// Counts paint events and the widgets they went to.
class PaintCounter : public QObject {
public:
    int events = 0;
    QSet<QObject *> widgets;
    void reset() {
        events = 0;
        widgets.clear();
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override {
        if (event->type() == QEvent::Paint) {
            ++events;
            widgets.insert(watched);
        }
        return false;
    }
};

// Everything a key caused: its handlers ran inside the key event; the layout and the repaint it
// asked for are posted events, handled here.
void settle() {
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents();
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

void typeInto(QLineEdit *field, const QString &text, const char *what, PaintCounter &paints) {
    field->setFocus();
    field->clear();
    settle();
    std::vector<double> ms;
    int events = 0, widgets = 0;
    const int rounds = 3;
    for (int round = 0; round < rounds; ++round) {
        field->clear();
        settle();
        for (QChar c : text) {
            paints.reset();
            QElapsedTimer timer;
            timer.start();
            QTest::keyClick(QApplication::focusWidget(), c.toLatin1());
            settle();
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
            events += paints.events;
            widgets += int(paints.widgets.size());
        }
    }
    const double keys = double(ms.size());
    std::printf(
        "  %-34s median %6.3f ms  p90 %6.3f ms  max %6.3f ms  %5.1f paint events on %5.1f widgets per key\n",
        what, percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 1.0), events / keys, widgets / keys);
}

void paste(QLineEdit *field, int length, PaintCounter &paints) {
    field->setFocus();
    std::vector<double> ms;
    int events = 0;
    QString text;
    const QString group = QStringLiteral("Ab1!cdEfgh");
    while (text.size() < length)
        text += group;
    text.truncate(length);
    for (int round = 0; round < 5; ++round) {
        field->clear();
        settle();
        QGuiApplication::clipboard()->setText(text);
        paints.reset();
        QElapsedTimer timer;
        timer.start();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_V, Qt::ControlModifier);
        settle();
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        events += paints.events;
        if (field->text().size() != length)
            std::fprintf(stderr, "the paste put %lld characters in the field\n",
                         (long long)field->text().size());
    }
    std::printf("  %-34s median %6.3f ms  max %6.3f ms  %5.1f paint events\n",
                "password, paste of 10,000 chars", percentile(ms, 0.5), percentile(ms, 1.0), events / 5.0);
}

QString emailKeys() {
    QString local;
    while (local.size() < 128 - 12)
        local += QStringLiteral("ivan.petrov.");
    local.truncate(128 - 12);
    return local + QStringLiteral("@example.com");
}

QString passwordKeys() {
    QString text;
    const QString group = QStringLiteral("Xy1!abcdefghijk");
    while (text.size() < 128)
        text += group;
    return text.left(128);
}

} // namespace

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    const bool wizardMode = app.arguments().contains(QStringLiteral("--wizard"));
    PaintCounter paints;
    app.installEventFilter(&paints);

    std::printf("keystroke benchmark: %s, platform %s\n",
                wizardMode ? "wizard, account page (with the Sandbox tools)" : "floor (bare QWizard)",
                qPrintable(QGuiApplication::platformName()));
    std::fflush(stdout);

    if (!wizardMode) {
        std::unique_ptr<QWizard> wizard(bench::makeFloorWizard());
        wizard->show();
        if (!QTest::qWaitForWindowExposed(wizard.get()))
            return 1;
        settle();
        typeInto(wizard->findChild<QLineEdit *>(QStringLiteral("emailEdit")), emailKeys(), "email, 128 keys",
                 paints);
        auto *password = wizard->findChild<QLineEdit *>(QStringLiteral("passwordEdit"));
        typeInto(password, passwordKeys(), "password, 128 keys", paints);
        paste(password, 10000, paints);
        return 0;
    }

    signup::installTranslations(app, QStringLiteral("en"));
    QTemporaryDir data;
    std::unique_ptr<signup::LocalBackend> sandbox = signup::makeEmbeddedSandboxBackend();
    signup::LocalBackend::Options options;
    options.dataDir = data.path();
    options.passwordHashIterations = 1000;
    if (!sandbox->startAndWait(options, 30000)) {
        std::fprintf(stderr, "the sandbox did not start: %s\n", qPrintable(sandbox->errorString()));
        return 1;
    }
    signup::ClientConfig config;
    config.apiUrl = sandbox->baseUrl();
    config.extraCa = {sandbox->caCertificate()};
    config.trustSystemCa = false;
    config.keychainService = QStringLiteral("VK Cloud sign-up benchmark");
    auto stack = std::make_unique<signup::ClientStack>(config, QStringLiteral("sandbox:benchmark"));
    auto window = std::make_unique<signup::MainWindow>(stack->controller(), stack->sandboxTools());
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return 1;
    stack->controller()->forgetStoredSession();
    signup::SignupWizard *wizard = window->wizard();
    if (!QTest::qWaitFor([&] { return wizard->button(QWizard::NextButton)->isEnabled(); }, 20000)) {
        std::fprintf(stderr, "the welcome page did not offer Next\n");
        return 1;
    }
    wizard->next();
    if (!QTest::qWaitFor([&] { return wizard->currentId() == signup::SignupWizard::AccountPageId; }, 20000)) {
        std::fprintf(stderr, "the account page did not show\n");
        return 1;
    }
    settle();
    typeInto(window->findChild<QLineEdit *>(QStringLiteral("emailEdit")), emailKeys(), "email, 128 keys",
             paints);
    auto *password = window->findChild<QLineEdit *>(QStringLiteral("passwordEdit"));
    typeInto(password, passwordKeys(), "password, 128 keys", paints);
    paste(password, 10000, paints);
    window.reset();
    stack.reset();
    return 0;
}
