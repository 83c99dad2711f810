#pragma once

#include "api/clientconfig.h"

#include <QObject>
#include <functional>

namespace signup {

// Asks a backend whether it is a sandbox (GET /sandbox/v1/info, answered only by a sandbox), so that
// the wizard shows the sandbox banner and tools for a shared training server given with --api-url.
// `done` runs exactly once on the caller's thread: true for a sandbox; false for a production
// server (404), no answer within timeoutMs, or any failure — the wizard then starts as usual.
void detectSandbox(const ClientConfig &config, int timeoutMs, QObject *context,
                   std::function<void(bool)> done);

} // namespace signup
