#include "wizard/urlopener.h"

#include <QDesktopServices>
#include <QHostAddress>
#include <QPointer>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>
#include <cstdio>
#include <memory>

namespace signup {

namespace {
// xdg-open normally returns once the browser has the address; one that stays longer is running.
constexpr int kLauncherPatienceMs = 10000;

bool isVkCloudHost(const QString &host) {
    return host == QLatin1String("cloud.vk.com") || host == QLatin1String("vk.com") ||
           host.endsWith(QLatin1String(".vk.com")) || host == QLatin1String("mcs.mail.ru") ||
           host.endsWith(QLatin1String(".mcs.mail.ru"));
}
} // namespace

UrlOpener::UrlOpener(QObject *parent)
    : QObject(parent) {}

QString UrlOpener::refusalReason(const QUrl &url, const QUrl &backend) {
    if (!url.isValid() || url.scheme() != QLatin1String("https"))
        return QStringLiteral("not an https address");
    if (!url.userInfo().isEmpty())
        return QStringLiteral("an address with a user name");
    const QString host = url.host().toLower();
    if (host.isEmpty())
        return QStringLiteral("no host");
    if (isVkCloudHost(host))
        return {};
    if (backend.isValid() && host == backend.host().toLower()) {
        // A loopback backend (the embedded sandbox) is trusted on its own port only: another program
        // may listen on any other.
        const bool loopback = QHostAddress(host).isLoopback() || host == QLatin1String("localhost");
        if (!loopback || url.port(443) == backend.port(443))
            return {};
    }
    return QStringLiteral("not the backend's host nor a VK Cloud host");
}

void UrlOpener::open(const QUrl &url, const QUrl &backend, QObject *context,
                     std::function<void(Outcome)> done) {
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    auto report = [guard, hasContext, done](Outcome outcome) {
        if (done && (!hasContext || guard))
            done(outcome);
    };
    const QString reason = refusalReason(url, backend);
    if (!reason.isEmpty()) {
        std::fprintf(stderr, "Not opening an address from the server: %s.\n", qPrintable(reason));
        QTimer::singleShot(0, this, [report] { report(Outcome::Refused); });
        return;
    }
    if (m_launcher) {
        const bool opened = m_launcher(url);
        QTimer::singleShot(0, this, [report, opened] { report(opened ? Outcome::Opened : Outcome::Failed); });
        return;
    }
    launchWithSystem(url, [report](bool opened) { report(opened ? Outcome::Opened : Outcome::Failed); });
}

void UrlOpener::launchWithSystem(const QUrl &url, std::function<void(bool)> finished) {
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    // QDesktopServices starts xdg-open detached and reports success even when it then fails: run it
    // ourselves and look at how it ends.
    const QString xdgOpen = QStandardPaths::findExecutable(QStringLiteral("xdg-open"));
    if (!xdgOpen.isEmpty()) {
        auto *process = new QProcess(this);
        auto answered = std::make_shared<bool>(false);
        auto answer = [answered, finished](bool opened) {
            if (*answered)
                return;
            *answered = true;
            finished(opened);
        };
        connect(process, &QProcess::finished, process,
                [process, answer](int code, QProcess::ExitStatus status) {
                    if (code != 0 || status != QProcess::NormalExit)
                        std::fprintf(stderr, "xdg-open failed (exit status %d).\n", code);
                    answer(code == 0 && status == QProcess::NormalExit);
                    process->deleteLater();
                });
        connect(process, &QProcess::errorOccurred, process, [process, answer](QProcess::ProcessError error) {
            if (error == QProcess::FailedToStart) {
                std::fprintf(stderr, "xdg-open could not be started.\n");
                answer(false);
                process->deleteLater();
            }
        });
        QTimer::singleShot(kLauncherPatienceMs, process, [answer] { answer(true); });
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->setStandardOutputFile(QProcess::nullDevice());
        process->start(xdgOpen, {url.toString(QUrl::FullyEncoded)});
        return;
    }
#endif
    const bool opened = QDesktopServices::openUrl(url);
    QTimer::singleShot(0, this, [finished, opened] { finished(opened); });
}

} // namespace signup
