#include "api/apierror.h"

namespace signup {

void ApiError::setWireCode(const QString &wire) {
    wireCode = wire;
    code = errorCodeFromWire(wire);
}

void ApiError::setCode(ErrorCode typed) {
    code = typed;
    wireCode = wireName(typed);
}

QList<RuleId> ApiError::failedRules() const {
    QList<RuleId> rules;
    rules.reserve(details.size());
    for (const QString &id : details)
        rules.append(ruleIdFromWire(id));
    return rules;
}

bool ApiError::isTransient() const {
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
        return true;
    case Kind::Http:
        // 409 request_in_progress: the first request with this key is still running; the
        // same action with the same key gets its answer later.
        return httpStatus >= 500 || httpStatus == 408 || httpStatus == 429 ||
               (httpStatus == 409 && code == ErrorCode::RequestInProgress);
    case Kind::None:
    case Kind::Tls:
    case Kind::BadResponse:
    case Kind::Cancelled:
        return false;
    }
    return false;
}

QString ApiError::kindName(Kind kind) {
    switch (kind) {
    case ApiError::Kind::None:
        return QStringLiteral("ok");
    case ApiError::Kind::Http:
        return QStringLiteral("http");
    case ApiError::Kind::Network:
        return QStringLiteral("network");
    case ApiError::Kind::Timeout:
        return QStringLiteral("timeout");
    case ApiError::Kind::Tls:
        return QStringLiteral("tls");
    case ApiError::Kind::BadResponse:
        return QStringLiteral("bad_response");
    case ApiError::Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace signup
