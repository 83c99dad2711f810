// The pure parts of the API layer: which errors a retry may fix, origins, keys, fault bodies.

#include "api/registrationclient.h"

#include <QRegularExpression>
#include <QTest>

using namespace signup;

class TestApiError : public QObject {
    Q_OBJECT
private slots:
    void transientErrors_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("transient");
        using K = ApiError::Kind;
        QTest::newRow("network") << int(K::Network) << 0 << QString() << true;
        QTest::newRow("timeout") << int(K::Timeout) << 0 << QString() << true;
        QTest::newRow("503") << int(K::Http) << 503 << QStringLiteral("sandbox_fault") << true;
        QTest::newRow("500") << int(K::Http) << 500 << QString() << true;
        QTest::newRow("408") << int(K::Http) << 408 << QString() << true;
        QTest::newRow("429") << int(K::Http) << 429 << QStringLiteral("rate_limited") << true;
        QTest::newRow("in progress") << int(K::Http) << 409 << QStringLiteral("request_in_progress") << true;
        QTest::newRow("email taken") << int(K::Http) << 409 << QStringLiteral("email_taken") << false;
        QTest::newRow("422") << int(K::Http) << 422 << QStringLiteral("invalid_email") << false;
        QTest::newRow("401") << int(K::Http) << 401 << QStringLiteral("unauthorized") << false;
        QTest::newRow("tls") << int(K::Tls) << 0 << QString() << false;
        QTest::newRow("bad response") << int(K::BadResponse) << 200 << QString() << false;
        QTest::newRow("cancelled") << int(K::Cancelled) << 0 << QString() << false;
        QTest::newRow("none") << int(K::None) << 0 << QString() << false;
    }
    void transientErrors() {
        QFETCH(int, kind);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(bool, transient);
        ApiError e;
        e.kind = ApiError::Kind(kind);
        e.httpStatus = status;
        e.setWireCode(code);
        QCOMPARE(e.isTransient(), transient);
    }

    void codesAreTypedAndKeptAsSent() {
        // A code of the contract reads as its enum value; a newer server's code reads as Unknown
        // and stays available as sent, for the diagnostics report and support.
        ApiError known;
        known.setWireCode(QStringLiteral("phone_taken"));
        QCOMPARE(known.code, ErrorCode::PhoneTaken);
        QCOMPARE(known.wireCode, QStringLiteral("phone_taken"));
        ApiError newer;
        newer.setWireCode(QStringLiteral("phone_blocked"));
        QCOMPARE(newer.code, ErrorCode::Unknown);
        QCOMPARE(newer.wireCode, QStringLiteral("phone_blocked"));
        ApiError decided;
        decided.setCode(ErrorCode::InvitationLinkInvalid);
        QCOMPARE(decided.wireCode, QStringLiteral("invitation_link_invalid"));
    }

    void originIncludesTheDefaultPort() {
        QCOMPARE(RegistrationClient::originOf(QUrl(QStringLiteral("https://API.example.com/api/v1"))),
                 QStringLiteral("https://api.example.com:443"));
        QCOMPARE(RegistrationClient::originOf(QUrl(QStringLiteral("https://127.0.0.1:8443"))),
                 QStringLiteral("https://127.0.0.1:8443"));
    }

    void idempotencyKeysAreFreshAndValid() {
        const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
        QSet<QString> seen;
        for (int i = 0; i < 100; ++i) {
            const QString key = RegistrationClient::newIdempotencyKey();
            QVERIFY2(allowed.match(key).hasMatch(), qPrintable(key));
            seen.insert(key);
        }
        QCOMPARE(seen.size(), 100);
    }

    void faultBodyLeavesOutUnsetFields() {
        SandboxFault f;
        f.path = QStringLiteral("/api/v1/accounts");
        f.status = 503;
        const QJsonObject o = f.toJson();
        QCOMPARE(o.value(QLatin1String("status")).toInt(), 503);
        QCOMPARE(o.value(QLatin1String("count")).toInt(), 1);
        QVERIFY(!o.contains(QLatin1String("drop")));
        QVERIFY(!o.contains(QLatin1String("method")));
    }

    void kindNamesForSupport() {
        // What a support report says for each kind: one name each, none empty.
        const QList<QPair<ApiError::Kind, QString>> names{
            {ApiError::Kind::None, QStringLiteral("ok")},
            {ApiError::Kind::Http, QStringLiteral("http")},
            {ApiError::Kind::Network, QStringLiteral("network")},
            {ApiError::Kind::Timeout, QStringLiteral("timeout")},
            {ApiError::Kind::Tls, QStringLiteral("tls")},
            {ApiError::Kind::BadResponse, QStringLiteral("bad_response")},
            {ApiError::Kind::Cancelled, QStringLiteral("cancelled")}};
        for (const auto &[kind, name] : names)
            QCOMPARE(ApiError::kindName(kind), name);
    }

    void requestsFormatForSupport() {
        RequestRecord r;
        r.startedAt = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);
        r.requestId = QStringLiteral("cABC");
        r.method = QStringLiteral("GET");
        r.path = QStringLiteral("/api/v1/registration?wait=25&since=7");
        r.httpStatus = 200;
        r.durationMs = 25012;
        r.outcome = ApiError::Kind::None;
        const QString text = RegistrationClient::formatRequests({r});
        QCOMPARE(text, QStringLiteral(
                           "2026-11-28T10:00:00.000Z GET /api/v1/registration?wait=25&since=7 -> 200 ok in "
                           "25012 ms (request cABC, attempt 1)\n"));
    }
};

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
