#pragma once

#include "core/errorcode.h"
#include "core/rulecheck.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace signup {

// A failed API call, typed so the UI can say what happened and what to do.
struct ApiError {
    enum class Kind {
        None,        // no error
        Http,        // the server answered 4xx/5xx with the contract's error body (see code)
        Network,     // offline, DNS, connection refused or dropped
        Timeout,     // connect or whole-request timeout
        Tls,         // TLS handshake failed: see tls
        BadResponse, // the server's answer is not what the contract says (malformed JSON, too big)
        Cancelled,
    };
    enum class TlsFailure { None, UntrustedCertificate, HostNameMismatch, Expired, Other };

    Kind kind = Kind::None;
    TlsFailure tls = TlsFailure::None;
    int httpStatus = 0;                  // 0 when no HTTP answer
    ErrorCode code = ErrorCode::Unknown; // the contract's code, typed; Unknown for non-HTTP kinds too
    QString wireCode;    // the code as the server sent it ("email_taken", or a newer server's unknown one)
    QString message;     // English, for logs and support reports (never a secret)
    QString field;       // "email", "password", "phone", "number", "exp", "cvc", ...
    QStringList details; // failed rule ids as the server sent them (a newer server's unknown ones too)
    int retryAfterSeconds = -1; // from Retry-After / error.retry_after, -1 when absent
    QString requestId;          // X-Request-Id of the failed call, for support

    bool isError() const { return kind != Kind::None; }
    // Sets the code from the answer's `error.code`, keeping the wire string as it came.
    void setWireCode(const QString &wire);
    // Sets a code the client decides itself (and its wire name, for diagnostics).
    void setCode(ErrorCode typed);
    // The failed rules of `details`, typed; an id this build does not know reads as RuleId::Unknown.
    QList<RuleId> failedRules() const;
    // A failure that a Retry of the same action may fix (network, timeout, 5xx, 429, 408).
    bool isTransient() const;
    // How a support report names a kind: "ok", "http", "network", "timeout", "tls",
    // "bad_response", "cancelled".
    static QString kindName(Kind kind);
};

} // namespace signup

Q_DECLARE_METATYPE(signup::ApiError)
