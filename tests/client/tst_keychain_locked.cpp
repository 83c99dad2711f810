// A locked keyring (real gnome-keyring, locked through the Secret Service): the session cannot
// be saved, and the window says so with an indicator that stays while that is true, across
// pages, and cannot be dismissed; once the keyring is unlocked the controller stores the token by
// itself and the indicator goes away.

#include "client/clientstack.h"
#include "client/registrationcontroller.h"
#include "session/keychaintokenstore.h"
#include "support/apitest.h"
#include "wizard/mainwindow.h"
#include "wizard/signupwizard.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusVariant>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace signup;
using namespace signup::test;
using Controller = RegistrationController;

namespace {
constexpr int kTimeout = 30000;
const QString kSecrets = QStringLiteral("org.freedesktop.secrets");
const QString kLogin = QStringLiteral("/org/freedesktop/secrets/collection/login");

QDBusMessage secrets(const QString &interface, const QString &method, const QVariantList &arguments) {
    QDBusMessage call = QDBusMessage::createMethodCall(kSecrets, QStringLiteral("/org/freedesktop/secrets"),
                                                       interface, method);
    call.setArguments(arguments);
    return QDBusConnection::sessionBus().call(call, QDBus::Block, 10000);
}

bool lockKeyring() {
    const QDBusMessage reply =
        secrets(QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("Lock"),
                {QVariant::fromValue(QList<QDBusObjectPath>{QDBusObjectPath(kLogin)})});
    return reply.type() == QDBusMessage::ReplyMessage;
}

// What typing the password into gnome-keyring's unlock prompt does.
bool unlockKeyring() {
    const QDBusMessage session =
        secrets(QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("OpenSession"),
                {QStringLiteral("plain"), QVariant::fromValue(QDBusVariant(QString()))});
    if (session.type() != QDBusMessage::ReplyMessage || session.arguments().size() < 2)
        return false;
    QDBusArgument secret;
    secret.beginStructure();
    secret << session.arguments().at(1).value<QDBusObjectPath>() << QByteArray()
           << QByteArray("keyring-test-password") << QStringLiteral("text/plain");
    secret.endStructure();
    const QDBusMessage reply =
        secrets(QStringLiteral("org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"),
                QStringLiteral("UnlockWithMasterPassword"),
                {QVariant::fromValue(QDBusObjectPath(kLogin)), QVariant::fromValue(secret)});
    if (reply.type() != QDBusMessage::ReplyMessage)
        qWarning("unlock: %s", qPrintable(reply.errorMessage()));
    return reply.type() == QDBusMessage::ReplyMessage;
}
} // namespace

class TestKeychainLocked : public QObject {
    Q_OBJECT
    std::unique_ptr<SandboxFixture> sandbox;

private slots:
    void initTestCase() {
        QVERIFY2(QDBusConnection::sessionBus().isConnected(),
                 "run through tests/with-keyring.sh (ctest does)");
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
    }

    void indicatorStaysWhileLockedAndGoesWhenUnlocked() {
        QVERIFY(lockKeyring());
        ClientConfig config = sandbox->config();
        config.keychainTimeoutMs = 3000;
        // The locked keyring refuses the write at once; the controller tries again after these
        // (3 s doubling up to a minute in the program): the same policy, sooner.
        config.saveRetryMinMs = 50;
        config.saveRetryMaxMs = 400;
        ClientStack stack(config);
        MainWindow window(stack.controller(), stack.sandboxTools());
        window.show();
        Controller *c = stack.controller();
        c->forgetStoredSession();
        auto *indicator = window.findChild<QWidget *>(QStringLiteral("keychainIndicator"));
        QVERIFY(indicator);

        QSignalSpy saved(c, &Controller::sessionSaved);
        c->createAccount(uniqueEmail(QStringLiteral("locked")), kPassword, QStringLiteral("ru-msk"));
        WAIT_VERIFY(!saved.isEmpty(), kTimeout);
        QCOMPARE(saved.first().at(0).value<Controller::Persistence>(), Controller::Persistence::MemoryOnly);
        WAIT_VERIFY(indicator->isVisible(), kTimeout);
        // Persistent: it is there on the page the wizard moves to (it follows the controller's
        // step by itself), and has nothing to dismiss it.
        WAIT_COMPARE(window.wizard()->currentId(), int(SignupWizard::EmailPageId), kTimeout);
        QVERIFY(indicator->isVisible());
        for (QPushButton *button : indicator->findChildren<QPushButton *>())
            QCOMPARE(button->objectName(), QStringLiteral("keychainRetryButton"));
        QVERIFY(!indicator->findChild<QLabel *>(QStringLiteral("keychainIndicatorText"))->text().isEmpty());

        // The user unlocks the keyring: the controller's next attempt (its delay doubles up to
        // saveRetryMaxMs) stores the token.
        QVERIFY(unlockKeyring());
        WAIT_VERIFY(!indicator->isVisible(), kTimeout);
        QCOMPARE(c->persistence(), Controller::Persistence::Keychain);
        KeychainTokenStore reader(config.keychainService, RegistrationClient::originOf(config.apiUrl));
        const auto read = [&] {
            std::optional<KeychainTokenStore::Result> r;
            reader.read(this, [&r](const KeychainTokenStore::Result &result) { r = result; });
            (void)waitFor([&] { return r.has_value(); }, kTimeout);
            return r.value_or(KeychainTokenStore::Result{KeychainTokenStore::Status::TimedOut, {}, {}});
        }();
        QVERIFY(read.ok());
        QVERIFY(!read.token.isEmpty());
    }
};

QTEST_MAIN(TestKeychainLocked)
#include "tst_keychain_locked.moc"
