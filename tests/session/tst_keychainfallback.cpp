// The keychain is missing (no D-Bus session bus at all) or hanging (a fake Secret Service that
// never answers, see fakesecretservice.cpp): the session stays in memory, the caller is told so
// clearly, and nothing freezes. Built twice: tst_keychain_missing and tst_keychain_hanging.

#include "client/clientstack.h"
#include "client/registrationcontroller.h"
#include "session/keychaintokenstore.h"
#include "support/apitest.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#ifdef VKSIGNUP_FAKE_SECRET_SERVICE
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QProcess>
#endif

using namespace signup;
using namespace signup::test;
using Controller = RegistrationController;

namespace {
// The client's keychain timeout for these tests (ClientConfig::keychainTimeoutMs, 5 s in the
// program): the hanging service never answers and is waited for this long four times over; a
// missing one must fail well within it (it does within ~100 ms).
#ifdef VKSIGNUP_FAKE_SECRET_SERVICE
constexpr int kKeychainTimeoutMs = 200;
const KeychainTokenStore::Status kExpected = KeychainTokenStore::Status::TimedOut;
#else
constexpr int kKeychainTimeoutMs = 500;
const KeychainTokenStore::Status kExpected = KeychainTokenStore::Status::Unavailable;
#endif
} // namespace

class TestKeychainFallback : public QObject {
    Q_OBJECT

    std::unique_ptr<SandboxFixture> sandbox;
#ifdef VKSIGNUP_FAKE_SECRET_SERVICE
    QProcess fakeService;
#endif

    // Counts event-loop turns while waiting: a frozen thread would count none.
    struct Heartbeat {
        QTimer timer;
        int beats = 0;
        Heartbeat() {
            QObject::connect(&timer, &QTimer::timeout, [this] { ++beats; });
            timer.start(20);
        }
    };

private slots:
    void initTestCase() {
#ifdef VKSIGNUP_FAKE_SECRET_SERVICE
        QVERIFY2(QDBusConnection::sessionBus().isConnected(), "run inside dbus-run-session (ctest does)");
        fakeService.setProcessChannelMode(QProcess::ForwardedChannels);
        fakeService.start(QStringLiteral(VKSIGNUP_FAKE_SECRET_SERVICE), {});
        QVERIFY(fakeService.waitForStarted(5000));
        QVERIFY(waitFor(
            [] {
                return QDBusConnection::sessionBus().interface()->isServiceRegistered(
                    QStringLiteral("org.freedesktop.secrets"));
            },
            10000));
#else
        // No session bus at all: nothing answers, nothing can be started.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vksignup-no-session-bus");
#endif
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
    }

    void cleanupTestCase() {
        sandbox.reset();
#ifdef VKSIGNUP_FAKE_SECRET_SERVICE
        fakeService.kill();
        fakeService.waitForFinished(5000);
#endif
    }

    void storeReportsTheFailureInTime() {
        KeychainTokenStore store(QStringLiteral("VK Cloud sign-up test"),
                                 QStringLiteral("https://127.0.0.1:1"));
        store.setTimeoutMs(kKeychainTimeoutMs);
        Heartbeat heartbeat;
        std::optional<KeychainTokenStore::Result> read;
        store.read(this, [&](const KeychainTokenStore::Result &r) { read = r; });
        QVERIFY(waitFor([&] { return read.has_value(); }, kKeychainTimeoutMs + 5000));
        QCOMPARE(read->status, kExpected);
        QVERIFY(!read->message.isEmpty());

        std::optional<KeychainTokenStore::Result> written;
        store.write(QStringLiteral("token-that-cannot-be-kept"), this,
                    [&](const KeychainTokenStore::Result &r) { written = r; });
        QVERIFY(waitFor([&] { return written.has_value(); }, kKeychainTimeoutMs + 5000));
        QCOMPARE(written->status, kExpected);
#ifdef VKSIGNUP_FAKE_SECRET_SERVICE
        // Two full timeouts passed while the thread kept serving its event loop.
        QVERIFY2(heartbeat.beats > 2 * kKeychainTimeoutMs / 20 / 2,
                 qPrintable(QString::number(heartbeat.beats)));
#endif
    }

    void controllerKeepsTheSessionInMemory() {
        ClientConfig config = sandbox->config();
        config.keychainTimeoutMs = kKeychainTimeoutMs;
        ClientStack stack(config);
        Controller *controller = stack.controller();
        QSignalSpy persistence(controller, &Controller::persistenceChanged);
        QSignalSpy finished(controller, &Controller::actionFinished);
        QSignalSpy saved(controller, &Controller::sessionSaved);
        Heartbeat heartbeat;

        controller->start();
        WAIT_COMPARE(controller->phase(), Controller::Phase::NeedsAccount, kKeychainTimeoutMs + 5000);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(persistence.size(), 1);
        QCOMPARE(persistence.first().at(0).value<Controller::Persistence>(),
                 Controller::Persistence::MemoryOnly);
        QVERIFY(!persistence.first().at(1).toString().isEmpty());
        QCOMPARE(controller->persistence(), Controller::Persistence::MemoryOnly);
        QVERIFY(!controller->persistenceMessage().isEmpty());

        // The flow goes on: the account is created and the next step is reachable with the
        // token held in memory.
        finished.clear();
        controller->createAccount(uniqueEmail(QStringLiteral("nokeychain")), kPassword,
                                  QStringLiteral("ru-msk"));
        WAIT_COMPARE(finished.size(), 1, 20000);
        QVERIFY(!finished.first().at(1).value<ApiError>().isError());
        QCOMPARE(controller->phase(), Controller::Phase::Registering);
        QCOMPARE(controller->currentStep(), Step::ConfirmEmail);
        WAIT_COMPARE(saved.size(), 1, kKeychainTimeoutMs + 5000);
        QCOMPARE(saved.first().at(0).value<Controller::Persistence>(), Controller::Persistence::MemoryOnly);
        QCOMPARE(controller->persistence(), Controller::Persistence::MemoryOnly);

        finished.clear();
        controller->refreshNow();
        WAIT_COMPARE(finished.size(), 1, 20000);
        QCOMPARE(finished.first().at(0).value<Controller::Action>(), Controller::Action::Refresh);
        QVERIFY(!finished.first().at(1).value<ApiError>().isError());
        QVERIFY(heartbeat.beats > 0);
    }
};

QTEST_GUILESS_MAIN(TestKeychainFallback)
#include "tst_keychainfallback.moc"
