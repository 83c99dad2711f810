#pragma once

// Test support shared by the api, session and client tests: a real sandbox over HTTPS on a
// throwaway data directory, and a way to wait for an asynchronous RegistrationClient call.

#include "api/registrationclient.h"
#include "sandbox/embeddedsandbox.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <memory>
#include <optional>

namespace signup::test {

class SandboxFixture {
public:
    explicit SandboxFixture(const SandboxOptions &tweaks = SandboxOptions()) {
        SandboxOptions options = tweaks;
        options.dataDir = m_dir.path();
        options.passwordHashIterations = 1000;
        options.accessLog = qEnvironmentVariableIsSet("VKSIGNUP_TEST_ACCESS_LOG");
        m_started = m_sandbox.startAndWait(options, 30000);
    }
    bool isRunning() const { return m_started && m_sandbox.isRunning(); }
    QString errorString() const { return m_sandbox.errorString(); }
    QUrl baseUrl() const { return m_sandbox.baseUrl(); }
    QString supportKey() const { return m_sandbox.supportKey(); }

    // A client that trusts the sandbox's CA (in addition to the system store).
    ClientConfig config() const {
        ClientConfig c;
        c.apiUrl = m_sandbox.baseUrl();
        c.extraCa = {m_sandbox.caCertificate()};
        c.keychainService = QStringLiteral("VK Cloud sign-up test");
        c.backoffBaseMs = 100; // keeps retries quick; the policy is the same
        c.backoffMaxMs = 1000;
        return c;
    }

private:
    QTemporaryDir m_dir;
    EmbeddedSandbox m_sandbox;
    bool m_started = false;
};

// Runs `start(done)` and waits for its callback (the event loop keeps running meanwhile).
template <typename T, typename Start> ApiResult<T> await(Start start, int timeoutMs = 30000) {
    std::optional<ApiResult<T>> result;
    start([&result](const ApiResult<T> &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs)) {
        ApiResult<T> timedOut;
        timedOut.error.kind = ApiError::Kind::Timeout;
        timedOut.error.message = QStringLiteral("the test gave up waiting");
        return timedOut;
    }
    return *result;
}

inline QString uniqueEmail(const QString &tag) {
    return QStringLiteral("%1.%2@example.com").arg(tag, QUuid::createUuid().toString(QUuid::Id128).left(10));
}

inline const QString kPassword = QStringLiteral("Str0ng-Passw0rd");

inline QString describe(const ApiError &e) {
    return QStringLiteral("kind %1 status %2 code '%3' message '%4' field '%5'")
        .arg(int(e.kind))
        .arg(e.httpStatus)
        .arg(e.wireCode, e.message, e.field);
}

} // namespace signup::test
