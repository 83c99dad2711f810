// Contract 1.1 "Secrets at rest": after a complete sign-up nothing in the sandbox's data
// directory holds the session token, the password, the card number or the CVC; idempotent
// replays still return the same body, also after a restart; revoked tokens stay revoked.
#include "support/sandboxfixture.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QPasswordDigestor>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace signup;
using namespace signup::test;

namespace {

struct Finding {
    QString file;
    QString what;
};

// Every file under dir (database, -wal, -shm, outbox, logs), read byte by byte.
QList<Finding> scan(const QString &dir, const QList<QPair<QString, QByteArray>> &needles) {
    QList<Finding> found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        for (const auto &[what, needle] : needles)
            if (bytes.contains(needle))
                found.append({path, what});
    }
    return found;
}

QByteArray utf16(const QString &text) {
    return QByteArray(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
}

const QString Password = QStringLiteral("Quartz-Ledger-42");
const QString CardNumber = QStringLiteral("4111111111111111");
const QString CardGrouped = QStringLiteral("4111 1111 1111 1111");
const QString Cvc = QStringLiteral("739");

} // namespace

class SandboxSecretsTest : public QObject {
    Q_OBJECT
private slots:
    void nothingSecretIsStoredAndReplaysStillWork();
    void revokedTokensStayRevokedAfterRestart();
};

void SandboxSecretsTest::nothingSecretIsStoredAndReplaysStillWork() {
    QTemporaryDir dir;
    QByteArray accountBody;
    QByteArray firstAnswer;
    QString token;
    QByteArray cardBody;
    const QString email = QStringLiteral("secret-keeper@example.com");
    {
        auto sandbox = std::make_unique<EmbeddedSandbox>();
        SandboxOptions options = SandboxFixture::fastOptions(dir.path());
        options.cardProcessingMs = 0;
        QVERIFY(sandbox->startAndWait(options));
        SandboxClient client(sandbox->baseUrl(), sandbox->caCertificate());

        accountBody = QJsonDocument(QJsonObject{{QStringLiteral("email"), email},
                                                {QStringLiteral("password"), Password},
                                                {QStringLiteral("region"), QStringLiteral("ru-msk")}})
                          .toJson(QJsonDocument::Compact);
        const Headers json{{"Content-Type", "application/json"}, {"Idempotency-Key", "signup-key-1"}};
        const HttpResult created = client.send("POST", QStringLiteral("/api/v1/accounts"), accountBody, json);
        QCOMPARE(created.status, 201);
        firstAnswer = created.body;
        token = created.json.value(QStringLiteral("session"))
                    .toObject()
                    .value(QStringLiteral("token"))
                    .toString();
        QVERIFY(token.size() >= 22);

        QVERIFY(client.confirmEmail(email));
        QVERIFY(client.confirmPhone(token, QStringLiteral("+79123450077")));
        cardBody = QJsonDocument(QJsonObject{{QStringLiteral("number"), CardGrouped},
                                             {QStringLiteral("exp_month"), 12},
                                             {QStringLiteral("exp_year"), 2035},
                                             {QStringLiteral("cvc"), Cvc}})
                       .toJson(QJsonDocument::Compact);
        const HttpResult card = client.send("POST", QStringLiteral("/api/v1/registration/card"), cardBody,
                                            SandboxClient::auth(token, {{"Content-Type", "application/json"},
                                                                        {"Idempotency-Key", "card-key-1"}}));
        QCOMPARE(card.status, 202);
        QCOMPARE(client.waitForCardDecision(token).value(QStringLiteral("next_step")).toString(),
                 QStringLiteral("done"));
        // A sign-in too: its answer carries a second token.
        const HttpResult signIn =
            client.send("POST", QStringLiteral("/api/v1/sessions"),
                        QJsonDocument(QJsonObject{{QStringLiteral("email"), email},
                                                  {QStringLiteral("password"), Password}})
                            .toJson(QJsonDocument::Compact),
                        {{"Content-Type", "application/json"}, {"Idempotency-Key", "signin-key-1"}});
        QCOMPARE(signIn.status, 201);
        const QString secondToken =
            signIn.json.value(QStringLiteral("session")).toObject().value(QStringLiteral("token")).toString();

        // Replay: the same body, token included.
        const HttpResult replay = client.send("POST", QStringLiteral("/api/v1/accounts"), accountBody, json);
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(replay.body, firstAnswer);
        // The same key with another password is another request, not a way to the stored token.
        QByteArray otherBody = accountBody;
        otherBody.replace(Password.toUtf8(), "Another-Pass-77");
        const HttpResult reused = client.send("POST", QStringLiteral("/api/v1/accounts"), otherBody, json);
        QCOMPARE(reused.status, 422);
        QCOMPARE(reused.errorCode(), QStringLiteral("idempotency_key_reused"));

        sandbox.reset(); // closes the database; -wal and -shm are scanned as left at the last write

        const QList<QPair<QString, QByteArray>> needles{
            {QStringLiteral("token"), token.toUtf8()},
            {QStringLiteral("token (utf-16)"), utf16(token)},
            {QStringLiteral("second token"), secondToken.toUtf8()},
            {QStringLiteral("password"), Password.toUtf8()},
            {QStringLiteral("password (utf-16)"), utf16(Password)},
            {QStringLiteral("card number"), CardNumber.toUtf8()},
            {QStringLiteral("card number (grouped)"), CardGrouped.toUtf8()},
            {QStringLiteral("card number (utf-16)"), utf16(CardNumber)},
            // Three digits alone occur by chance in any binary file: the CVC as it was sent.
            {QStringLiteral("cvc"), "\"cvc\":\"" + Cvc.toUtf8() + '"'},
            {QStringLiteral("cvc field"), "cvc=" + Cvc.toUtf8()},
            // A plain hash of a body is as good as the body to anyone who can guess it.
            {QStringLiteral("sha-256 of the account body"),
             QCryptographicHash::hash("POST\n/api/v1/accounts\n" + accountBody, QCryptographicHash::Sha256)
                 .toHex()},
            {QStringLiteral("sha-256 of the card body"),
             QCryptographicHash::hash("POST\n/api/v1/registration/card\n" + cardBody,
                                      QCryptographicHash::Sha256)
                 .toHex()},
            {QStringLiteral("idempotency key"), QByteArray("signup-key-1")},
        };
        const QList<Finding> found = scan(dir.path(), needles);
        for (const Finding &f : found)
            qWarning("%s found in %s", qPrintable(f.what), qPrintable(f.file));
        QVERIFY(found.isEmpty());
        // The scan does look at the database and its write-ahead log.
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("sandbox.sqlite"))));

        // The stored hash is the same bytes Qt's PBKDF2 gives (what earlier versions stored), so
        // passwords stored before the move to OpenSSL's PBKDF2 keep working.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(dir.filePath(QStringLiteral("sandbox.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(
                QStringLiteral("SELECT password_hash, password_salt, password_iterations FROM accounts")));
            QVERIFY(q.next());
            const QByteArray expected = QPasswordDigestor::deriveKeyPbkdf2(
                QCryptographicHash::Sha256, Password.toUtf8(), QByteArray::fromHex(q.value(1).toByteArray()),
                q.value(2).toInt(), 32);
            QCOMPARE(q.value(0).toByteArray(), expected.toHex());
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }
    // After a restart the replay still returns the same body.
    {
        EmbeddedSandbox sandbox;
        QVERIFY(sandbox.startAndWait(SandboxFixture::fastOptions(dir.path())));
        SandboxClient client(sandbox.baseUrl(), sandbox.caCertificate());
        const HttpResult replay =
            client.send("POST", QStringLiteral("/api/v1/accounts"), accountBody,
                        {{"Content-Type", "application/json"}, {"Idempotency-Key", "signup-key-1"}});
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(replay.body, firstAnswer);
        QCOMPARE(client.get(QStringLiteral("/api/v1/registration"), SandboxClient::auth(token)).status, 200);
    }
}

void SandboxSecretsTest::revokedTokensStayRevokedAfterRestart() {
    QTemporaryDir dir;
    QString token;
    {
        EmbeddedSandbox sandbox;
        QVERIFY(sandbox.startAndWait(SandboxFixture::fastOptions(dir.path())));
        SandboxClient client(sandbox.baseUrl(), sandbox.caCertificate());
        token = client.createAccount(QStringLiteral("revoked@example.com"));
        QVERIFY(!token.isEmpty());
        QCOMPARE(client.del(QStringLiteral("/api/v1/sessions/current"), SandboxClient::auth(token)).status,
                 204);
        QCOMPARE(client.get(QStringLiteral("/api/v1/registration"), SandboxClient::auth(token)).status, 401);
    }
    EmbeddedSandbox sandbox;
    QVERIFY(sandbox.startAndWait(SandboxFixture::fastOptions(dir.path())));
    SandboxClient client(sandbox.baseUrl(), sandbox.caCertificate());
    const HttpResult r = client.get(QStringLiteral("/api/v1/registration"), SandboxClient::auth(token));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
}

QTEST_MAIN(SandboxSecretsTest)
#include "tst_sandbox_secrets.moc"
