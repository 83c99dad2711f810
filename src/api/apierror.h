#pragma once

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
    int httpStatus = 0;         // 0 when no HTTP answer
    QString code;               // contract code ("email_taken", "rate_limited", ...); "" for non-HTTP kinds
    QString message;            // English, for logs and support reports (never a secret)
    QString field;              // "email", "password", "phone", "number", "exp", "cvc", ...
    QStringList details;        // failed rule ids
    int retryAfterSeconds = -1; // from Retry-After / error.retry_after, -1 when absent
    QString requestId;          // X-Request-Id of the failed call, for support

    bool isError() const { return kind != Kind::None; }
    // A failure that a Retry of the same action may fix (network, timeout, 5xx, 429, 408).
    bool isTransient() const;
};

} // namespace signup

Q_DECLARE_METATYPE(signup::ApiError)
