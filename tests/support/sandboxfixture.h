#pragma once

// The one way tests start a sandbox: a real EmbeddedSandbox over HTTPS with its own CA, on a
// throwaway data directory, with fast password hashing. Used by the sandbox, api, session, client
// and wizard tests alike.

#include "sandbox/embeddedsandbox.h"
#include "support/sandboxclient.h"

#include <QTemporaryDir>
#include <functional>
#include <memory>

namespace signup {
struct ClientConfig; // api/clientconfig.h: the sandbox tests need no part of the client
}

namespace signup::test {

class SandboxFixture {
public:
    // `tweak` adjusts the test options (fastOptions) before the start.
    explicit SandboxFixture(const std::function<void(SandboxOptions &)> &tweak = {});
    // Starts with `options` as given, but on this fixture's data directory and with fast hashing.
    explicit SandboxFixture(const SandboxOptions &options);

    // What every test starts from: the data directory, 1000 hashing iterations, a 100 ms linger
    // after a refused request, a 50 ms card processor, and the access log only when
    // VKSIGNUP_TEST_ACCESS_LOG is set.
    static SandboxOptions fastOptions(const QString &dataDir);

    bool ok() const { return sandbox && sandbox->isRunning(); }
    QString errorString() const { return sandbox ? sandbox->errorString() : QStringLiteral("stopped"); }
    QUrl baseUrl() const { return sandbox->baseUrl(); }
    QSslCertificate caCertificate() const { return sandbox->caCertificate(); }
    QString supportKey() const { return sandbox->supportKey(); }

    // The raw HTTPS client (exact requests, no retries) ...
    SandboxClient client() const { return SandboxClient(sandbox->baseUrl(), sandbox->caCertificate()); }
    // ... and the configuration of the product's client stack (include support/apitest.h), trusting the
    // sandbox's CA in addition to the system store, with quick retries (the policy is the same).
    ClientConfig config() const;

    // What the server is busy with now, and waiting (the event loop running) until `condition`
    // holds: how a test knows a request has reached the server, instead of sleeping.
    SandboxActivity activity() const { return sandbox->activity(); }
    bool waitUntil(const std::function<bool(const SandboxActivity &)> &condition,
                   int timeoutMs = 10000) const;

    QTemporaryDir dir;
    // Reset to stop the server (the data directory stays); a test may start another on `dir`.
    std::unique_ptr<EmbeddedSandbox> sandbox;
};

} // namespace signup::test
