// The sandbox routes (§4): the outside world the API talks to (mailboxes, the phone robot, the
// bank's 3-D Secure page), the fault plan and the stand-in management console.
#include "sandbox/sandboxserver.h"

#include "core/cardpolicy.h"
#include "core/phonepolicy.h"
#include "core/region.h"
#include "core/registration.h"
#include "sandbox/pages.h"
#include "sandbox/sandboxutil.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace signup {

namespace {

constexpr int MaxWrongDtmfTries = 3;

QString digitsOnly(const QString &text) {
    QString digits;
    for (QChar c : text)
        if (c.isDigit())
            digits.append(c);
    return digits;
}

} // namespace

void SandboxServer::getOutbox(const ExchangePtr &ex) {
    const QString to = ex->query.queryItemValue(QStringLiteral("to"), QUrl::FullyDecoded);
    const QString base = m_baseUrl.toString();
    QJsonArray messages;
    for (const OutboxRecord &m : m_store->outbox(to.isEmpty() ? QString() : emailKeyOf(to))) {
        messages.append(
            QJsonObject{{QStringLiteral("id"), m.id},
                        {QStringLiteral("to"), m.to},
                        {QStringLiteral("subject"), m.subject},
                        {QStringLiteral("text"), QString(m.text).replace(QStringLiteral("{base_url}"), base)},
                        {QStringLiteral("confirm_url"),
                         m.confirmUrl.isEmpty() ? QJsonValue() : QJsonValue(base + m.confirmUrl)},
                        {QStringLiteral("sent_at"), toRfc3339(m.sentAt)}});
        // An invitation email (§5) carries its link instead of a confirmation link.
        if (const QString invitePath = m_store->outboxInvitePath(m.id); !invitePath.isEmpty()) {
            QJsonObject message = messages.last().toObject();
            message.insert(QStringLiteral("invite_url"), base + invitePath);
            messages.replace(messages.size() - 1, message);
        }
    }
    replyJson(ex, 200, QJsonObject{{QStringLiteral("messages"), messages}});
}

void SandboxServer::postCalls(const ExchangePtr &ex) {
    QString from, to;
    if (!readString(ex, QStringLiteral("from"), &from) || !readString(ex, QStringLiteral("to"), &to))
        return;
    const QJsonObject unknownCaller{{QStringLiteral("call_id"), QJsonValue()},
                                    {QStringLiteral("robot_says"), QJsonValue()},
                                    {QStringLiteral("result"), QStringLiteral("unknown_caller")}};
    const PhoneNumberInfo caller = PhonePolicy::parse(from);
    if (!caller.parsed || caller.e164.isEmpty()) {
        replyJson(ex, 200, unknownCaller);
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    std::optional<AccountRecord> target;
    for (const AccountRecord &a : m_store->accountsAwaitingCallFrom(caller.e164)) {
        if (a.phoneExpiresAt > now && digitsOnly(a.phoneCallTo) == digitsOnly(to)) {
            target = a;
            break;
        }
    }
    if (!target) {
        replyJson(ex, 200, unknownCaller);
        return;
    }
    CallRecord call{
        QStringLiteral("call_") + randomHex(8), target->id, caller.e164, randomDigits(4), 0, false};
    if (!m_store->transaction([&] { return m_store->insertCall(call); })) {
        fail(ex, 500, QStringLiteral("internal_error"), QStringLiteral("The call could not be stored"));
        return;
    }
    QStringList spoken;
    for (QChar c : call.digits)
        spoken.append(QString(c));
    replyJson(
        ex, 200,
        QJsonObject{{QStringLiteral("call_id"), call.id}, {QStringLiteral("robot_says"), spoken.join(u' ')}});
}

void SandboxServer::postDtmf(const ExchangePtr &ex) {
    auto call = m_store->call(ex->pathArguments.value(0));
    if (!call) {
        fail(ex, 404, QStringLiteral("not_found"), QStringLiteral("No such call"));
        return;
    }
    QString digits;
    if (!readString(ex, QStringLiteral("digits"), &digits))
        return;
    auto result = [&](const char *r) {
        replyJson(ex, 200, QJsonObject{{QStringLiteral("result"), QLatin1String(r)}});
    };
    if (call->ended) {
        result("call_ended");
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (digitsOnly(digits) != call->digits) {
        call->wrongTries += 1;
        call->ended = call->wrongTries >= MaxWrongDtmfTries;
        m_store->transaction([&] { return m_store->updateCall(*call); });
        result("wrong_digits");
        return;
    }
    call->ended = true;
    auto account = m_store->account(call->accountId);
    const bool confirmable = account && account->phoneStatus == PhoneStatus::AwaitingCall &&
                             account->phoneE164 == call->phoneE164 && account->phoneExpiresAt > now &&
                             !m_store->phoneConfirmedElsewhere(call->phoneE164, account->id);
    if (!confirmable) {
        m_store->transaction([&] { return m_store->updateCall(*call); });
        result("call_ended");
        return;
    }
    const bool ok = m_store->transaction([&] {
        const AccountRecord before = *account;
        account->phoneStatus = PhoneStatus::Confirmed;
        if (!m_store->updateCall(*call) || !saveAccount(*account, before))
            return false;
        // The first account to confirm a number wins it; others waiting for it lose the call.
        for (AccountRecord other : m_store->accountsAwaitingCallFrom(call->phoneE164)) {
            const AccountRecord otherBefore = other;
            other.phoneStatus = PhoneStatus::Expired;
            if (!saveAccount(other, otherBefore))
                return false;
        }
        return true;
    });
    if (!ok) {
        fail(ex, 500, QStringLiteral("internal_error"),
             QStringLiteral("The confirmation could not be stored"));
        return;
    }
    result("confirmed");
}

void SandboxServer::getThreeDs(const ExchangePtr &ex) {
    const auto account = m_store->accountByCardActionId(ex->pathArguments.value(0));
    if (!account) {
        if (ex->wantsJson())
            fail(ex, 404, QStringLiteral("not_found"), QStringLiteral("No such 3-D Secure session"));
        else
            replyHtml(ex, 404, notFoundPage());
        return;
    }
    if (account->cardStatus != CardStatus::RequiresAction) {
        replyHtml(ex, 200, threeDsResultPage(account->cardStatus, account->language));
        return;
    }
    const Money amount = regionOf(*account).cardTestAmount;
    replyHtml(ex, 200,
              threeDsPage(ex->path, cardBrandDisplayName(cardBrandFromId(account->cardBrand)),
                          account->cardLast4, amountText(amount, account->language), account->language));
}

void SandboxServer::postThreeDs(const ExchangePtr &ex) {
    const bool form = ex->header("content-type").startsWith("application/x-www-form-urlencoded");
    QString decision;
    if (form) {
        decision = QUrlQuery(QString::fromUtf8(ex->body)).queryItemValue(QStringLiteral("decision"));
    } else {
        const QJsonDocument doc = QJsonDocument::fromJson(ex->body);
        if (!doc.isObject()) {
            fail(ex, 400, QStringLiteral("malformed_request"),
                 QStringLiteral("The body must be a JSON object"));
            return;
        }
        ex->json = doc.object();
        if (!readString(ex, QStringLiteral("decision"), &decision))
            return;
    }
    if (decision != QLatin1String("approve") && decision != QLatin1String("decline")) {
        fail(ex, 400, QStringLiteral("malformed_request"),
             QStringLiteral("decision must be approve or decline"), QStringLiteral("decision"));
        return;
    }
    auto account = m_store->accountByCardActionId(ex->pathArguments.value(0));
    if (!account) {
        if (form)
            replyHtml(ex, 404, notFoundPage());
        else
            fail(ex, 404, QStringLiteral("not_found"), QStringLiteral("No such 3-D Secure session"));
        return;
    }
    // A second answer changes nothing: the first decision stands.
    if (account->cardStatus == CardStatus::RequiresAction) {
        const AccountRecord before = *account;
        if (decision == QLatin1String("approve")) {
            account->cardStatus = CardStatus::Linked;
            activate(*account);
        } else {
            account->cardStatus = CardStatus::Declined;
            account->cardDeclineCode = QStringLiteral("authentication_failed");
        }
        if (!m_store->transaction([&] { return saveAccount(*account, before); })) {
            fail(ex, 500, QStringLiteral("internal_error"),
                 QStringLiteral("The decision could not be stored"));
            return;
        }
    }
    if (form)
        replyHtml(ex, 200, threeDsResultPage(account->cardStatus, account->language));
    else
        replyJson(ex, 200, QJsonObject{{QStringLiteral("card"), cardJson(*account)}});
}

void SandboxServer::postFaults(const ExchangePtr &ex) {
    Fault fault;
    if (!readString(ex, QStringLiteral("path"), &fault.path))
        return;
    const QJsonObject &o = ex->json;
    auto bad = [&](const QString &field, const QString &message) {
        fail(ex, 400, QStringLiteral("malformed_request"), message, field);
    };
    const QJsonValue method = o.value(QStringLiteral("method"));
    if (!method.isUndefined() && !method.isNull()) {
        if (!method.isString())
            return bad(QStringLiteral("method"), QStringLiteral("method must be a string"));
        fault.method = method.toString().toUpper().toLatin1();
    }
    auto readOptionalInt = [&](const QString &name, int min, int max, int *out) {
        const QJsonValue v = o.value(name);
        if (v.isUndefined() || v.isNull())
            return true;
        const double d = v.toDouble();
        if (!v.isDouble() || d != double(qint64(d)) || d < min || d > max) {
            bad(name, QStringLiteral("%1 must be an integer %2–%3").arg(name).arg(min).arg(max));
            return false;
        }
        *out = int(d);
        return true;
    };
    auto readOptionalBool = [&](const QString &name, bool *out) {
        const QJsonValue v = o.value(name);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isBool()) {
            bad(name, QStringLiteral("%1 must be true or false").arg(name));
            return false;
        }
        *out = v.toBool();
        return true;
    };
    if (!readOptionalInt(QStringLiteral("status"), 100, 599, &fault.status) ||
        !readOptionalInt(QStringLiteral("delay_ms"), 0, 120000, &fault.delayMs) ||
        !readOptionalInt(QStringLiteral("retry_after"), 0, 86400, &fault.retryAfter) ||
        !readOptionalBool(QStringLiteral("drop"), &fault.drop) ||
        !readOptionalBool(QStringLiteral("malformed"), &fault.malformed) ||
        !readOptionalInt(QStringLiteral("count"), 1, MaxFaultCount, &fault.count))
        return;
    if (m_faults.size() >= MaxFaults) {
        fail(ex, 409, QStringLiteral("fault_plan_full"),
             QStringLiteral("The fault plan holds %1 faults; DELETE /sandbox/v1/faults to start over")
                 .arg(MaxFaults));
        return;
    }
    fault.id = m_nextFaultId++;
    m_faults.append(fault);
    replyJson(ex, 201, QJsonObject{{QStringLiteral("fault"), fault.toJson()}});
}

void SandboxServer::deleteFaults(const ExchangePtr &ex) {
    m_faults.clear();
    replyJson(ex, 204, {});
}

void SandboxServer::getConsole(const ExchangePtr &ex) {
    const QString projectId = ex->pathArguments.value(0);
    const auto account = m_store->accountByProjectId(projectId);
    // A project someone was invited to (§5) has no owner account in the sandbox.
    const QString invitedName = account ? QString() : m_store->projectNameOf(projectId);
    if (!account && invitedName.isEmpty()) {
        replyHtml(ex, 404, notFoundPage());
        return;
    }
    replyHtml(ex, 200, consolePage(projectId, account ? account->projectName : invitedName));
}

} // namespace signup
