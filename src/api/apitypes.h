#pragma once

#include "api/apierror.h"
#include "core/region.h"
#include "core/registration.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

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
    QString confirmUrl; // empty for an invitation email
    QString inviteUrl;  // an invitation email's link (§5), empty otherwise
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

// Contract 1.1, §5: GET /invitations/{token}.
struct Invitation {
    ProjectState project;
    QStringList roles; // role ids: "project_admin", "member", "viewer", ...
    QString email;     // the invited address (the account's email, fixed)
    QString invitedBy; // masked: "o***@example.com"
    QDateTime expiresAt;
    bool accountExists = false; // true: sign in and accept; false: set a password
    QString status;             // "pending"
};

// Contract 1.1, §6: POST /registration/support-code.
struct SupportCode {
    QString code; // "1234-5678": read out to the support agent
    QDateTime expiresAt;
};

// One API call made for a registration, as the support agent sees it.
struct SupportEvent {
    QDateTime at;
    QString requestId;
    QString method;
    QString route; // the path template: "/api/v1/registration/phone"
    int status = 0;
    QString errorCode; // empty on success
};

// GET /support/registrations/{code}: the masked registration and the last calls, newest first.
struct SupportView {
    Registration registration; // email and phone masked, no acting URLs
    QList<SupportEvent> events;
};

// GET /sandbox/v1/info (a project addition): answered only by a sandbox.
struct SandboxInfo {
    bool sandbox = false;
    QString version;
};

// POST /sandbox/v1/invitations.
struct SandboxInvitationRequest {
    QString email;
    QStringList roles = {QStringLiteral("member")};
    QString projectName; // empty: the sandbox names the project
    QString language;    // "en" | "ru" of the email; empty: the invited account's, or English
};

struct SandboxInvitation {
    QUrl url;      // "https://<host>/invite/<token>"
    QString token; // the last path segment of url
    QDateTime expiresAt;
    ProjectState project;
};

// Tolerant readers of the contract's objects (unknown fields ignored).
Region regionFromJson(const QJsonObject &o);
OutboxMessage outboxMessageFromJson(const QJsonObject &o);
Invitation invitationFromJson(const QJsonObject &o);
SupportEvent supportEventFromJson(const QJsonObject &o);

} // namespace signup
