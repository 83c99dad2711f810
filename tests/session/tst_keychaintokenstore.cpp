// KeychainTokenStore against the real Secret Service (gnome-keyring on a private bus, see
// tests/with-keyring.sh).

#include "../support/waitfor.h" // header only: this test does not link the test support
#include "keychaintestsupport.h"
#include "session/keychaintokenstore.h"

#include <QSignalSpy>
#include <QTest>
#include <optional>

using namespace signup;
using namespace signup::test;

namespace {
const QString kService = QStringLiteral("VK Cloud sign-up store test");

KeychainTokenStore::Result await(KeychainTokenStore &store,
                                 const std::function<void(KeychainTokenStore::Callback)> &op) {
    std::optional<KeychainTokenStore::Result> result;
    op([&result](const KeychainTokenStore::Result &r) { result = r; });
    if (!waitFor([&] { return result.has_value(); }, store.timeoutMs() + 5000))
        return {KeychainTokenStore::Status::TimedOut, {}, QStringLiteral("no result at all")};
    return *result;
}
} // namespace

class TestKeychainTokenStore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (!qEnvironmentVariableIsSet("VKSIGNUP_TEST_HOME"))
            QFAIL("run under tests/with-keyring.sh (ctest does): it provides a private, unlocked keyring");
    }

    void writeReadRemove() {
        KeychainTokenStore store(kService, QStringLiteral("https://127.0.0.1:8443"));
        const QString token = QStringLiteral("tok_") + QString(40, QLatin1Char('x'));
        auto written = await(store, [&](auto done) { store.write(token, this, done); });
        QVERIFY2(written.ok(), qPrintable(written.message));
        QCOMPARE(secretToolLookup(kService, QStringLiteral("https://127.0.0.1:8443")), token);

        auto read = await(store, [&](auto done) { store.read(this, done); });
        QCOMPARE(read.status, KeychainTokenStore::Status::Ok);
        QCOMPARE(read.token, token);

        auto removed = await(store, [&](auto done) { store.remove(this, done); });
        QVERIFY2(removed.ok(), qPrintable(removed.message));
        QCOMPARE(secretToolLookup(kService, QStringLiteral("https://127.0.0.1:8443")), QString());
        read = await(store, [&](auto done) { store.read(this, done); });
        QCOMPARE(read.status, KeychainTokenStore::Status::NotFound);
        QVERIFY(read.token.isEmpty());
    }

    void entriesAreKeyedByOrigin() {
        KeychainTokenStore a(kService, QStringLiteral("https://a.example.com:443"));
        KeychainTokenStore b(kService, QStringLiteral("https://b.example.com:443"));
        QVERIFY(await(a, [&](auto done) { a.write(QStringLiteral("token-a"), this, done); }).ok());
        QCOMPARE(await(b, [&](auto done) { b.read(this, done); }).status,
                 KeychainTokenStore::Status::NotFound);
        QVERIFY(await(b, [&](auto done) { b.write(QStringLiteral("token-b"), this, done); }).ok());
        QCOMPARE(await(a, [&](auto done) { a.read(this, done); }).token, QStringLiteral("token-a"));
        QCOMPARE(await(b, [&](auto done) { b.read(this, done); }).token, QStringLiteral("token-b"));
        QVERIFY(await(a, [&](auto done) { a.remove(this, done); }).ok());
        QVERIFY(await(b, [&](auto done) { b.remove(this, done); }).ok());
    }

    void aNewTokenReplacesTheOld() {
        KeychainTokenStore store(kService, QStringLiteral("https://replace.example.com:443"));
        QVERIFY(await(store, [&](auto done) { store.write(QStringLiteral("first"), this, done); }).ok());
        QVERIFY(await(store, [&](auto done) { store.write(QStringLiteral("second"), this, done); }).ok());
        QCOMPARE(await(store, [&](auto done) { store.read(this, done); }).token, QStringLiteral("second"));
        QVERIFY(await(store, [&](auto done) { store.remove(this, done); }).ok());
    }

    void signalsCarryTheOperationId() {
        KeychainTokenStore store(kService, QStringLiteral("https://signals.example.com:443"));
        QSignalSpy spy(&store, &KeychainTokenStore::readFinished);
        const quint64 id = store.read();
        QVERIFY(spy.wait(10000));
        QCOMPARE(spy.first().at(0).value<quint64>(), id);
        QCOMPARE(spy.first().at(1).value<KeychainTokenStore::Result>().status,
                 KeychainTokenStore::Status::NotFound);
    }

    void oversizedTokenIsRefused() {
        KeychainTokenStore store(kService, QStringLiteral("https://big.example.com:443"));
        const auto r = await(store, [&](auto done) {
            store.write(QString(KeychainTokenStore::kMaxTokenBytes + 1, QLatin1Char('t')), this, done);
        });
        QVERIFY(!r.ok());
        QCOMPARE(secretToolLookup(kService, QStringLiteral("https://big.example.com:443")), QString());
    }
};

QTEST_GUILESS_MAIN(TestKeychainTokenStore)
#include "tst_keychaintokenstore.moc"
