#pragma once

#include <QList>
#include <QNetworkProxy>
#include <QSslCertificate>
#include <QString>
#include <QUrl>
#include <optional>

namespace signup {

// Everything needed to build the client stack (RegistrationClient + KeychainTokenStore +
// RegistrationController). The wizard fills it from its command line / environment.
struct ClientConfig {
    QUrl apiUrl; // origin of the API: "https://api.example.com[:port]"; /api/v1 is appended
    QList<QSslCertificate> extraCa; // trusted in addition to the system store (the sandbox's CA)
    // false: trust only extraCa. For the embedded sandbox on loopback, whose certificate chains to
    // its own CA and nothing else: the system store is then never read. With an extra CA and the
    // system store, the store is read once per process off the GUI thread, before the first request.
    bool trustSystemCa = true;
    QString keychainService = QStringLiteral("VK Cloud sign-up");
    std::optional<QNetworkProxy> proxy; // unset: the system proxy settings

    int connectTimeoutMs = 10000;          // until the request is sent (TCP + TLS handshake)
    int requestTimeoutMs = 30000;          // a whole attempt, on top of a long poll's wait
    int maxAttempts = 4;                   // first try + automatic retries of one call
    int backoffBaseMs = 500;               // exponential backoff: base * 2^n with jitter ...
    int backoffMaxMs = 8000;               // ... capped here
    int maxAutoRetryAfterSeconds = 5;      // a 429 with a longer Retry-After is returned to the caller
    qint64 maxResponseBytes = 1024 * 1024; // larger answers are refused (BadResponse)
    int keychainTimeoutMs = 5000;          // a locked keyring may wait forever for a prompt
    // Watching the registration when the server answers a long poll at once (it ignores `wait`)
    // or fails: never more often than pollMinMs, backing off to pollMaxMs.
    int pollMinMs = 2000;
    int pollMaxMs = 15000;
    // Storing the session again after the keychain refused (locked, missing), backing off.
    int saveRetryMinMs = 3000;
    int saveRetryMaxMs = 60000;
};

} // namespace signup
