#include "embeddedsandboxbackend.h"

#include "sandbox/embeddedsandbox.h"

namespace signup {

namespace {

class EmbeddedSandboxBackend final : public LocalBackend {
public:
    EmbeddedSandboxBackend() {
        connect(&m_sandbox, &EmbeddedSandbox::started, this, [this] { emit started(); });
        connect(&m_sandbox, &EmbeddedSandbox::failed, this, &LocalBackend::failed);
    }

    void start(const Options &options) override { m_sandbox.start(sandboxOptions(options)); }
    bool startAndWait(const Options &options, int timeoutMs) override {
        return m_sandbox.startAndWait(sandboxOptions(options), timeoutMs);
    }
    bool isRunning() const override { return m_sandbox.isRunning(); }
    QUrl baseUrl() const override { return m_sandbox.baseUrl(); }
    QSslCertificate caCertificate() const override { return m_sandbox.caCertificate(); }
    QString supportKey() const override { return m_sandbox.supportKey(); }
    QString errorString() const override { return m_sandbox.errorString(); }

private:
    static SandboxOptions sandboxOptions(const Options &options) {
        SandboxOptions sandbox;
        sandbox.dataDir = options.dataDir;
        sandbox.accessLog = false; // the wizard's terminal is the user's, not a server log
        if (options.passwordHashIterations > 0)
            sandbox.passwordHashIterations = options.passwordHashIterations;
        return sandbox;
    }

    EmbeddedSandbox m_sandbox;
};

} // namespace

std::unique_ptr<LocalBackend> makeEmbeddedSandboxBackend() {
    return std::make_unique<EmbeddedSandboxBackend>();
}

} // namespace signup
