#include "session/keychaintokenstore.h"

#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <memory>

namespace signup {

namespace {

KeychainTokenStore::Result resultOf(QKeychain::Job *job) {
    KeychainTokenStore::Result r;
    switch (job->error()) {
    case QKeychain::NoError:
        r.status = KeychainTokenStore::Status::Ok;
        break;
    case QKeychain::EntryNotFound:
        r.status = KeychainTokenStore::Status::NotFound;
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        r.status = KeychainTokenStore::Status::Denied;
        break;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        r.status = KeychainTokenStore::Status::Unavailable;
        break;
    }
    if (r.status != KeychainTokenStore::Status::Ok)
        r.message = job->errorString();
    return r;
}

} // namespace

KeychainTokenStore::KeychainTokenStore(const QString &service, const QString &origin, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_key(origin) {
    qRegisterMetaType<Result>();
}

KeychainTokenStore::~KeychainTokenStore() = default;

QString KeychainTokenStore::statusName(Status status) {
    switch (status) {
    case Status::Ok:
        return QStringLiteral("ok");
    case Status::NotFound:
        return QStringLiteral("not found");
    case Status::Unavailable:
        return QStringLiteral("keychain unavailable");
    case Status::TimedOut:
        return QStringLiteral("keychain did not answer in time");
    case Status::Denied:
        return QStringLiteral("keychain access denied");
    }
    return {};
}

quint64 KeychainTokenStore::read(QObject *context, Callback done) {
    return run(Kind::Read, {}, context, std::move(done));
}

quint64 KeychainTokenStore::write(const QString &token, QObject *context, Callback done) {
    return run(Kind::Write, token, context, std::move(done));
}

quint64 KeychainTokenStore::remove(QObject *context, Callback done) {
    return run(Kind::Remove, {}, context, std::move(done));
}

quint64 KeychainTokenStore::run(Kind kind, const QString &token, QObject *context, Callback done) {
    const quint64 id = m_nextOperation++;

    // Shared by the job's answer and the timeout: whichever comes first reports, the other is
    // ignored. The job's connection owns it; the timer only looks at it (no reference cycle).
    struct Pending {
        bool reported = false;
        QPointer<KeychainTokenStore> self;
        quint64 id = 0;
        Kind kind = Kind::Read;
        QPointer<QObject> context;
        bool hasContext = false;
        Callback done;
        QTimer timer;
    };
    auto pending = std::make_shared<Pending>();
    pending->self = this;
    pending->id = id;
    pending->kind = kind;
    pending->context = context;
    pending->hasContext = context != nullptr;
    pending->done = std::move(done);

    auto report = [](const std::shared_ptr<Pending> &p, const Result &result) {
        if (p->reported)
            return;
        p->reported = true;
        p->timer.stop();
        if (p->done && (!p->hasContext || p->context))
            p->done(result);
        if (!p->self)
            return;
        switch (p->kind) {
        case Kind::Read:
            emit p->self->readFinished(p->id, result);
            break;
        case Kind::Write:
            emit p->self->writeFinished(p->id, result);
            break;
        case Kind::Remove:
            emit p->self->removeFinished(p->id, result);
            break;
        }
    };

    if (kind == Kind::Write && token.toUtf8().size() > kMaxTokenBytes) {
        Result r{Status::Denied, {}, QStringLiteral("the token is too large for the keychain")};
        QTimer::singleShot(0, this, [report, pending, r] { report(pending, r); });
        return id;
    }

    // No parent: the job must outlive this store if the keychain is still busy with it, and it
    // deletes itself once finished (autoDelete).
    QKeychain::Job *job = nullptr;
    switch (kind) {
    case Kind::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Kind::Write: {
        auto *w = new QKeychain::WritePasswordJob(m_service);
        w->setTextData(token);
        job = w;
        break;
    }
    case Kind::Remove:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(m_key);

    QObject::connect(job, &QKeychain::Job::finished, job, [report, pending](QKeychain::Job *finished) {
        Result r = resultOf(finished);
        if (pending->kind == Kind::Read && r.ok())
            r.token = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
        // Already reported: the timeout came first, and this answer would otherwise be lost.
        const bool late = pending->reported;
        report(pending, r);
        if (late && pending->self)
            emit pending->self->lateFinished(pending->id, pending->kind, r);
    });
    pending->timer.setSingleShot(true);
    std::weak_ptr<Pending> weak = pending;
    QObject::connect(&pending->timer, &QTimer::timeout, [report, weak, timeout = m_timeoutMs] {
        if (auto p = weak.lock())
            report(p, Result{Status::TimedOut,
                             {},
                             QStringLiteral("no answer from the keychain within %1 ms").arg(timeout)});
    });
    pending->timer.start(m_timeoutMs);
    job->start();
    return id;
}

} // namespace signup
