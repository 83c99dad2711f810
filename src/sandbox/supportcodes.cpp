// Support codes (contract 1.1, §6): the customer's consent as a short code, the agent's read-only
// view of that registration with the API calls made for it, and the sandbox's self-description.
#include "sandbox/sandboxserver.h"

#include "sandbox/sandboxutil.h"
#include "vksignup/version.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace signup {

namespace {

constexpr int UnknownSupportCodesPerHour = 30;
constexpr int MaxWaitSeconds = 30;

QString placeholderAfter(const QString &segment) {
    if (segment == QLatin1String("invitations") || segment == QLatin1String("invite"))
        return QStringLiteral("{token}");
    if (segment == QLatin1String("registrations"))
        return QStringLiteral("{code}");
    if (segment == QLatin1String("calls"))
        return QStringLiteral("{call_id}");
    if (segment == QLatin1String("console"))
        return QStringLiteral("{project_id}");
    return QStringLiteral("{id}");
}

} // namespace

QString maskedEmail(const QString &email) {
    const qsizetype at = email.lastIndexOf(u'@');
    if (at <= 0)
        return QStringLiteral("***");
    return email.left(1) + QStringLiteral("***") + email.mid(at);
}

QString pathWithoutSecrets(const QString &path) {
    QStringList segments = path.split(u'/');
    // ["", "api", "v1", "invitations", "<token>", ...], ["", "invite", "<token>"]
    for (int i = 1; i + 1 < segments.size(); ++i) {
        const QString &s = segments.at(i);
        const bool secretFollows =
            s == QLatin1String("invite") ||
            (s == QLatin1String("invitations") && segments.value(i - 1) == QLatin1String("v1")) ||
            (s == QLatin1String("registrations") && segments.value(i - 1) == QLatin1String("support"));
        if (secretFollows && !segments.at(i + 1).isEmpty())
            segments[i + 1] = placeholderAfter(s);
    }
    return segments.join(u'/');
}

void SandboxServer::startFeatures() {
    // Given with --support-key, or made now (and printed by the executable): never stored.
    m_supportKey =
        m_options.supportKey.isEmpty() ? QStringLiteral("sk_") + randomToken() : m_options.supportKey;
}

void SandboxServer::recordApiEvent(const ExchangePtr &ex, const Reply &reply) {
    if (ex->accountId.isEmpty() || !ex->path.startsWith(QLatin1String("/api/v1/")))
        return;
    ApiEventRecord event;
    event.at = m_clock.now();
    event.requestId = QString::fromLatin1(ex->requestId);
    event.method = QString::fromLatin1(ex->method);
    event.route = ex->routeTemplate.isEmpty() ? pathWithoutSecrets(ex->path) : ex->routeTemplate;
    event.status = ex->dropAnswer ? 0 : reply.status;
    if (reply.status >= 400)
        event.errorCode = QJsonDocument::fromJson(reply.body)
                              .object()
                              .value(QStringLiteral("error"))
                              .toObject()
                              .value(QStringLiteral("code"))
                              .toString();
    // No transaction of its own: an answer may be written while a handler's transaction is open.
    m_store->addApiEvent(ex->accountId, event);
    if (ex->method != "GET" && ex->method != "HEAD")
        notifySupportWatchers(ex->accountId, true);
}

QJsonObject SandboxServer::supportViewJson(const AccountRecord &account,
                                           const QList<ApiEventRecord> &events) const {
    QJsonObject registration = registrationJson(account);
    registration.insert(QStringLiteral("email"), maskedEmail(account.email));
    // The card as brand and last four digits; nothing that acts on the account.
    if (registration.value(QStringLiteral("card")).isObject()) {
        QJsonObject card = registration.value(QStringLiteral("card")).toObject();
        card.insert(QStringLiteral("action_url"), QJsonValue());
        registration.insert(QStringLiteral("card"), card);
    }
    QJsonArray eventsJson;
    for (const ApiEventRecord &e : events)
        eventsJson.append(QJsonObject{
            {QStringLiteral("at"), toRfc3339(e.at)},
            {QStringLiteral("request_id"), e.requestId},
            {QStringLiteral("method"), e.method},
            {QStringLiteral("route"), e.route},
            {QStringLiteral("status"), e.status},
            {QStringLiteral("error_code"), e.errorCode.isEmpty() ? QJsonValue() : QJsonValue(e.errorCode)}});
    return QJsonObject{{QStringLiteral("registration"), registration},
                       {QStringLiteral("events"), eventsJson}};
}

namespace {
qint64 newestWriteCall(const QList<ApiEventRecord> &newestFirst) {
    for (const ApiEventRecord &e : newestFirst)
        if (e.method != QLatin1String("GET") && e.method != QLatin1String("HEAD"))
            return e.id;
    return 0;
}
} // namespace

void SandboxServer::answerSupportView(const ExchangePtr &ex, const AccountRecord &account,
                                      const QString &codeHash, const QList<ApiEventRecord> &events) {
    m_supportShownEvent.insert(codeHash, newestWriteCall(events));
    replyJson(ex, 200, supportViewJson(account, events));
}

void SandboxServer::answerSupportWaiter(const SupportWaiter &waiter) {
    const auto code = m_store->supportCode(waiter.codeHash);
    const auto account = code ? m_store->account(code->accountId) : std::nullopt;
    if (!m_service->supportCodeValid(waiter.codeHash) || !account) {
        m_supportShownEvent.remove(waiter.codeHash);
        fail(waiter.exchange, 404, ErrorCode::SupportCodeNotFound,
             QStringLiteral("The support code is unknown, expired or withdrawn"));
        return;
    }
    answerSupportView(waiter.exchange, *account, waiter.codeHash, m_store->apiEvents(account->id));
}

void SandboxServer::notifySupportWatchers(const QString &accountId, bool newWriteCall) {
    if (!m_supportWaiters.contains(accountId))
        return;
    const auto account = m_store->account(accountId);
    for (auto it = m_supportWaiters.find(accountId); it != m_supportWaiters.end() && it.key() == accountId;) {
        // A new code, a withdrawal, a change of the registration or a new write call: the agent's
        // view is out of date (or over).
        if (!account || newWriteCall || account->version > it->since ||
            !m_service->supportCodeValid(it->codeHash)) {
            const SupportWaiter waiter = *it;
            it = m_supportWaiters.erase(it);
            waiter.timer->stop();
            waiter.timer->deleteLater(); // it may be the one calling (the code's end, below)
            answerSupportWaiter(waiter);
        } else {
            ++it;
        }
    }
}

void SandboxServer::postSupportCode(const ExchangePtr &ex) {
    const auto result = m_service->createSupportCode(ex->accountId);
    if (!result.ok())
        return fail(ex, *result.error);
    // An agent still watching the previous code loses the view at once.
    notifySupportWatchers(ex->accountId, false);
    replyJson(ex, 201,
              QJsonObject{{QStringLiteral("code"), result.value.code},
                          {QStringLiteral("expires_at"), toRfc3339(result.value.expiresAt)}});
}

void SandboxServer::deleteSupportCode(const ExchangePtr &ex) {
    const auto result = m_service->withdrawSupportCodes(ex->accountId);
    if (!result.ok())
        return fail(ex, *result.error);
    notifySupportWatchers(ex->accountId, false);
    replyJson(ex, 204, {});
}

void SandboxServer::getSupportRegistration(const ExchangePtr &ex) {
    const QByteArray authorization = ex->header("authorization");
    const QByteArray key =
        authorization.startsWith("Bearer ") ? authorization.mid(7).trimmed() : QByteArray();
    // Digests compared, so the time taken says nothing about the key.
    const QByteArray given = QCryptographicHash::hash(key, QCryptographicHash::Sha256);
    const QByteArray expected = QCryptographicHash::hash(m_supportKey.toUtf8(), QCryptographicHash::Sha256);
    if (key.isEmpty() || given != expected) {
        fail(ex, 401, ErrorCode::Unauthorized, QStringLiteral("Not a support key"));
        return;
    }
    const QString bucket = QStringLiteral("support-unknown:") + QString::fromLatin1(given.toHex());
    if (const qint64 wait = m_service->retryAfter(bucket, UnknownSupportCodesPerHour, 3600)) {
        fail(ex, 429, ErrorCode::RateLimited, QStringLiteral("Too many unknown support codes this hour"), {},
             {}, wait);
        return;
    }
    int wait = 0;
    qint64 since = -1;
    bool hasSince = false;
    if (ex->query.hasQueryItem(QStringLiteral("wait"))) {
        bool ok = false;
        wait = ex->query.queryItemValue(QStringLiteral("wait")).toInt(&ok);
        if (!ok || wait < 0) {
            fail(ex, 400, ErrorCode::MalformedRequest,
                 QStringLiteral("wait must be a whole number of seconds"), QStringLiteral("wait"));
            return;
        }
        wait = qMin(wait, MaxWaitSeconds);
    }
    if (ex->query.hasQueryItem(QStringLiteral("since"))) {
        bool ok = false;
        since = ex->query.queryItemValue(QStringLiteral("since")).toLongLong(&ok);
        if (!ok) {
            fail(ex, 400, ErrorCode::MalformedRequest, QStringLiteral("since must be a version number"),
                 QStringLiteral("since"));
            return;
        }
        hasSince = true;
    }
    const QString codeHash = m_service->supportCodeHash(ex->pathArguments.value(0));
    if (codeHash.isEmpty() || !m_service->supportCodeValid(codeHash)) {
        const QDateTime now = m_clock.now();
        m_store->transaction([&] { return m_store->addRateEvent(bucket, now); });
        fail(ex, 404, ErrorCode::SupportCodeNotFound,
             QStringLiteral("The support code is unknown, expired or withdrawn"));
        return;
    }
    const QString accountId = m_store->supportCode(codeHash)->accountId;
    auto current = m_service->account(accountId);
    if (!current.ok())
        return fail(ex, *current.error);
    auto account = &current.value;
    // A write call made since this code's last answer (between two polls) is news, as it would have
    // woken a waiting poll; reads (the customer's own polls) are not.
    const QList<ApiEventRecord> events = m_store->apiEvents(accountId);
    const qint64 newest = newestWriteCall(events);
    const bool unseenCall = newest > m_supportShownEvent.value(codeHash, newest);
    if (wait == 0 || !hasSince || account->version > since || unseenCall) {
        answerSupportView(ex, *account, codeHash, events);
        return;
    }
    // Waits like GET /registration, and no longer than the code lives: the wait on the real time,
    // the code's end on the sandbox's clock (moving it on ends the wait then). Both go with `timer`.
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    const auto answer = [this, ex, accountId, timer] {
        for (auto it = m_supportWaiters.find(accountId);
             it != m_supportWaiters.end() && it.key() == accountId; ++it) {
            if (it->exchange == ex) {
                const SupportWaiter waiter = *it;
                m_supportWaiters.erase(it);
                timer->stop();
                timer->deleteLater();
                answerSupportWaiter(waiter);
                return;
            }
        }
    };
    connect(timer, &QTimer::timeout, this, answer);
    const qint64 untilExpiry = m_clock.now().msecsTo(m_store->supportCode(codeHash)->expiresAt);
    m_clock.callAfter(std::chrono::milliseconds(qMax<qint64>(0, untilExpiry)), timer, answer);
    m_supportWaiters.insert(accountId, SupportWaiter{ex, since, codeHash, timer});
    timer->start(int(qBound<qint64>(1, qint64(wait) * 1000, qint64(MaxWaitSeconds) * 1000)));
}

void SandboxServer::getSandboxInfo(const ExchangePtr &ex) {
    replyJson(ex, 200,
              QJsonObject{{QStringLiteral("sandbox"), true},
                          {QStringLiteral("version"), QStringLiteral(VKSIGNUP_VERSION)}});
}

} // namespace signup
