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

void SandboxServer::getOutbox(const ExchangePtr &ex) {
    const QString to = ex->query.queryItemValue(QStringLiteral("to"), QUrl::FullyDecoded);
    QJsonArray messages;
    for (const SandboxWorld::OutboxEntry &entry :
         m_world->outbox(to.isEmpty() ? QString() : emailKeyOf(to))) {
        QJsonObject message{{QStringLiteral("id"), entry.message.id},
                            {QStringLiteral("to"), entry.message.to},
                            {QStringLiteral("subject"), entry.message.subject},
                            {QStringLiteral("text"), entry.text},
                            {QStringLiteral("confirm_url"),
                             entry.confirmUrl.isEmpty() ? QJsonValue() : QJsonValue(entry.confirmUrl)},
                            {QStringLiteral("sent_at"), toRfc3339(entry.message.sentAt)}};
        // An invitation email (§5) carries its link instead of a confirmation link.
        if (!entry.inviteUrl.isEmpty())
            message.insert(QStringLiteral("invite_url"), entry.inviteUrl);
        messages.append(message);
    }
    replyJson(ex, 200, QJsonObject{{QStringLiteral("messages"), messages}});
}

void SandboxServer::postCalls(const ExchangePtr &ex) {
    QString from, to;
    if (!readString(ex, QStringLiteral("from"), &from) || !readString(ex, QStringLiteral("to"), &to))
        return;
    const PhoneRobot::Answer answer = m_robot->call(from, to);
    if (answer.failed) {
        fail(ex, 500, ErrorCode::InternalError, QStringLiteral("The call could not be stored"));
        return;
    }
    if (!answer.known) {
        replyJson(ex, 200,
                  QJsonObject{{QStringLiteral("call_id"), QJsonValue()},
                              {QStringLiteral("robot_says"), QJsonValue()},
                              {QStringLiteral("result"), QStringLiteral("unknown_caller")}});
        return;
    }
    replyJson(ex, 200,
              QJsonObject{{QStringLiteral("call_id"), answer.callId},
                          {QStringLiteral("robot_says"), answer.robotSays}});
}

void SandboxServer::postDtmf(const ExchangePtr &ex) {
    if (!m_store->call(ex->pathArguments.value(0))) {
        fail(ex, 404, ErrorCode::NotFound, QStringLiteral("No such call"));
        return;
    }
    QString digits;
    if (!readString(ex, QStringLiteral("digits"), &digits))
        return;
    auto result = [&](KeyedDigitsResult r) {
        replyJson(ex, 200, QJsonObject{{QStringLiteral("result"), wireName(r)}});
    };
    switch (m_robot->enterDigits(ex->pathArguments.value(0), digits)) {
    case PhoneRobot::DigitsResult::Confirmed:
        return result(KeyedDigitsResult::Confirmed);
    case PhoneRobot::DigitsResult::WrongDigits:
        return result(KeyedDigitsResult::WrongDigits);
    case PhoneRobot::DigitsResult::CallEnded:
        return result(KeyedDigitsResult::CallEnded);
    case PhoneRobot::DigitsResult::NoSuchCall:
        return fail(ex, 404, ErrorCode::NotFound, QStringLiteral("No such call"));
    case PhoneRobot::DigitsResult::Failed:
        break;
    }
    fail(ex, 500, ErrorCode::InternalError, QStringLiteral("The confirmation could not be stored"));
}

void SandboxServer::getThreeDs(const ExchangePtr &ex) {
    const auto account = m_service->accountByThreeDsSession(ex->pathArguments.value(0));
    if (!account) {
        if (ex->wantsJson())
            fail(ex, 404, ErrorCode::NotFound, QStringLiteral("No such 3-D Secure session"));
        else
            replyHtml(ex, 404, notFoundPage());
        return;
    }
    if (account->cardStatus != CardStatus::RequiresAction) {
        replyHtml(ex, 200, threeDsResultPage(account->cardStatus, account->language));
        return;
    }
    const Money amount = m_service->regionOf(*account).cardTestAmount;
    replyHtml(ex, 200,
              threeDsPage(ex->path, cardBrandFromId(account->cardBrand), account->cardLast4,
                          amountText(amount, account->language), account->language));
}

void SandboxServer::postThreeDs(const ExchangePtr &ex) {
    const bool form = ex->header("content-type").startsWith("application/x-www-form-urlencoded");
    QString decision;
    if (form) {
        decision = QUrlQuery(QString::fromUtf8(ex->body)).queryItemValue(QStringLiteral("decision"));
    } else {
        const QJsonDocument doc = QJsonDocument::fromJson(ex->body);
        if (!doc.isObject()) {
            fail(ex, 400, ErrorCode::MalformedRequest, QStringLiteral("The body must be a JSON object"));
            return;
        }
        ex->json = doc.object();
        if (!readString(ex, QStringLiteral("decision"), &decision))
            return;
    }
    if (decision != QLatin1String("approve") && decision != QLatin1String("decline")) {
        fail(ex, 400, ErrorCode::MalformedRequest, QStringLiteral("decision must be approve or decline"),
             QStringLiteral("decision"));
        return;
    }
    const auto result =
        m_service->completeThreeDs(ex->pathArguments.value(0), decision == QLatin1String("approve"));
    if (!result.ok() && result.error->kind == Refusal::NotFound && form) {
        replyHtml(ex, 404, notFoundPage());
        return;
    }
    if (!result.ok())
        return fail(ex, *result.error);
    if (form)
        replyHtml(ex, 200, threeDsResultPage(result.value.cardStatus, result.value.language));
    else
        replyJson(ex, 200, QJsonObject{{QStringLiteral("card"), m_service->cardOf(result.value).toJson()}});
}

void SandboxServer::postFaults(const ExchangePtr &ex) {
    Fault fault;
    if (!readString(ex, QStringLiteral("path"), &fault.path))
        return;
    const QJsonObject &o = ex->json;
    auto bad = [&](const QString &field, const QString &message) {
        fail(ex, 400, ErrorCode::MalformedRequest, message, field);
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
        fail(ex, 409, ErrorCode::FaultPlanFull,
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
