#pragma once

#include "api/apierror.h"
#include "core/region.h"
#include "core/registration.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace signup {

// The typed result of one RegistrationClient call: either error.isError() or value is filled.
template <typename T> struct ApiResult {
    ApiError error;
    T value{};
    bool ok() const { return !error.isError(); }
};

struct NoContent {};

struct Session {
    QString token; // the bearer token: never logged, stored only in the OS keychain
    QDateTime expiresAt;
};

// POST /accounts and POST /sessions.
struct SessionResult {
    Session session;
    Registration registration;
};

// POST /registration/email/resend.
struct ResendResult {
    QDateTime resendAvailableAt;
};

struct CreateAccountRequest {
    QString email;
    QString password;
    QString region;
    QString language = QStringLiteral("en");
};

struct CardRequest {
    QString number;
    int expMonth = 0;
    int expYear = 0;
    QString cvc;
};

struct AutopaymentRequest {
    bool enabled = false;
    Money threshold; // null Money is sent as JSON null
    Money amount;
};

// Sandbox routes (§4): what the wizard's sandbox tools panel and the tests use.
struct OutboxMessage {
    QString id;
    QString to;
    QString subject;
    QString text;
    QString confirmUrl;
    QDateTime sentAt;
};

struct SandboxCall {
    QString callId;    // empty when the caller was unknown
    QString robotSays; // "4 7 1 9"
    QString result;    // "unknown_caller" or empty
};

struct SandboxFault {
    QString path;   // matched exactly, e.g. "/api/v1/accounts"
    QString method; // empty: any
    int status = 0; // 0: not set
    int delayMs = 0;
    bool drop = false;
    bool malformed = false;
    int count = 1;
    int retryAfterSeconds = -1; // >= 0: Retry-After of an injected 429/503
    QJsonObject toJson() const;
};

// Tolerant readers of the contract's objects (unknown fields ignored).
Region regionFromJson(const QJsonObject &o);
OutboxMessage outboxMessageFromJson(const QJsonObject &o);

} // namespace signup
