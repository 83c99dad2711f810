// vkcloud-signup-sandbox: the sandbox backend on its own (see docs/sandbox.md).
#include "sandbox/embeddedsandbox.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int signalPipe[2] = {-1, -1};

// Only write() is safe in a signal handler: the event loop reads the pipe and quits cleanly.
void quitOnSignal(int) {
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[0], &byte, 1);
}

int fail(const QString &message) {
    std::fprintf(stderr, "vkcloud-signup-sandbox: %s\n", qPrintable(message));
    return 1;
}

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
    parser.addOptions({port, dataDir, cert, key, listen, iterations, signupLimit, noAccessLog,
                       noSandboxRoutes, supportKey});
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
    options.passwordHashIterations = parser.value(iterations).toInt(&ok);
    if (!ok || options.passwordHashIterations < 1)
        return fail(QStringLiteral("--pbkdf2-iterations must be a positive number"));
    options.accountCreationsPerMinute = parser.value(signupLimit).toInt(&ok);
    if (!ok || options.accountCreationsPerMinute < 1)
        return fail(QStringLiteral("--account-creations-per-minute must be a positive number"));
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

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(signalPipe[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
        std::signal(SIGINT, quitOnSignal);
        std::signal(SIGTERM, quitOnSignal);
    }
    return app.exec();
}
