#include "client/sandboxdetector.h"

#include "api/registrationclient.h"
#include "api/sandboxtoolsclient.h"

#include <QPointer>
#include <QTimer>
#include <memory>

namespace signup {

namespace {

void askForSandboxInfo(RegistrationClient *client, const ClientConfig &config, bool retryWithSystemStore,
                       const std::function<void(bool)> &finish) {
    auto *tools = new SandboxToolsClient(client, client);
    tools->info(tools, [client, config, retryWithSystemStore, finish](const ApiResult<SandboxInfo> &result) {
        if (retryWithSystemStore && result.error.kind == ApiError::Kind::Tls) {
            client->setBackend(config.apiUrl, config.extraCa, true);
            askForSandboxInfo(client, config, false, finish);
            return;
        }
        finish(result.ok() && result.value.sandbox);
    });
}

} // namespace

void detectSandbox(const ClientConfig &config, int timeoutMs, QObject *context,
                   std::function<void(bool)> done) {
    // One short look: no retries, so an offline start is not held up.
    ClientConfig once = config;
    once.maxAttempts = 1;
    // A sandbox given with its CA (--ca-cert) answers with a certificate of that CA: asked first
    // trusting that CA alone, which needs no read of the system store (150-230 ms). Only when that
    // handshake fails is it asked again trusting the system store as well.
    const bool extraCaFirst = !config.extraCa.isEmpty() && config.trustSystemCa;
    if (extraCaFirst)
        once.trustSystemCa = false;
    auto *client = new RegistrationClient(once);
    auto finished = std::make_shared<bool>(false);
    QPointer<QObject> guard(context);
    std::function<void(bool)> finish = [client, finished, guard, done](bool sandbox) {
        if (*finished)
            return;
        *finished = true;
        client->deleteLater();
        if (guard)
            done(sandbox);
    };
    QTimer::singleShot(timeoutMs, client, [finish] { finish(false); });
    askForSandboxInfo(client, config, extraCaFirst, finish);
}

} // namespace signup
