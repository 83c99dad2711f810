#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace signup {

// The error codes of the contract (`error.code`, version 1.1) and the ones docs/api.md adds, typed.
// The wire names are converted here and nowhere else: wireName() and errorCodeFromWire().
// Unknown is what a code this build does not know reads as (a newer server's); callers keep the
// wire string next to it for diagnostics.
enum class ErrorCode {
    Unknown,
    // Any request (contract §1, docs/api.md §1).
    MalformedRequest,        // 400 malformed_request
    PayloadTooLarge,         // 413 payload_too_large
    HeadersTooLarge,         // 431 headers_too_large
    Unauthorized,            // 401 unauthorized
    NotFound,                // 404 not_found
    MethodNotAllowed,        // 405 method_not_allowed
    RequestTimeout,          // 408 request_timeout
    IdempotencyKeyReused,    // 422 idempotency_key_reused
    RequestInProgress,       // 409 request_in_progress
    RateLimited,             // 429 rate_limited
    InternalError,           // 500 internal_error
    NotImplemented,          // 501 not_implemented
    ServerBusy,              // 503 server_busy
    HttpVersionNotSupported, // 505 http_version_not_supported
    // Rules (contract §2) and the registration endpoints (§3).
    InvalidEmail,            // 422 invalid_email
    InvalidPassword,         // 422 invalid_password
    UnknownRegion,           // 422 unknown_region
    EmailTaken,              // 409 email_taken
    InvalidCredentials,      // 401 invalid_credentials
    InvalidConfirmationLink, // 400 invalid_confirmation_link
    StepOrder,               // 409 step_order
    AlreadyConfirmed,        // 409 already_confirmed
    InvalidPhone,            // 422 invalid_phone
    PhoneRegionNotAllowed,   // 422 phone_region_not_allowed
    PhoneTaken,              // 409 phone_taken
    InvalidCard,             // 422 invalid_card
    UnsupportedCardBrand,    // 422 unsupported_card_brand
    ExpiredCard,             // 422 expired_card
    AlreadyLinked,           // 409 already_linked
    InvalidAutopayment,      // 422 invalid_autopayment
    AutopaymentUnavailable,  // 409 autopayment_unavailable
    // Invitations (§5).
    InvitationNotFound,      // 404 invitation_not_found
    InvitationExpired,       // 410 invitation_expired
    InvitationUsed,          // 409 invitation_used
    AccountExists,           // 409 account_exists
    InvitationEmailMismatch, // 403 invitation_email_mismatch
    // Support codes (§6).
    SupportCodeNotFound, // 404 support_code_not_found
    // Sandbox routes (§4).
    SandboxFault,  // injected 5xx sandbox_fault
    FaultPlanFull, // 409 fault_plan_full
    // Decided by the client, never sent by a server: the pasted link is not an invitation link.
    InvitationLinkInvalid, // invitation_link_invalid
};

// "email_taken" for ErrorCode::EmailTaken, ...; empty for Unknown (which is never written).
QString wireName(ErrorCode code);
// ErrorCode::Unknown for a name not listed above (or an empty one).
ErrorCode errorCodeFromWire(QStringView name);
// Every code but Unknown, in declaration order.
const QList<ErrorCode> &knownErrorCodes();

} // namespace signup
