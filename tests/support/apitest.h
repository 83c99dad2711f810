#pragma once

// What the tests of the product's client share: the sandbox fixture with the client's
// configuration, waiting for an asynchronous call of RegistrationClient or SandboxToolsClient,
// and a few values.

#include "api/apitypes.h"
#include "api/clientconfig.h"
#include "api/registrationclient.h"
#include "api/sandboxtoolsclient.h"
#include "support/sandboxfixture.h"
#include "support/waitfor.h"

#include <QTest>
#include <QUuid>
#include <optional>

namespace signup::test {

// Runs `start(done)` and waits for its callback (the event loop keeps running meanwhile).
template <typename T, typename Start> ApiResult<T> await(Start start, int timeoutMs = 30000) {
    std::optional<ApiResult<T>> result;
    start([&result](const ApiResult<T> &r) { result = r; });
    if (!waitFor([&] { return result.has_value(); }, timeoutMs)) {
        ApiResult<T> timedOut;
        timedOut.error.kind = ApiError::Kind::Timeout;
        timedOut.error.message = QStringLiteral("the test gave up waiting");
        return timedOut;
    }
    return *result;
}

// Waits until `client` has no call in flight but long polls (which answer only a change made
// elsewhere) and what the last answer posted is delivered: from then on no answer to anything this
// client did can arrive, so "exactly one" can be counted without a sleep.
inline bool settled(RegistrationClient *client, int timeoutMs = 30000) {
    const auto idle = [client] { return client->callsInFlight() == client->longPollsInFlight(); };
    if (!waitFor(idle, timeoutMs))
        return false;
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    return idle();
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
