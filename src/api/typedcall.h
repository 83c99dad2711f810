#pragma once

// How a typed call of RegistrationClient or SandboxToolsClient turns an ApiCall's answer into an
// ApiResult<T>: shared by both clients, not part of the module's interface.

#include "api/apitypes.h"
#include "api/registrationclient.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace signup::typedcall {

inline ApiError badResponse(const QString &message) {
    ApiError e;
    e.kind = ApiError::Kind::BadResponse;
    e.message = message;
    return e;
}

inline QByteArray toBody(const QJsonObject &o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

inline ApiCall::Spec makeSpec(const QByteArray &method, const QString &path) {
    ApiCall::Spec spec;
    spec.method = method;
    spec.path = path;
    return spec;
}

// Connects a call to a typed callback; `parse` turns the success body into T or fails with BadResponse.
template <typename T, typename Parse>
ApiCall *deliver(ApiCall *call, QObject *context, RegistrationClient::Done<T> done, Parse parse) {
    QObject::connect(call, &ApiCall::finished, context ? context : call,
                     [call, done = std::move(done), parse] {
                         ApiResult<T> result;
                         result.error = call->error();
                         if (!result.error.isError()) {
                             QString problem;
                             if (!parse(call->body(), &result.value, &problem)) {
                                 result.error = badResponse(problem);
                                 result.error.httpStatus = call->httpStatus();
                             }
                         }
                         if (done)
                             done(result);
                     });
    return call;
}

inline bool parseNothing(const QJsonObject &, NoContent *, QString *) {
    return true;
}

inline bool parseCard(const QJsonObject &o, CardState *out, QString *problem) {
    const QJsonObject card = o.value(QLatin1String("card")).toObject();
    if (!card.value(QLatin1String("status")).isString()) {
        *problem = QStringLiteral("the answer has no card object");
        return false;
    }
    *out = CardState::fromJson(card);
    return true;
}

} // namespace signup::typedcall
