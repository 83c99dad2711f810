#include "support/sandboxclient.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>

namespace signup::test {

QString HttpResult::errorCode() const {
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QString HttpResult::errorField() const {
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString();
}

SandboxClient::SandboxClient(const QUrl &baseUrl, const QSslCertificate &extraCa)
    : m_baseUrl(baseUrl)
    , m_nam(std::make_unique<QNetworkAccessManager>()) {
    m_tls = QSslConfiguration::defaultConfiguration();
    // The system store is read once per process, as the product's client does (reading its ~150
    // files takes 0.2-0.5 s, and tests make a client per case).
    static const QList<QSslCertificate> systemCas = QSslConfiguration::systemCaCertificates();
    QList<QSslCertificate> cas = systemCas;
    if (!extraCa.isNull())
        cas.append(extraCa);
    m_tls.setCaCertificates(cas);
}

QNetworkReply *SandboxClient::start(const QByteArray &method, const QString &pathAndQuery,
                                    const QByteArray &body, const Headers &headers) {
    QNetworkRequest request(QUrl(m_baseUrl.toString() + pathAndQuery));
    request.setSslConfiguration(m_tls);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return m_nam->sendCustomRequest(request, method, body);
}

HttpResult SandboxClient::wait(QNetworkReply *reply, int timeoutMs) {
    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    HttpResult result;
    if (!reply->isFinished()) {
        reply->abort();
        result.error = QNetworkReply::TimeoutError;
    } else {
        result.error = reply->error();
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        result.headers.insert(name.toLower(), value);
    result.json = QJsonDocument::fromJson(result.body).object();
    reply->deleteLater();
    return result;
}

HttpResult SandboxClient::send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                               const Headers &headers) {
    return wait(start(method, pathAndQuery, body, headers));
}

HttpResult SandboxClient::get(const QString &pathAndQuery, const Headers &headers) {
    return send("GET", pathAndQuery, {}, headers);
}

HttpResult SandboxClient::post(const QString &path, const QJsonObject &body, const Headers &headers) {
    return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

HttpResult SandboxClient::put(const QString &path, const QJsonObject &body, const Headers &headers) {
    return send("PUT", path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

HttpResult SandboxClient::del(const QString &path, const Headers &headers) {
    return send("DELETE", path, {}, headers);
}

Headers SandboxClient::auth(const QString &token, const Headers &more) {
    Headers headers{{"Authorization", "Bearer " + token.toLatin1()}};
    headers.append(more);
    return headers;
}

QString SandboxClient::createAccount(const QString &email, const QString &region, const QString &language) {
    const HttpResult r =
        post(QStringLiteral("/api/v1/accounts"), {{QStringLiteral("email"), email},
                                                  {QStringLiteral("password"), StrongPassword},
                                                  {QStringLiteral("region"), region},
                                                  {QStringLiteral("language"), language}});
    if (r.status != 201)
        return {};
    return r.json.value(QStringLiteral("session")).toObject().value(QStringLiteral("token")).toString();
}

QString SandboxClient::confirmUrl(const QString &email) {
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("to"), email);
    const HttpResult r = get(QStringLiteral("/sandbox/v1/outbox?") + query.toString(QUrl::FullyEncoded));
    return r.json.value(QStringLiteral("messages"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("confirm_url"))
        .toString();
}

bool SandboxClient::confirmEmail(const QString &email) {
    const QString url = confirmUrl(email);
    if (!url.startsWith(m_baseUrl.toString()))
        return false;
    return send("GET", url.mid(m_baseUrl.toString().size()), {}, {{"Accept", "application/json"}}).status ==
           200;
}

bool SandboxClient::confirmPhone(const QString &token, const QString &phone) {
    const HttpResult r =
        post(QStringLiteral("/api/v1/registration/phone"), {{QStringLiteral("phone"), phone}}, auth(token));
    if (r.status != 202)
        return false;
    const QString callTo =
        r.json.value(QStringLiteral("phone")).toObject().value(QStringLiteral("call_to")).toString();
    const HttpResult call = post(QStringLiteral("/sandbox/v1/calls"),
                                 {{QStringLiteral("from"), phone}, {QStringLiteral("to"), callTo}});
    const QString callId = call.json.value(QStringLiteral("call_id")).toString();
    const QString digits = call.json.value(QStringLiteral("robot_says")).toString().remove(u' ');
    if (callId.isEmpty() || digits.isEmpty())
        return false;
    const HttpResult dtmf =
        post(QStringLiteral("/sandbox/v1/calls/%1/dtmf").arg(callId), {{QStringLiteral("digits"), digits}});
    return dtmf.json.value(QStringLiteral("result")).toString() == QLatin1String("confirmed");
}

QJsonObject SandboxClient::registration(const QString &token) {
    return get(QStringLiteral("/api/v1/registration"), auth(token)).json;
}

QJsonObject SandboxClient::waitForCardDecision(const QString &token) {
    QJsonObject reg = registration(token);
    for (int i = 0; i < 10; ++i) {
        if (reg.value(QStringLiteral("card")).toObject().value(QStringLiteral("status")).toString() !=
            QLatin1String("processing"))
            return reg;
        reg = get(QStringLiteral("/api/v1/registration?wait=5&since=%1")
                      .arg(reg.value(QStringLiteral("version")).toInteger()),
                  auth(token))
                  .json;
    }
    return reg;
}

} // namespace signup::test
