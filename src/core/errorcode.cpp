#include "core/errorcode.h"

namespace signup {

QString wireName(ErrorCode code) {
    switch (code) {
    case ErrorCode::MalformedRequest:
        return QStringLiteral("malformed_request");
    case ErrorCode::PayloadTooLarge:
        return QStringLiteral("payload_too_large");
    case ErrorCode::HeadersTooLarge:
        return QStringLiteral("headers_too_large");
    case ErrorCode::Unauthorized:
        return QStringLiteral("unauthorized");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::MethodNotAllowed:
        return QStringLiteral("method_not_allowed");
    case ErrorCode::RequestTimeout:
        return QStringLiteral("request_timeout");
    case ErrorCode::IdempotencyKeyReused:
        return QStringLiteral("idempotency_key_reused");
    case ErrorCode::RequestInProgress:
        return QStringLiteral("request_in_progress");
    case ErrorCode::RateLimited:
        return QStringLiteral("rate_limited");
    case ErrorCode::InternalError:
        return QStringLiteral("internal_error");
    case ErrorCode::NotImplemented:
        return QStringLiteral("not_implemented");
    case ErrorCode::ServerBusy:
        return QStringLiteral("server_busy");
    case ErrorCode::HttpVersionNotSupported:
        return QStringLiteral("http_version_not_supported");
    case ErrorCode::InvalidEmail:
        return QStringLiteral("invalid_email");
    case ErrorCode::InvalidPassword:
        return QStringLiteral("invalid_password");
    case ErrorCode::UnknownRegion:
        return QStringLiteral("unknown_region");
    case ErrorCode::EmailTaken:
        return QStringLiteral("email_taken");
    case ErrorCode::InvalidCredentials:
        return QStringLiteral("invalid_credentials");
    case ErrorCode::InvalidConfirmationLink:
        return QStringLiteral("invalid_confirmation_link");
    case ErrorCode::StepOrder:
        return QStringLiteral("step_order");
    case ErrorCode::AlreadyConfirmed:
        return QStringLiteral("already_confirmed");
    case ErrorCode::InvalidPhone:
        return QStringLiteral("invalid_phone");
    case ErrorCode::PhoneRegionNotAllowed:
        return QStringLiteral("phone_region_not_allowed");
    case ErrorCode::PhoneTaken:
        return QStringLiteral("phone_taken");
    case ErrorCode::InvalidCard:
        return QStringLiteral("invalid_card");
    case ErrorCode::UnsupportedCardBrand:
        return QStringLiteral("unsupported_card_brand");
    case ErrorCode::ExpiredCard:
        return QStringLiteral("expired_card");
    case ErrorCode::AlreadyLinked:
        return QStringLiteral("already_linked");
    case ErrorCode::InvalidAutopayment:
        return QStringLiteral("invalid_autopayment");
    case ErrorCode::AutopaymentUnavailable:
        return QStringLiteral("autopayment_unavailable");
    case ErrorCode::InvitationNotFound:
        return QStringLiteral("invitation_not_found");
    case ErrorCode::InvitationExpired:
        return QStringLiteral("invitation_expired");
    case ErrorCode::InvitationUsed:
        return QStringLiteral("invitation_used");
    case ErrorCode::AccountExists:
        return QStringLiteral("account_exists");
    case ErrorCode::InvitationEmailMismatch:
        return QStringLiteral("invitation_email_mismatch");
    case ErrorCode::SupportCodeNotFound:
        return QStringLiteral("support_code_not_found");
    case ErrorCode::SandboxFault:
        return QStringLiteral("sandbox_fault");
    case ErrorCode::FaultPlanFull:
        return QStringLiteral("fault_plan_full");
    case ErrorCode::InvitationLinkInvalid:
        return QStringLiteral("invitation_link_invalid");
    case ErrorCode::Unknown:
        break;
    }
    return {};
}

const QList<ErrorCode> &knownErrorCodes() {
    static const QList<ErrorCode> codes{ErrorCode::MalformedRequest,
                                        ErrorCode::PayloadTooLarge,
                                        ErrorCode::HeadersTooLarge,
                                        ErrorCode::Unauthorized,
                                        ErrorCode::NotFound,
                                        ErrorCode::MethodNotAllowed,
                                        ErrorCode::RequestTimeout,
                                        ErrorCode::IdempotencyKeyReused,
                                        ErrorCode::RequestInProgress,
                                        ErrorCode::RateLimited,
                                        ErrorCode::InternalError,
                                        ErrorCode::NotImplemented,
                                        ErrorCode::ServerBusy,
                                        ErrorCode::HttpVersionNotSupported,
                                        ErrorCode::InvalidEmail,
                                        ErrorCode::InvalidPassword,
                                        ErrorCode::UnknownRegion,
                                        ErrorCode::EmailTaken,
                                        ErrorCode::InvalidCredentials,
                                        ErrorCode::InvalidConfirmationLink,
                                        ErrorCode::StepOrder,
                                        ErrorCode::AlreadyConfirmed,
                                        ErrorCode::InvalidPhone,
                                        ErrorCode::PhoneRegionNotAllowed,
                                        ErrorCode::PhoneTaken,
                                        ErrorCode::InvalidCard,
                                        ErrorCode::UnsupportedCardBrand,
                                        ErrorCode::ExpiredCard,
                                        ErrorCode::AlreadyLinked,
                                        ErrorCode::InvalidAutopayment,
                                        ErrorCode::AutopaymentUnavailable,
                                        ErrorCode::InvitationNotFound,
                                        ErrorCode::InvitationExpired,
                                        ErrorCode::InvitationUsed,
                                        ErrorCode::AccountExists,
                                        ErrorCode::InvitationEmailMismatch,
                                        ErrorCode::SupportCodeNotFound,
                                        ErrorCode::SandboxFault,
                                        ErrorCode::FaultPlanFull,
                                        ErrorCode::InvitationLinkInvalid};
    return codes;
}

ErrorCode errorCodeFromWire(QStringView name) {
    if (name.isEmpty())
        return ErrorCode::Unknown;
    // About forty names, looked up a few times per failed request: a scan is enough.
    for (ErrorCode code : knownErrorCodes()) {
        if (wireName(code) == name)
            return code;
    }
    return ErrorCode::Unknown;
}

} // namespace signup
