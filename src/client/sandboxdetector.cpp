#include "client/sandboxdetector.h"

#include "api/registrationclient.h"

#include <QPointer>
#include <QTimer>
#include <memory>

namespace signup {

void detectSandbox(const ClientConfig &config, int timeoutMs, QObject *context,
                   std::function<void(bool)> done) {
    // One short look: no retries, so an offline start is not held up.
    ClientConfig once = config;
    once.maxAttempts = 1;
    auto *client = new RegistrationClient(once);
    auto finished = std::make_shared<bool>(false);
    QPointer<QObject> guard(context);
    auto finish = [client, finished, guard, done](bool sandbox) {
        if (*finished)
            return;
        *finished = true;
        client->deleteLater();
        if (guard)
            done(sandbox);
    };
    QTimer::singleShot(timeoutMs, client, [finish] { finish(false); });
    client->sandboxInfo(client, [finish](const ApiResult<SandboxInfo> &result) {
        finish(result.ok() && result.value.sandbox);
    });
}

} // namespace signup
