// The API endpoints of the contract (§3): each reads its request, asks the registration service
// and writes the answer.
#include "sandbox/sandboxserver.h"

#include "core/region.h"
#include "core/registration.h"
#include "sandbox/pages.h"
#include "sandbox/sandboxutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace signup {

namespace {

// A money field that may be null: false when present but not {"value": string, "currency": string}.
bool readMoney(const QJsonValue &v, std::optional<Money> *out) {
    if (v.isUndefined() || v.isNull()) {
        *out = std::nullopt;
        return true;
    }
    if (!v.isObject())
        return false;
    const QJsonObject o = v.toObject();
    if (!o.value(QStringLiteral("value")).isString() || !o.value(QStringLiteral("currency")).isString())
        return false;
    *out = Money{o.value(QStringLiteral("value")).toString(), o.value(QStringLiteral("currency")).toString()};
    return true;
}

} // namespace

void SandboxServer::getRegions(const ExchangePtr &ex) {
    QJsonArray regions;
    for (const Region &region : Regions::all())
        regions.append(region.toJson());
    replyJson(ex, 200, QJsonObject{{QStringLiteral("regions"), regions}});
}

void SandboxServer::postAccounts(const ExchangePtr &ex) {
    NewAccount input;
    if (!readString(ex, QStringLiteral("email"), &input.email) ||
        !readString(ex, QStringLiteral("password"), &input.password) ||
        !readString(ex, QStringLiteral("region"), &input.region))
        return;
    std::optional<Language> language;
    if (!readLanguage(ex, &language))
        return;
    input.language = language.value_or(Language::English);
    if (refuseIfAddressLimited(ex))
        return;
    m_service->createAccount(input, [this, ex](const ServiceResult<SessionGrant> &result) {
        if (!result.ok())
            return fail(ex, *result.error);
        ex->accountId = result.value.account.id; // the call now belongs to this registration (§6 events)
        replyJson(ex, 201, sessionJson(result.value));
    });
}

void SandboxServer::postSessions(const ExchangePtr &ex) {
    QString email, password;
    if (!readString(ex, QStringLiteral("email"), &email) ||
        !readString(ex, QStringLiteral("password"), &password))
        return;
    if (refuseIfAddressLimited(ex))
        return;
    m_service->signIn(email, password, [this, ex](const ServiceResult<SessionGrant> &result) {
        if (!result.ok())
            return fail(ex, *result.error);
        ex->accountId = result.value.account.id; // the call now belongs to this registration (§6 events)
        replyJson(ex, 201, sessionJson(result.value));
    });
}

void SandboxServer::deleteSession(const ExchangePtr &ex) {
    m_service->signOut(QString::fromLatin1(ex->header("authorization").mid(7).trimmed()));
    replyJson(ex, 204, {});
}

void SandboxServer::getRegistration(const ExchangePtr &ex) {
    auto account = currentAccount(ex);
    if (!account)
        return;
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
        wait = qMin(wait, 30);
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
    if (wait == 0 || !hasSince || account->version > since) {
        replyJson(ex, 200, registrationJson(*account));
        return;
    }
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    const QString accountId = account->id;
    connect(timer, &QTimer::timeout, this, [this, ex, accountId, timer] {
        for (auto it = m_waiters.find(accountId); it != m_waiters.end() && it.key() == accountId; ++it) {
            if (it->exchange == ex) {
                m_waiters.erase(it);
                break;
            }
        }
        timer->deleteLater();
        const auto current = m_store->account(accountId);
        if (current)
            replyJson(ex, 200, registrationJson(*current));
        else
            fail(ex, 401, ErrorCode::Unauthorized, QStringLiteral("The account no longer exists"));
    });
    // A bounded number of long polls per account: the oldest is answered now to make room.
    if (m_waiters.count(accountId) >= MaxLongPollsPerAccount) {
        auto oldest = m_waiters.end();
        for (auto it = m_waiters.find(accountId); it != m_waiters.end() && it.key() == accountId; ++it)
            if (oldest == m_waiters.end() ||
                it->exchange->timer.elapsed() > oldest->exchange->timer.elapsed())
                oldest = it;
        const Waiter evicted = *oldest;
        m_waiters.erase(oldest);
        delete evicted.timer;
        replyJson(evicted.exchange, 200, registrationJson(*account));
    }
    m_waiters.insert(accountId, Waiter{ex, since, timer});
    timer->start(wait * 1000);
}

void SandboxServer::putEmail(const ExchangePtr &ex) {
    if (!currentAccount(ex))
        return;
    QString email;
    if (!readString(ex, QStringLiteral("email"), &email))
        return;
    const auto result = m_service->changeEmail(ex->accountId, email);
    if (!result.ok())
        return fail(ex, *result.error);
    replyJson(ex, 200, registrationJson(result.value));
}

void SandboxServer::postEmailResend(const ExchangePtr &ex) {
    const auto result = m_service->resendConfirmationEmail(ex->accountId);
    if (!result.ok())
        return fail(ex, *result.error);
    replyJson(ex, 202, QJsonObject{{QStringLiteral("resend_available_at"), toRfc3339(result.value)}});
}

void SandboxServer::getEmailConfirm(const ExchangePtr &ex) {
    const QString token = ex->query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded);
    const EmailConfirmation result = m_service->confirmEmail(token);
    const bool json = ex->wantsJson();
    switch (result.outcome) {
    case EmailConfirmation::AlreadyConfirmed:
        if (json)
            replyJson(ex, 200,
                      QJsonObject{{QStringLiteral("registration_step"), QStringLiteral("email_confirmed")},
                                  {QStringLiteral("already_confirmed"), true}});
        else
            replyHtml(ex, 200, confirmPage(result.language, ConfirmPageKind::AlreadyConfirmed));
        return;
    case EmailConfirmation::InvalidLink:
        if (json)
            fail(ex, 400, ErrorCode::InvalidConfirmationLink,
                 QStringLiteral("The link is unknown, expired or superseded by a newer one"));
        else
            replyHtml(ex, 400, confirmPage(result.language, ConfirmPageKind::Invalid));
        return;
    case EmailConfirmation::Failed:
        fail(ex, 500, ErrorCode::InternalError, QStringLiteral("The confirmation could not be stored"));
        return;
    case EmailConfirmation::Confirmed:
        break;
    }
    if (json)
        replyJson(ex, 200,
                  QJsonObject{{QStringLiteral("registration_step"), QStringLiteral("email_confirmed")}});
    else
        replyHtml(ex, 200, confirmPage(result.language, ConfirmPageKind::Confirmed));
}

void SandboxServer::postPhone(const ExchangePtr &ex) {
    if (!currentAccount(ex))
        return;
    QString phone;
    if (!readString(ex, QStringLiteral("phone"), &phone))
        return;
    const auto result = m_service->startPhoneConfirmation(ex->accountId, phone);
    if (!result.ok())
        return fail(ex, *result.error);
    replyJson(ex, 202,
              QJsonObject{
                  {QStringLiteral("phone"), registrationJson(result.value).value(QStringLiteral("phone"))}});
}

void SandboxServer::postCard(const ExchangePtr &ex) {
    if (!currentAccount(ex))
        return;
    CardDetails card;
    if (!readString(ex, QStringLiteral("number"), &card.number) ||
        !readInt(ex, QStringLiteral("exp_month"), &card.expMonth) ||
        !readInt(ex, QStringLiteral("exp_year"), &card.expYear) ||
        !readString(ex, QStringLiteral("cvc"), &card.cvc))
        return;
    const auto result = m_service->addCard(ex->accountId, card);
    if (!result.ok())
        return fail(ex, *result.error);
    replyJson(ex, 202, QJsonObject{{QStringLiteral("card"), m_service->cardOf(result.value).toJson()}});
}

void SandboxServer::putAutopayment(const ExchangePtr &ex) {
    if (!currentAccount(ex))
        return;
    const QJsonValue enabledValue = ex->json.value(QStringLiteral("enabled"));
    if (!enabledValue.isBool()) {
        fail(ex, 400, ErrorCode::MalformedRequest, QStringLiteral("enabled must be true or false"),
             QStringLiteral("enabled"));
        return;
    }
    AutopaymentInput input;
    input.enabled = enabledValue.toBool();
    if (!readMoney(ex->json.value(QStringLiteral("threshold")), &input.threshold)) {
        fail(ex, 400, ErrorCode::MalformedRequest, QStringLiteral("threshold must be money or null"),
             QStringLiteral("threshold"));
        return;
    }
    if (!readMoney(ex->json.value(QStringLiteral("amount")), &input.amount)) {
        fail(ex, 400, ErrorCode::MalformedRequest, QStringLiteral("amount must be money or null"),
             QStringLiteral("amount"));
        return;
    }
    const auto result = m_service->setAutopayment(ex->accountId, input);
    if (!result.ok())
        return fail(ex, *result.error);
    replyJson(ex, 200, registrationJson(result.value));
}

} // namespace signup
