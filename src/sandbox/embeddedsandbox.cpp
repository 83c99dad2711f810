#include "sandbox/embeddedsandbox.h"

#include "sandbox/sandboxserver.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QStandardPaths>
#include <QThread>
#include <QWaitCondition>

namespace signup {

struct EmbeddedSandbox::Private {
    QThread thread;
    QObject *threadContext = nullptr; // lives on thread; owns the server
    SandboxServer *server = nullptr;  // touched only on thread

    mutable QMutex mutex;
    QWaitCondition finished;
    bool done = false;
    bool running = false;
    QUrl baseUrl;
    QSslCertificate caCertificate;
    QString caCertificatePath;
    QString supportKey;
    QString error;
};

EmbeddedSandbox::EmbeddedSandbox(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>()) {
    d->thread.setObjectName(QStringLiteral("sandbox-server"));
}

EmbeddedSandbox::~EmbeddedSandbox() {
    if (d->thread.isRunning()) {
        QMetaObject::invokeMethod(
            d->threadContext,
            [this] {
                delete d->server;
                d->server = nullptr;
                delete d->threadContext;
                d->threadContext = nullptr;
            },
            Qt::BlockingQueuedConnection);
        d->thread.quit();
        d->thread.wait();
    }
}

void EmbeddedSandbox::start(const SandboxOptions &options) {
    {
        QMutexLocker lock(&d->mutex);
        if (d->thread.isRunning()) {
            return;
        }
        d->done = false;
        d->running = false;
        d->error.clear();
    }
    SandboxOptions effective = options;
    if (effective.dataDir.isEmpty())
        effective.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
                            QStringLiteral("/sandbox");
    d->threadContext = new QObject;
    d->threadContext->moveToThread(&d->thread);
    d->thread.start();
    QMetaObject::invokeMethod(d->threadContext, [this, effective] {
        auto *server = new SandboxServer;
        QString error;
        const bool ok = server->start(effective, &error);
        if (!ok) {
            delete server;
            server = nullptr;
        }
        d->server = server;
        QUrl url;
        {
            QMutexLocker lock(&d->mutex);
            d->done = true;
            d->running = ok;
            d->error = error;
            if (ok) {
                d->baseUrl = server->baseUrl();
                d->caCertificate = server->certificates().trustCertificate;
                d->caCertificatePath = server->certificates().trustCertificatePath;
                d->supportKey = server->supportKey();
                url = d->baseUrl;
            }
            d->finished.wakeAll();
        }
        if (ok)
            QMetaObject::invokeMethod(
                this, [this, url] { emit started(url); }, Qt::QueuedConnection);
        else
            QMetaObject::invokeMethod(
                this, [this, error] { emit failed(error); }, Qt::QueuedConnection);
    });
}

bool EmbeddedSandbox::startAndWait(const SandboxOptions &options, int timeoutMs) {
    start(options);
    QMutexLocker lock(&d->mutex);
    QDeadlineTimer deadline(timeoutMs);
    while (!d->done) {
        if (!d->finished.wait(&d->mutex, deadline)) {
            d->error = QStringLiteral("the sandbox did not start within %1 ms").arg(timeoutMs);
            return false;
        }
    }
    return d->running;
}

bool EmbeddedSandbox::isRunning() const {
    QMutexLocker lock(&d->mutex);
    return d->running;
}

QUrl EmbeddedSandbox::baseUrl() const {
    QMutexLocker lock(&d->mutex);
    return d->baseUrl;
}

QSslCertificate EmbeddedSandbox::caCertificate() const {
    QMutexLocker lock(&d->mutex);
    return d->caCertificate;
}

QString EmbeddedSandbox::caCertificatePath() const {
    QMutexLocker lock(&d->mutex);
    return d->caCertificatePath;
}

QString EmbeddedSandbox::supportKey() const {
    QMutexLocker lock(&d->mutex);
    return d->supportKey;
}

bool EmbeddedSandbox::onServer(const std::function<void(SandboxServer &)> &work) const {
    if (!isRunning())
        return false;
    Q_ASSERT_X(QThread::currentThread() != &d->thread, "EmbeddedSandbox",
               "called on the sandbox's thread: it would wait for itself");
    if (QThread::currentThread() == &d->thread)
        return false;
    bool done = false;
    QMetaObject::invokeMethod(
        d->threadContext,
        [this, &work, &done] {
            if (!d->server)
                return;
            work(*d->server);
            done = true;
        },
        Qt::BlockingQueuedConnection);
    return done;
}

SandboxActivity EmbeddedSandbox::activity() const {
    SandboxActivity activity;
    onServer([&activity](SandboxServer &server) { activity = server.activity(); });
    return activity;
}

bool EmbeddedSandbox::advanceClock(qint64 seconds) {
    return onServer(
        [seconds](SandboxServer &server) { server.clock().advance(std::chrono::seconds(seconds)); });
}

QString EmbeddedSandbox::errorString() const {
    QMutexLocker lock(&d->mutex);
    return d->error;
}

} // namespace signup
