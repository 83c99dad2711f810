// vkcloud-signup-sandbox: the sandbox backend on its own (see docs/sandbox.md).
#include "sandbox/embeddedsandbox.h"
#include "vksignup/version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

#include <cstdio>

#if defined(Q_OS_UNIX)
#include <QSocketNotifier>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#endif

namespace {

// Ctrl+C (and SIGTERM on Unix, Ctrl+Break on Windows) ends the event loop, so the server and the
// database close cleanly instead of the process dying mid-write.
#if defined(Q_OS_UNIX)
int signalSockets[2] = {-1, -1};

// Only write() is safe in a signal handler: the event loop reads the socket and quits.
void quitOnSignal(int) {
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalSockets[0], &byte, 1);
}

void quitOnTerminationRequest(QCoreApplication &app) {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalSockets) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalSockets[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    std::signal(SIGINT, quitOnSignal);
    std::signal(SIGTERM, quitOnSignal);
}
#elif defined(Q_OS_WIN)
// Called on a thread of the system's: only queue the quit for the event loop.
BOOL WINAPI quitOnConsoleEvent(DWORD event) {
    if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT)
        return FALSE;
    QMetaObject::invokeMethod(
        QCoreApplication::instance(), [] { QCoreApplication::quit(); }, Qt::QueuedConnection);
    return TRUE;
}

void quitOnTerminationRequest(QCoreApplication &) {
    SetConsoleCtrlHandler(quitOnConsoleEvent, TRUE);
}
#else
void quitOnTerminationRequest(QCoreApplication &) {}
#endif

int fail(const QString &message) {
    std::fprintf(stderr, "vkcloud-signup-sandbox: %s\n", qPrintable(message));
    return 1;
}

// Below this a stolen database gives up passwords quickly (OWASP asks 600,000 for
// PBKDF2-HMAC-SHA256; 100,000 is the floor outside tests).
constexpr int MinimumPbkdf2Iterations = 100000;
constexpr int MaximumPbkdf2Iterations = 100000000;
constexpr int MaximumPerMinute = 1000000;

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vkcloud-signup-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VKSIGNUP_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The VK Cloud sign-up sandbox: a reference backend of the sign-up API over HTTPS, with a fake "
        "email outbox, phone robot, card processor, 3-D Secure page and fault injection."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port to listen on; 0 picks a free one."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QStringLiteral("Directory for the database, certificates and outbox (default: %1).")
            .arg(QDir::toNativeSeparators(
                QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))),
        QStringLiteral("DIR"));
    const QCommandLineOption cert(
        QStringLiteral("cert"),
        QStringLiteral("PEM server certificate (default: create one in the data dir)."),
        QStringLiteral("FILE"));
    const QCommandLineOption key(QStringLiteral("key"), QStringLiteral("PEM private key for --cert."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Address to listen on (default 127.0.0.1)."),
                                    QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption iterations(QStringLiteral("pbkdf2-iterations"),
                                        QStringLiteral("PBKDF2-HMAC-SHA256 iterations for new passwords."),
                                        QStringLiteral("N"), QStringLiteral("600000"));
    const QCommandLineOption signupLimit(QStringLiteral("account-creations-per-minute"),
                                         QStringLiteral("POST /accounts limit per client address."),
                                         QStringLiteral("N"), QStringLiteral("60"));
    const QCommandLineOption signInLimit(QStringLiteral("sign-ins-per-minute"),
                                         QStringLiteral("POST /sessions limit per client address."),
                                         QStringLiteral("N"), QStringLiteral("20"));
    QCommandLineOption weakKdf(
        QStringLiteral("insecure-test-kdf"),
        QStringLiteral("Allow --pbkdf2-iterations below %1 (tests only).").arg(MinimumPbkdf2Iterations));
    weakKdf.setFlags(QCommandLineOption::HiddenFromHelp);
    const QCommandLineOption noAccessLog(QStringLiteral("no-access-log"),
                                         QStringLiteral("Do not write the access log to stderr."));
    const QCommandLineOption noSandboxRoutes(
        QStringLiteral("no-sandbox-routes"),
        QStringLiteral("Serve only /api/v1 (no outbox, robot, 3-D Secure, faults)."));
    const QCommandLineOption supportKey(
        QStringLiteral("support-key"),
        QStringLiteral("The key support staff use to view a customer's registration by support code "
                       "(default: a new one, printed at start)."),
        QStringLiteral("KEY"));
    parser.addOptions({port, dataDir, cert, key, listen, iterations, signupLimit, signInLimit, weakKdf,
                       noAccessLog, noSandboxRoutes, supportKey});
    parser.process(app);

    signup::SandboxOptions options;
    bool ok = false;
    const uint portValue = parser.value(port).toUInt(&ok);
    if (!ok || portValue > 65535)
        return fail(QStringLiteral("--port must be 0-65535"));
    options.port = quint16(portValue);
    options.dataDir = parser.isSet(dataDir)
                          ? QDir(parser.value(dataDir)).absolutePath()
                          : QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (parser.isSet(cert) != parser.isSet(key))
        return fail(QStringLiteral("--cert and --key go together"));
    options.certificateFile = parser.value(cert);
    options.keyFile = parser.value(key);
    if (!options.listenAddress.setAddress(parser.value(listen)))
        return fail(QStringLiteral("--listen is not an IP address: %1").arg(parser.value(listen)));
    // Ranges keep every later computation (limit + 1, iterations in OpenSSL's int) in range.
    const int minimumIterations = parser.isSet(weakKdf) ? 1 : MinimumPbkdf2Iterations;
    options.passwordHashIterations = parser.value(iterations).toInt(&ok);
    if (!ok || options.passwordHashIterations < minimumIterations ||
        options.passwordHashIterations > MaximumPbkdf2Iterations)
        return fail(QStringLiteral("--pbkdf2-iterations must be %1-%2")
                        .arg(minimumIterations)
                        .arg(MaximumPbkdf2Iterations));
    options.accountCreationsPerMinute = parser.value(signupLimit).toInt(&ok);
    if (!ok || options.accountCreationsPerMinute < 1 || options.accountCreationsPerMinute > MaximumPerMinute)
        return fail(QStringLiteral("--account-creations-per-minute must be 1-%1").arg(MaximumPerMinute));
    options.signInsPerMinute = parser.value(signInLimit).toInt(&ok);
    if (!ok || options.signInsPerMinute < 1 || options.signInsPerMinute > MaximumPerMinute)
        return fail(QStringLiteral("--sign-ins-per-minute must be 1-%1").arg(MaximumPerMinute));
    options.accessLog = !parser.isSet(noAccessLog);
    options.sandboxRoutes = !parser.isSet(noSandboxRoutes);
    options.supportKey = parser.value(supportKey).trimmed();
    if (parser.isSet(supportKey) && options.supportKey.size() < 16)
        return fail(QStringLiteral("--support-key must be at least 16 characters"));

    signup::EmbeddedSandbox sandbox;
    if (!sandbox.startAndWait(options))
        return fail(sandbox.errorString());
    std::printf("Sandbox listening on %s\nTrust this CA certificate: %s\nData directory: %s\n",
                qPrintable(sandbox.baseUrl().toString()), qPrintable(sandbox.caCertificatePath()),
                qPrintable(QDir::toNativeSeparators(options.dataDir)));
    // A key given on the command line is known to whoever gave it; a new one is shown once.
    if (options.supportKey.isEmpty())
        std::printf("Support key: %s\n", qPrintable(sandbox.supportKey()));
    std::fflush(stdout);

    quitOnTerminationRequest(app);
    return app.exec();
}
