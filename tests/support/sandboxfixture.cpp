#include "support/sandboxfixture.h"

#include "api/clientconfig.h"
#include "support/waitfor.h"

#include <QTest>

namespace signup::test {

SandboxOptions SandboxFixture::fastOptions(const QString &dataDir) {
    SandboxOptions options;
    options.dataDir = dataDir;
    options.passwordHashIterations = 1000;
    // A refused request's connection closes after 100 ms instead of a second: time enough for the
    // client to read the whole answer before the close (tst_sandbox_limits checks that it does).
    options.lingerMs = 100;
    // The card processor answers after 50 ms instead of 700: a card is still "processing" in the
    // answer to its POST (the decision comes from a timer), and tests wait for the decision itself.
    options.cardProcessingMs = 50;
    options.accessLog = qEnvironmentVariableIsSet("VKSIGNUP_TEST_ACCESS_LOG");
    return options;
}

SandboxFixture::SandboxFixture(const std::function<void(SandboxOptions &)> &tweak) {
    SandboxOptions options = fastOptions(dir.path());
    if (tweak)
        tweak(options);
    sandbox = std::make_unique<EmbeddedSandbox>();
    if (!sandbox->startAndWait(options, 30000))
        qWarning("sandbox did not start: %s", qPrintable(sandbox->errorString()));
}

SandboxFixture::SandboxFixture(const SandboxOptions &options)
    : SandboxFixture([&options](SandboxOptions &o) {
        const SandboxOptions fast = o;
        o = options;
        o.dataDir = fast.dataDir;
        o.passwordHashIterations = fast.passwordHashIterations;
        o.accessLog = fast.accessLog;
    }) {}

ClientConfig SandboxFixture::config() const {
    ClientConfig c;
    c.apiUrl = sandbox->baseUrl();
    c.extraCa = {sandbox->caCertificate()};
    c.keychainService = QStringLiteral("VK Cloud sign-up test");
    c.backoffBaseMs = 25; // keeps retries quick (25, 50, 100 ms with jitter); the policy is the same
    c.backoffMaxMs = 200;
    return c;
}

bool SandboxFixture::waitUntil(const std::function<bool(const SandboxActivity &)> &condition,
                               int timeoutMs) const {
    return waitFor([&] { return condition(sandbox->activity()); }, timeoutMs);
}

} // namespace signup::test
