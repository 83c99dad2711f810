#pragma once

#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QUrl>
#include <memory>

namespace signup::test {

struct HttpResult {
    int status = 0; // 0 when there was no HTTP answer
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QJsonObject json;
    QHash<QByteArray, QByteArray> headers; // names in lower case

    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
    QString errorCode() const;  // error.code
    QString errorField() const; // error.field
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

// The raw HTTPS client of the tests: a real QNetworkAccessManager that trusts the system CAs plus,
// when given, the sandbox's CA, and sends exactly the bytes a test asks for (no retries, no
// Idempotency-Key of its own). Calls block on a local event loop: test code only.
class SandboxClient {
public:
    SandboxClient(const QUrl &baseUrl, const QSslCertificate &extraCa);

    QNetworkReply *start(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
                         const Headers &headers = {});
    static HttpResult wait(QNetworkReply *reply, int timeoutMs = 40000);

    HttpResult send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
                    const Headers &headers = {});
    HttpResult get(const QString &pathAndQuery, const Headers &headers = {});
    HttpResult post(const QString &path, const QJsonObject &body, const Headers &headers = {});
    HttpResult put(const QString &path, const QJsonObject &body, const Headers &headers = {});
    HttpResult del(const QString &path, const Headers &headers = {});

    // Steps of the flow; each returns an empty string / false on failure.
    QString createAccount(const QString &email, const QString &region = QStringLiteral("ru-msk"),
                          const QString &language = QStringLiteral("en"));
    QString confirmUrl(const QString &email); // newest outbox message
    bool confirmEmail(const QString &email);
    bool confirmPhone(const QString &token, const QString &phone);
    QJsonObject registration(const QString &token);
    // Polls GET /registration until card.status is not "processing" (long polling).
    QJsonObject waitForCardDecision(const QString &token);

    static Headers auth(const QString &token, const Headers &more = {});
    QUrl baseUrl() const { return m_baseUrl; }

private:
    QUrl m_baseUrl;
    QSslConfiguration m_tls;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

inline const QString StrongPassword = QStringLiteral("Secret-Pass1");

} // namespace signup::test
