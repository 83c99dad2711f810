#include "wizard/wizardapp.h"

#include "api/registrationclient.h"
#include "api/systemca.h"
#include "client/clientstack.h"
#include "client/diagnostics.h"
#include "client/registrationcontroller.h"
#include "client/sandboxdetector.h"
#include "core/registration.h"
#include "session/keychaintokenstore.h"
#include "session/staleentries.h"
#include "vksignup/version.h"
#include "wizard/colors.h"
#include "wizard/icons.h"
#include "wizard/mainwindow.h"
#include "wizard/messagearea.h"
#include "wizard/signupwizard.h"
#include "wizard/statereport.h"
#include "wizard/supportwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLibraryInfo>
#include <QPalette>
#include <QPointer>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QThreadPool>
#include <QTimer>
#include <QTranslator>
#include <QUuid>
#include <cstdio>
#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif
#include <functional>
#include <memory>
#include <utility>

namespace signup {

namespace {

const char *const kApiUrlEnv = "VKCLOUD_SIGNUP_API_URL";
const char *const kCaCertEnv = "VKCLOUD_SIGNUP_CA_CERT";
// How long the start waits for GET /sandbox/v1/info before showing the wizard without the tools.
constexpr int kSandboxDetectMs = 4000;

struct Parsed {
    WizardOptions options;
    int exitCode = -1; // >= 0: exit at once (help, version, bad arguments)
};

Parsed parseCommandLine(int argc, char **argv, const WizardComposition &composition) {
    // A core application only for parsing: --help and --version must work without a display.
    QCoreApplication core(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "signup::WizardApp",
        "Registers a VK Cloud account step by step. With no API configured it runs on a built-in "
        "sandbox: no real account is created."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption apiUrl(QStringLiteral("api-url"),
                              QStringLiteral("The sign-up API, e.g. https://api.example.com (also %1).")
                                  .arg(QLatin1String(kApiUrlEnv)),
                              QStringLiteral("url"));
    QCommandLineOption caCert(QStringLiteral("ca-cert"),
                              QStringLiteral("Also trust this CA certificate (PEM) for the API (also %1).")
                                  .arg(QLatin1String(kCaCertEnv)),
                              QStringLiteral("file"));
    QCommandLineOption sandbox(QStringLiteral("sandbox"),
                               QStringLiteral("Use the built-in sandbox even if an API URL is configured."));
    QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("Interface language: en or ru."),
                            QStringLiteral("language"));
    QCommandLineOption reset(
        QStringLiteral("reset"),
        QStringLiteral("Sign the stored session out on the server (when it can be reached), forget "
                       "it and start a new registration."));
    QCommandLineOption sandboxTools(
        QStringLiteral("sandbox-tools"),
        QStringLiteral("The API is a standalone sandbox (vkcloud-signup-sandbox): show "
                       "the sandbox banner and the Sandbox tools."));
    QCommandLineOption support(
        QStringLiteral("support"),
        QStringLiteral("Support mode: follow a customer's sign-up from the code they read "
                       "out (with the built-in sandbox: next to a wizard, for rehearsal)."));
    QCommandLineOption supportKey(
        QStringLiteral("support-key"),
        QStringLiteral("Support mode: use this support key for this run instead of the "
                       "one in the system keychain."),
        QStringLiteral("key"));
    QCommandLineOption diagnostics(
        QStringLiteral("diagnostics"),
        QStringLiteral("Print a diagnostics report for support staff (no passwords, "
                       "tokens or card data) for the stored session, and exit."));
    QCommandLineOption screenshots(QStringLiteral("screenshot-dir"),
                                   QStringLiteral("Walk every page on the sandbox and save a PNG of each."),
                                   QStringLiteral("dir"));
    screenshots.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption quitAfterFirstPaint(
        QStringLiteral("quit-after-first-paint"),
        QStringLiteral("Exit as soon as the wizard's window has painted."));
    quitAfterFirstPaint.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({apiUrl, caCert, sandbox, sandboxTools, support, supportKey, diagnostics, lang, reset,
                       quitAfterFirstPaint});
    // Only a program that brings the screenshot tour (app/screenshots) takes pictures.
    if (composition.screenshotTour)
        parser.addOption(screenshots);
    // The desktop entry passes an invitation link (%u): the wizard opens at the invitation page.
    parser.addPositionalArgument(QStringLiteral("invitation"),
                                 QStringLiteral("An invitation link to join a project."),
                                 QStringLiteral("[invitation-url]"));

    Parsed parsed;
    if (!parser.parse(core.arguments())) {
        std::fprintf(stderr, "%s\n%s", qPrintable(parser.errorText()), qPrintable(parser.helpText()));
        parsed.exitCode = 1;
        return parsed;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        parsed.exitCode = 0;
        return parsed;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("%s %s\n", qPrintable(QCoreApplication::applicationName()),
                    qPrintable(QCoreApplication::applicationVersion()));
        parsed.exitCode = 0;
        return parsed;
    }

    QSettings settings;
    WizardOptions &o = parsed.options;
    o.sandbox = parser.isSet(sandbox);
    o.reset = parser.isSet(reset);
    o.quitAfterFirstPaint = parser.isSet(quitAfterFirstPaint);
    o.sandboxTools = parser.isSet(sandboxTools);
    o.supportKey = parser.value(supportKey);
    o.diagnostics = parser.isSet(diagnostics);
    o.support = parser.isSet(support) || !o.supportKey.isEmpty();
    if (composition.screenshotTour)
        o.screenshotDir = parser.value(screenshots);
    o.invitationUrl = parser.positionalArguments().value(0);
    o.language = parser.value(lang);
    // The interface speaks the contract's languages, and the account's emails follow it.
    if (!o.language.isEmpty() && !languageFromWire(o.language)) {
        std::fprintf(stderr, "--lang takes en or ru, not %s\n", qPrintable(o.language));
        parsed.exitCode = 1;
        return parsed;
    }
    if (o.language.isEmpty())
        o.language = settings.value(QStringLiteral("language")).toString();

    QString url = parser.value(apiUrl);
    if (url.isEmpty())
        url = qEnvironmentVariable(kApiUrlEnv);
    if (url.isEmpty())
        url = settings.value(QStringLiteral("apiUrl")).toString();
    QString ca = parser.value(caCert);
    if (ca.isEmpty())
        ca = qEnvironmentVariable(kCaCertEnv);
    if (ca.isEmpty())
        ca = settings.value(QStringLiteral("caCertFile")).toString();
    if (!o.sandbox && !o.screenshotDir.isEmpty())
        o.sandbox = true;
    if (!o.sandbox && !url.isEmpty()) {
        o.apiUrl = QUrl(url, QUrl::StrictMode);
        if (!o.apiUrl.isValid() || o.apiUrl.scheme() != QLatin1String("https") || o.apiUrl.host().isEmpty()) {
            std::fprintf(stderr, "The API URL must be an https:// address, not \"%s\".\n", qPrintable(url));
            parsed.exitCode = 1;
            return parsed;
        }
        o.caCertFile = ca;
    }
    return parsed;
}

bool hasDisplay() {
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
#else
    return true;
#endif
}

// Runs `painted` once, right after the watched window's first paint.
class FirstPaintWatcher : public QObject {
public:
    FirstPaintWatcher(QWidget *window, std::function<void()> painted)
        : QObject(window)
        , m_painted(std::move(painted)) {
        window->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override {
        if (event->type() == QEvent::Paint) {
            watched->removeEventFilter(this);
            // After the paint has finished (and been flushed to the screen).
            QTimer::singleShot(0, this, [this] {
                auto painted = std::move(m_painted);
                deleteLater();
                painted();
            });
        }
        return false;
    }

private:
    std::function<void()> m_painted;
};

// The CPU time the process has used so far (all threads), in ms: on a busy machine a steadier
// figure than the wall clock (-1 where unknown).
long long cpuTimeMs() {
#if defined(Q_OS_UNIX)
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000LL +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
#else
    return -1;
#endif
}

// The process's peak resident memory so far in KiB (Linux; -1 elsewhere).
long long peakRssKiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Owns the running parts: the embedded sandbox (if any), the client stack and the window.
class WizardSession : public QObject {
public:
    WizardSession(const WizardOptions &options, const WizardComposition &composition)
        : m_options(options)
        , m_composition(composition) {
        m_sinceStart.start();
    }

    bool begin() {
        if (m_options.apiUrl.isEmpty())
            return startSandbox();
        ClientConfig config;
        config.apiUrl = m_options.apiUrl;
        if (!m_options.caCertFile.isEmpty()) {
            QFile file(m_options.caCertFile);
            if (!file.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "Cannot read the CA certificate %s: %s\n",
                             qPrintable(m_options.caCertFile), qPrintable(file.errorString()));
                return false;
            }
            config.extraCa = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
            if (config.extraCa.isEmpty()) {
                std::fprintf(stderr, "%s holds no PEM certificate.\n", qPrintable(m_options.caCertFile));
                return false;
            }
        }
        if (m_options.sandboxTools) {
            showWizard(config, true); // forced on: no need to ask
            return true;
        }
        // A shared training sandbox given with --api-url shows its banner and tools by itself.
        showStarting(QCoreApplication::translate("signup::WizardApp", "Connecting to the server…"));
        detectSandbox(config, kSandboxDetectMs, this, [this, config](bool sandbox) {
            showWizard(config, sandbox);
            m_starting.reset();
        });
        return true;
    }

private:
    // A small window that says what is happening until the wizard shows.
    void showStarting(const QString &text) {
        m_starting = std::make_unique<QLabel>();
        m_starting->setObjectName(QStringLiteral("startingWindow"));
        m_starting->setWindowTitle(QCoreApplication::translate("signup::WizardApp", "VK Cloud sign-up"));
        m_starting->setWindowIcon(Icons::icon(QStringLiteral("app")));
        m_starting->setText(text);
        m_starting->setAlignment(Qt::AlignCenter);
        m_starting->setMargin(40);
        m_starting->show();
    }

    bool startSandbox() {
        if (!m_composition.localBackend) {
            std::fprintf(stderr, "This program has no built-in sandbox: give the API with --api-url.\n");
            return false;
        }
        LocalBackend::Options options;
        options.dataDir = embeddedSandboxDataDir();
        if (!m_options.screenshotDir.isEmpty()) {
            // A throwaway sandbox for the pictures: the user's own sandbox data stays untouched.
            options.dataDir =
                QDir(m_options.screenshotDir).filePath(QStringLiteral(".sandbox-%1").arg(m_options.language));
            QDir(options.dataDir).removeRecursively();
            QDir().mkpath(options.dataDir);
            options.passwordHashIterations = 1000;
        }
        if (m_options.support) {
            // The support window needs the sandbox's key: a small window says what is happening
            // until the sandbox runs.
            showStarting(QCoreApplication::translate("signup::WizardApp", "Starting the sandbox…"));
            startSandboxNow(options);
            return true;
        }
        // The window first, the sandbox behind it: the wizard shows at once (reading nothing but its
        // own resources) and the sandbox starts on its own thread after the first paint. The wizard
        // says it is starting until the sandbox answers.
        ClientConfig config;
        if (!m_options.screenshotDir.isEmpty())
            config.keychainService = QStringLiteral("VK Cloud sign-up screenshots");
        m_startSandboxAfterPaint = [this, options] { startSandboxNow(options); };
        createWindow(config, true, QString());
        return true;
    }

    // Makes the backend and starts it (on its own thread).
    void startSandboxNow(const LocalBackend::Options &options) {
        m_sandbox = m_composition.localBackend();
        QObject::connect(m_sandbox.get(), &LocalBackend::started, this, [this] { onSandboxReady(); });
        QObject::connect(m_sandbox.get(), &LocalBackend::failed, this, [this](const QString &error) {
            const QString text =
                QCoreApplication::translate("signup::WizardApp", "The sandbox could not start:\n%1")
                    .arg(error);
            if (m_starting)
                m_starting->setText(text);
            if (m_window)
                m_window->messageArea()->showNotice(
                    QCoreApplication::translate("signup::WizardApp", "VK Cloud sign-up"), text,
                    QStringLiteral("error"));
            std::fprintf(stderr, "The sandbox could not start: %s\n", qPrintable(error));
            if (m_options.quitAfterFirstPaint)
                QCoreApplication::exit(1);
        });

        // The keychain key comes from a file in the data directory: read off the GUI thread, while
        // the sandbox starts.
        QPointer<QObject> self(this);
        QThreadPool::globalInstance()->start([self, dataDir = options.dataDir] {
            QDir().mkpath(dataDir);
            const QString key = embeddedSandboxKeychainKey(dataDir);
            QMetaObject::invokeMethod(
                qApp,
                [self, key] {
                    if (auto *session = static_cast<WizardSession *>(self.data())) {
                        session->m_keychainKey = key;
                        session->onSandboxReady();
                    }
                },
                Qt::QueuedConnection);
        });
        m_sandbox->start(options);
    }

    // Once the sandbox listens and its keychain key is known.
    void onSandboxReady() {
        if (m_sessionBegun || m_keychainKey.isEmpty() || !m_sandbox->isRunning())
            return;
        // Its own CA on loopback: the system store is never read.
        const QList<QSslCertificate> ca = {m_sandbox->caCertificate()};
        if (m_stack) {
            m_stack->bindBackend(m_sandbox->baseUrl(), ca, false, m_keychainKey);
            beginSession();
            return;
        }
        ClientConfig config;
        config.apiUrl = m_sandbox->baseUrl();
        config.extraCa = ca;
        config.trustSystemCa = false;
        showWizard(config, true);
        m_starting.reset();
    }

    // Support mode: the support window alone against a server; next to the wizard on the embedded
    // sandbox (one machine plays customer and support staff), with the sandbox's own key.
    void showSupportWindow(const ClientConfig &config) {
        m_supportClient = std::make_unique<RegistrationClient>(config);
        m_supportKeys = std::make_unique<KeychainTokenStore>(
            config.keychainService,
            SupportWindow::keychainKeyFor(RegistrationClient::originOf(config.apiUrl)));
        m_supportKeys->setTimeoutMs(config.keychainTimeoutMs);
        const QString key = m_sandbox ? m_sandbox->supportKey() : m_options.supportKey;
        m_supportWindow = std::make_unique<SupportWindow>(m_supportClient.get(), m_supportKeys.get(), key);
        m_supportWindow->show();
    }

    void showWizard(const ClientConfig &config, bool sandbox) {
        if (m_options.support) {
            showSupportWindow(config);
            if (!m_sandbox)
                return;
        }
        createWindow(config, sandbox,
                     m_keychainKey.isEmpty() ? RegistrationClient::originOf(config.apiUrl) : m_keychainKey);
        beginSession();
    }

    // The client stack and the main window, shown.
    void createWindow(const ClientConfig &config, bool sandbox, const QString &keychainKey) {
        // One keychain entry per backend: a real one by its origin, the embedded sandbox by its own
        // id (its port changes on every run).
        m_stack = std::make_unique<ClientStack>(config, keychainKey);
        RegistrationController *controller = m_stack->controller();
        controller->setLanguage(m_options.language);
        m_window = std::make_unique<MainWindow>(controller, sandbox ? m_stack->sandboxTools() : nullptr);
        if (qEnvironmentVariableIsSet("VKCLOUD_SIGNUP_PRINT_STATE"))
            printStateOnceSettled(m_window.get(), controller);
        // --quit-after-first-paint proves that an installed copy finds its libraries and plugins,
        // paints the wizard and starts the embedded sandbox: it prints the time to the first paint
        // (and the memory then) and exits once the sandbox runs too.
        new FirstPaintWatcher(m_window.get(), [this] {
            if (m_options.quitAfterFirstPaint) {
                std::printf("vkcloud-signup: first paint of the wizard after %lld ms, peak RSS %lld KiB, CPU "
                            "%lld ms\n",
                            static_cast<long long>(m_sinceStart.elapsed()), peakRssKiB(), cpuTimeMs());
                std::fflush(stdout);
            }
            m_painted = true;
            // An extra CA for --api-url is trusted with the system store: read now, behind the window.
            if (!m_options.caCertFile.isEmpty())
                preloadSystemCaCertificates();
            if (auto start = std::exchange(m_startSandboxAfterPaint, nullptr))
                start();
            quitIfDone();
        });
        m_window->show();
    }

    void quitIfDone() {
        if (m_options.quitAfterFirstPaint && m_painted && m_sessionBegun)
            QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(0); });
    }

    // What the session does once its backend is known: the tour, reading or forgetting the stored
    // session, the invitation.
    void beginSession() {
        m_sessionBegun = true;
        RegistrationController *controller = m_stack->controller();
        if (!m_options.screenshotDir.isEmpty()) {
            m_window->wizard()->setUrlOpener([](const QUrl &) {});
            m_composition.screenshotTour(m_window.get(), m_stack->client(), m_options);
        }
        // Forgetting replaces reading the keychain: a read still under way could bring the old session back.
        if (!m_options.screenshotDir.isEmpty()) {
            controller->forgetStoredSession();
        } else if (m_options.reset) {
            QObject::connect(controller, &RegistrationController::resetFinished, this,
                             [this](RegistrationController::ResetOutcome outcome, const QString &detail) {
                                 reportReset(outcome, detail);
                                 removeStaleEntries();
                             });
            controller->resetSession();
        } else {
            QObject::connect(controller, &RegistrationController::actionFinished, this,
                             [this](RegistrationController::Action action, const ApiError &) {
                                 if (action == RegistrationController::Action::Start)
                                     removeStaleEntries();
                             });
            controller->start();
        }
        if (!m_options.invitationUrl.isEmpty() && m_options.screenshotDir.isEmpty())
            m_window->wizard()->openInvitation(m_options.invitationUrl);
        quitIfDone();
    }

    // Entries an earlier version left for the embedded sandbox (keyed by its random port) can never
    // be read again: removed once the keychain has answered for this run.
    void removeStaleEntries() {
        if (m_staleEntriesChecked || !m_sandbox || !m_options.screenshotDir.isEmpty())
            return;
        m_staleEntriesChecked = true;
        const QString current = m_keychainKey;
        // Counted, so that the test hook's quit (statereport) waits for it.
        qApp->setProperty("vksignupBackgroundWork", qApp->property("vksignupBackgroundWork").toInt() + 1);
        removeStaleKeychainEntries(
            m_stack->tokens()->service(),
            [current](const QString &key) { return isStaleEmbeddedSandboxKey(key, current); }, this,
            [](int removed) {
                qApp->setProperty("vksignupBackgroundWork",
                                  qApp->property("vksignupBackgroundWork").toInt() - 1);
                if (removed > 0)
                    std::fprintf(stderr, "Removed %d stale keychain entr%s of earlier sandbox runs.\n",
                                 removed, removed == 1 ? "y" : "ies");
            });
    }

    // --reset says what it did: on the terminal and in the window.
    void reportReset(RegistrationController::ResetOutcome outcome, const QString &detail) {
        using Outcome = RegistrationController::ResetOutcome;
        const char *line = "";
        QString shown;
        switch (outcome) {
        case Outcome::NothingStored:
            line = "Reset: no stored session was found; starting a new registration.";
            shown = QCoreApplication::translate(
                "signup::WizardApp", "No saved progress was found. You are starting a new registration.");
            break;
        case Outcome::Revoked:
            line = "Reset: the stored session was signed out on the server and removed from the keychain.";
            shown = QCoreApplication::translate(
                "signup::WizardApp", "The saved session was signed out on the server and removed from "
                                     "this computer. You are starting a new registration.");
            break;
        case Outcome::AlreadyEnded:
            line = "Reset: the stored session had already ended on the server; it was removed from the "
                   "keychain.";
            shown = QCoreApplication::translate(
                "signup::WizardApp", "The saved session had already ended and was removed from this "
                                     "computer. You are starting a new registration.");
            break;
        case Outcome::RemovedNotRevoked:
            line =
                "Reset: the server could not be reached, so the session was only removed from the keychain "
                "(it ends by itself when it expires).";
            shown = QCoreApplication::translate(
                "signup::WizardApp", "The saved session was removed from this computer. The server could "
                                     "not be reached to sign it out; it ends by itself when it expires.");
            break;
        case Outcome::KeychainUnavailable:
            line = "Reset: the keychain did not answer, so nothing could be removed.";
            shown = QCoreApplication::translate(
                "signup::WizardApp", "The system keychain did not answer, so the saved session could not "
                                     "be removed. You are starting a new registration anyway.");
            break;
        }
        std::printf("%s%s%s\n", line, detail.isEmpty() ? "" : " Details: ", qPrintable(detail));
        std::fflush(stdout);
        if (m_window)
            m_window->messageArea()->showNotice(QCoreApplication::translate("signup::WizardApp", "Reset"),
                                                shown);
    }

    WizardOptions m_options;
    WizardComposition m_composition;
    QElapsedTimer m_sinceStart;
    QString m_keychainKey; // the embedded sandbox's stable identity
    bool m_staleEntriesChecked = false;
    bool m_painted = false;
    bool m_sessionBegun = false;
    std::function<void()> m_startSandboxAfterPaint;
    std::unique_ptr<QLabel> m_starting;
    std::unique_ptr<LocalBackend> m_sandbox;
    std::unique_ptr<ClientStack> m_stack;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<RegistrationClient> m_supportClient;
    std::unique_ptr<KeychainTokenStore> m_supportKeys;
    std::unique_ptr<SupportWindow> m_supportWindow;

public:
    ~WizardSession() override {
        // The windows and the controller go before the server they talk to.
        m_supportWindow.reset();
        m_supportKeys.reset();
        m_supportClient.reset();
        m_window.reset();
        m_stack.reset();
        m_sandbox.reset();
    }
};

// --diagnostics: no display needed. Reads the stored session as the wizard would, asks the backend
// whether it is a sandbox, prints the report and exits.
int printDiagnostics(int argc, char **argv, const WizardOptions &options,
                     const WizardComposition &composition) {
    QCoreApplication app(argc, argv);
    std::unique_ptr<LocalBackend> embedded;
    ClientConfig config;
    if (options.apiUrl.isEmpty()) {
        if (!composition.localBackend) {
            std::fprintf(stderr, "This program has no built-in sandbox: give the API with --api-url.\n");
            return 1;
        }
        embedded = composition.localBackend();
        LocalBackend::Options sandboxOptions;
        sandboxOptions.dataDir =
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/sandbox");
        QDir().mkpath(sandboxOptions.dataDir);
        if (!embedded->startAndWait(sandboxOptions, 30000)) {
            std::fprintf(stderr, "The sandbox could not start: %s\n", qPrintable(embedded->errorString()));
            return 1;
        }
        config.apiUrl = embedded->baseUrl();
        config.extraCa = {embedded->caCertificate()};
        config.trustSystemCa = false;
    } else {
        config.apiUrl = options.apiUrl;
        if (!options.caCertFile.isEmpty()) {
            QFile file(options.caCertFile);
            if (file.open(QIODevice::ReadOnly))
                config.extraCa = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        }
    }
    int result = 0;
    {
        ClientStack stack(config);
        std::optional<bool> sandbox;
        bool detected = false, started = false;
        detectSandbox(config, kSandboxDetectMs, &app, [&](bool isSandbox) {
            sandbox = isSandbox;
            detected = true;
        });
        QObject::connect(stack.controller(), &RegistrationController::actionFinished, &app,
                         [&](RegistrationController::Action action, const ApiError &) {
                             if (action == RegistrationController::Action::Start)
                                 started = true;
                         });
        stack.controller()->start();
        QElapsedTimer clock;
        clock.start();
        while (!(detected && started) && clock.elapsed() < 30000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        if (!started)
            result = 3;
        std::fputs(qPrintable(Diagnostics::report(Diagnostics::collect(stack.controller(), sandbox))),
                   stdout);
        std::fflush(stdout);
    }
    embedded.reset();
    return result;
}

} // namespace

QString embeddedSandboxDataDir() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/sandbox");
}

QString embeddedSandboxKeychainKey(const QString &dataDir) {
    const QString path = QDir(dataDir).filePath(QStringLiteral("keychain-id"));
    static const QRegularExpression idFormat(QStringLiteral("^[0-9a-f]{32}$"));
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly)) {
        const QString id = QString::fromLatin1(existing.read(64)).trimmed();
        if (idFormat.match(id).hasMatch())
            return QStringLiteral("sandbox:") + id;
    }
    const QString id = QUuid::createUuid().toString(QUuid::Id128);
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(id.toLatin1() + '\n');
        file.commit();
    }
    return QStringLiteral("sandbox:") + id;
}

QString installTranslations(QApplication &app, const QString &requested) {
    const Language language =
        requested.isEmpty()
            ? (QLocale::system().language() == QLocale::Russian ? Language::Russian : Language::English)
            : languageFromWire(requested).value_or(Language::English);
    if (language != Language::Russian) {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        return wireName(Language::English);
    }
    QLocale::setDefault(QLocale(QLocale::Russian, QLocale::Russia));
    auto *own = new QTranslator(&app);
    if (own->load(QStringLiteral(":/i18n/vkcloud-signup_ru.qm")))
        QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(QStringLiteral("qtbase_ru"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)) ||
        qt->load(QStringLiteral("qtbase_ru"), QStringLiteral("/usr/share/qt6/translations")))
        QCoreApplication::installTranslator(qt);
    return wireName(Language::Russian);
}

int runWizardApplication(int argc, char **argv, const WizardComposition &composition) {
    QCoreApplication::setOrganizationName(QStringLiteral("VK Cloud"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("cloud.vk.com"));
    QCoreApplication::setApplicationName(QStringLiteral("vkcloud-signup"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VKSIGNUP_VERSION));
    // Ties the windows to the desktop entry (icon and name in Wayland docks and task bars).
    QGuiApplication::setDesktopFileName(QStringLiteral(VKSIGNUP_APP_ID));

    const Parsed parsed = parseCommandLine(argc, argv, composition);
    if (parsed.exitCode >= 0)
        return parsed.exitCode;

    if (parsed.options.diagnostics)
        return printDiagnostics(argc, argv, parsed.options, composition);

    if (!hasDisplay()) {
        std::fprintf(
            stderr,
            "vkcloud-signup: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set); run it from a "
            "desktop session, or on a virtual display: xvfb-run -a %s\n",
            argc > 0 ? argv[0] : "vkcloud-signup");
        return 2;
    }

    QApplication app(argc, argv);
    QApplication::setWindowIcon(Icons::icon(QStringLiteral("app")));
    // The wizard's readable colours and focus ring; VKCLOUD_SIGNUP_DARK=1 shows it on a dark palette.
    Colors::apply(app, qEnvironmentVariableIsSet("VKCLOUD_SIGNUP_DARK"));
    WizardOptions options = parsed.options;
    options.language = installTranslations(app, options.language);

    WizardSession session(options, composition);
    if (!session.begin())
        return 1;
    return app.exec();
}

} // namespace signup
