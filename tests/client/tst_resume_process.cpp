// Resume in the default mode (the embedded sandbox), with the real program started as a new
// process each time, the same HOME and the same keyring: after a normal quit, after kill -9, on
// a pending phone call and on a card waiting for 3-D Secure. Also --reset, the removal of the
// keychain entries earlier versions left (keyed by the sandbox's random port), and a browser that
// cannot be opened.
//
// The steps before a restart are taken by this executable itself started as a second process
// ("--drive <step> <quit|hang>"): the same client code and the same sandbox data directory as
// the program, through the controller, so that it can be killed with SIGKILL at a known point.

#include "api/sandboxtoolsclient.h"
#include "client/clientstack.h"
#include "client/registrationcontroller.h"
#include "sandbox/embeddedsandbox.h"
#include "session/keychaintokenstore.h"
#include "support/apitest.h"
#include "wizard/wizardapp.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <cstdio>

using namespace signup;
using namespace signup::test;
using Controller = RegistrationController;

namespace {

constexpr int kProcessTimeoutMs = 120000;
const QString kService = QStringLiteral("VK Cloud sign-up");
const QString kPhone = QStringLiteral("+79123456789");

void setNames() {
    // As the program does: the sandbox data directory depends on them.
    QCoreApplication::setOrganizationName(QStringLiteral("VK Cloud"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("cloud.vk.com"));
    QCoreApplication::setApplicationName(QStringLiteral("vkcloud-signup"));
}

[[noreturn]] void die(const QString &why) {
    std::fprintf(stderr, "driver: %s\n", qPrintable(why));
    std::fflush(stderr);
    std::_Exit(2);
}

template <typename T, typename Start> T must(Start start, const char *what) {
    const ApiResult<T> r = await<T>(start, 60000);
    if (!r.ok())
        die(QStringLiteral("%1: %2").arg(QLatin1String(what), describe(r.error)));
    return r.value;
}

// Refreshes now and then meanwhile: this driver does not watch the registration.
void refreshUntil(const std::function<bool()> &condition, const char *what, Controller *c) {
    if (!test::waitFor(
            [&] {
                if (condition())
                    return true;
                c->refreshNow();
                return test::waitFor(condition, 500);
            },
            60000))
        die(QStringLiteral("timed out waiting for %1").arg(QLatin1String(what)));
}

// The second process: takes the registration up to `step` on the program's own sandbox data and
// keychain entry, prints "ready", then quits normally or waits to be killed.
int drive(const QString &step, const QString &mode) {
    setNames();
    const QString dataDir = embeddedSandboxDataDir();
    QDir().mkpath(dataDir);
    const QString key = embeddedSandboxKeychainKey(dataDir);
    auto sandbox = std::make_unique<EmbeddedSandbox>();
    SandboxOptions options;
    options.dataDir = dataDir;
    options.accessLog = false;
    // As every test's sandbox: quick hashing (the program resumes with the token, never the
    // password) and a quick card processor (the program is started once the card waits for 3-D Secure).
    options.passwordHashIterations = 1000;
    options.cardProcessingMs = 50;
    if (!sandbox->startAndWait(options, 60000))
        die(sandbox->errorString());
    ClientConfig config;
    config.apiUrl = sandbox->baseUrl();
    config.extraCa = {sandbox->caCertificate()};
    auto stack = std::make_unique<ClientStack>(config, key);
    Controller *c = stack->controller();
    RegistrationClient *tools = stack->client();
    c->forgetStoredSession();

    const QString email = uniqueEmail(QStringLiteral("resume-process"));
    QSignalSpy saved(c, &Controller::sessionSaved);
    c->createAccount(email, kPassword, QStringLiteral("ru-msk"));
    if (!test::waitFor([&] { return !saved.isEmpty(); }, 60000))
        die(QStringLiteral("no account"));
    if (saved.first().at(0).value<Controller::Persistence>() != Controller::Persistence::Keychain)
        die(QStringLiteral("the token did not reach the keychain"));
    // What the tools change (the link, the call, the card's decision) comes by the long poll at once.
    c->setWatching(true);

    if (step != QLatin1String("account")) {
        const auto outbox = must<QList<OutboxMessage>>(
            [&](auto d) { SandboxToolsClient(tools).outbox(email, qApp, d); }, "outbox");
        if (outbox.isEmpty())
            die(QStringLiteral("no email"));
        must<QString>([&](auto d) { tools->confirmEmailLink(QUrl(outbox.first().confirmUrl), qApp, d); },
                      "confirm");
        refreshUntil([c] { return c->currentStep() == Step::ConfirmPhone; }, "the phone step", c);
        c->submitPhone(kPhone);
        refreshUntil([c] { return c->registration().phone && !c->registration().phone->callTo.isEmpty(); },
                     "call_to", c);
    }
    if (step == QLatin1String("card3ds")) {
        const auto call = must<SandboxCall>(
            [&](auto d) { SandboxToolsClient(tools).call(kPhone, c->registration().phone->callTo, qApp, d); },
            "call");
        const QString digits = QString(call.robotSays).remove(QLatin1Char(' '));
        must<KeyedDigitsResult>([&](auto d) { SandboxToolsClient(tools).dtmf(call.callId, digits, qApp, d); },
                                "digits");
        refreshUntil([c] { return c->currentStep() == Step::BindCard; }, "the card step", c);
        c->submitCard(QStringLiteral("4000000000003220"), 12, QDate::currentDate().year() + 3,
                      QStringLiteral("123"));
        refreshUntil(
            [c] {
                return c->registration().card && c->registration().card->status == CardStatus::RequiresAction;
            },
            "3-D Secure", c);
    }
    std::printf("ready\n");
    std::fflush(stdout);
    if (mode == QLatin1String("hang"))
        return QCoreApplication::exec(); // until SIGKILL
    stack.reset();
    sandbox.reset();
    return 0;
}

struct WidgetState {
    bool visible = false;
    bool enabled = false;
    QString text;
};

struct Screen {
    QString page;
    QString phase;
    QString persistence;
    QHash<QString, WidgetState> widgets;
    QString output;
    WidgetState w(const QString &name) const { return widgets.value(name); }
};

} // namespace

class TestResumeProcess : public QObject {
    Q_OBJECT

    QTemporaryDir m_bin; // a fake xdg-open
    QString m_openedLog;

    void writeFakeBrowser(int exitCode) {
        QFile script(m_bin.filePath(QStringLiteral("xdg-open")));
        QVERIFY(script.open(QIODevice::WriteOnly | QIODevice::Truncate));
        script.write(QStringLiteral("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '%1'\nexit %2\n")
                         .arg(m_openedLog)
                         .arg(exitCode)
                         .toUtf8());
        script.close();
        script.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    QProcessEnvironment environment() const {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PATH"),
                   m_bin.path() + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
        env.insert(QStringLiteral("VKCLOUD_SIGNUP_PRINT_STATE"), QStringLiteral("quit"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.remove(QStringLiteral("VKCLOUD_SIGNUP_API_URL"));
        return env;
    }

    // Starts the program, waits for it to print what it shows and quit.
    Screen runProgram(const QStringList &arguments = {}) {
        QProcess program;
        program.setProcessEnvironment(environment());
        program.start(QStringLiteral(VKSIGNUP_WIZARD_EXE),
                      QStringList{QStringLiteral("--lang"), QStringLiteral("en")} + arguments);
        Screen screen;
        if (!program.waitForFinished(kProcessTimeoutMs)) {
            program.kill();
            program.waitForFinished();
        }
        screen.output = QString::fromUtf8(program.readAllStandardOutput());
        const QString errors = QString::fromUtf8(program.readAllStandardError());
        if (!errors.trimmed().isEmpty())
            qInfo("program's stderr: %s", qPrintable(errors.trimmed()));
        static const QRegularExpression widget(
            QStringLiteral("^widget (\\S+) visible=(\\d) enabled=(\\d) text=(.*)$"));
        for (const QString &line : screen.output.split(QLatin1Char('\n'))) {
            if (line.startsWith(QLatin1String("page=")))
                screen.page = line.mid(5);
            else if (line.startsWith(QLatin1String("phase=")))
                screen.phase = line.mid(6);
            else if (line.startsWith(QLatin1String("persistence=")))
                screen.persistence = line.mid(12);
            else if (const auto m = widget.match(line); m.hasMatch())
                screen.widgets.insert(m.captured(1), {m.captured(2) == QLatin1String("1"),
                                                      m.captured(3) == QLatin1String("1"), m.captured(4)});
        }
        return screen;
    }

    // The steps before the restart, in a process of their own.
    void runDriver(const QString &step, bool kill) {
        QProcess driver;
        driver.setProcessEnvironment(environment());
        driver.setProcessChannelMode(QProcess::SeparateChannels);
        driver.start(
            QCoreApplication::applicationFilePath(),
            {QStringLiteral("--drive"), step, kill ? QStringLiteral("hang") : QStringLiteral("quit")});
        QVERIFY(driver.waitForStarted());
        QVERIFY2(waitFor(
                     [&] {
                         driver.waitForReadyRead(100);
                         return driver.canReadLine() || driver.state() == QProcess::NotRunning;
                     },
                     kProcessTimeoutMs),
                 "the driver did not get ready");
        const QByteArray line = driver.readLine().trimmed();
        QVERIFY2(line == "ready", qPrintable(QString::fromUtf8(driver.readAllStandardError())));
        if (kill) {
            ::kill(pid_t(driver.processId()), SIGKILL);
            QVERIFY(driver.waitForFinished(kProcessTimeoutMs));
            QCOMPARE(driver.exitStatus(), QProcess::CrashExit);
        } else {
            QVERIFY(driver.state() == QProcess::NotRunning || driver.waitForFinished(kProcessTimeoutMs));
            QCOMPARE(driver.exitStatus(), QProcess::NormalExit);
            QCOMPARE(driver.exitCode(), 0);
        }
    }

    static QString secretTool(const QStringList &arguments, const QByteArray &input = {},
                              int *exitCode = nullptr) {
        QProcess tool;
        tool.start(QStringLiteral("secret-tool"), arguments);
        tool.write(input);
        tool.closeWriteChannel();
        tool.waitForFinished(30000);
        if (exitCode)
            *exitCode = tool.exitCode();
        return QString::fromUtf8(tool.readAllStandardOutput());
    }
    static QString lookup(const QString &key) {
        return secretTool(
            {QStringLiteral("lookup"), QStringLiteral("server"), kService, QStringLiteral("user"), key});
    }
    static void store(const QString &key, const QByteArray &secret) {
        int rc = -1;
        secretTool({QStringLiteral("store"), QStringLiteral("--label=earlier version"),
                    QStringLiteral("server"), kService, QStringLiteral("user"), key},
                   secret, &rc);
        QCOMPARE(rc, 0);
    }
    QString sandboxKey() const {
        QFile id(QDir(embeddedSandboxDataDir()).filePath(QStringLiteral("keychain-id")));
        if (!id.open(QIODevice::ReadOnly))
            return {};
        return QStringLiteral("sandbox:") + QString::fromLatin1(id.readAll()).trimmed();
    }

private slots:
    void initTestCase() {
        QVERIFY2(!qEnvironmentVariableIsEmpty("VKSIGNUP_TEST_HOME"),
                 "run through tests/with-keyring.sh (ctest does)");
        QVERIFY(m_bin.isValid());
        m_openedLog = m_bin.filePath(QStringLiteral("opened.txt"));
        setNames();
        writeFakeBrowser(0);
    }

    void firstStartOpensWelcomeAndRemovesEntriesOfEarlierVersions() {
        // What earlier versions left: one entry per run, keyed by the sandbox's random port. A
        // sandbox started by hand on a fixed port is another backend and keeps its entry.
        store(QStringLiteral("https://127.0.0.1:41234"), "stale-token-1");
        store(QStringLiteral("https://127.0.0.1:53311"), "stale-token-2");
        store(QStringLiteral("https://127.0.0.1:8443"), "fixed-port-token");
        const Screen screen = runProgram();
        QCOMPARE(screen.page, QStringLiteral("WelcomePageId"));
        QCOMPARE(screen.phase, QStringLiteral("NeedsAccount"));
        QCOMPARE(screen.persistence, QStringLiteral("Keychain"));
        QVERIFY2(sandboxKey().startsWith(QLatin1String("sandbox:")),
                 "the sandbox's id is kept in its data directory");
        // Removed by the program after its start; secret-tool is asked every 50 ms.
        QTRY_VERIFY_WITH_TIMEOUT(lookup(QStringLiteral("https://127.0.0.1:41234")).isEmpty(), 10000);
        QVERIFY(lookup(QStringLiteral("https://127.0.0.1:53311")).isEmpty());
        QCOMPARE(lookup(QStringLiteral("https://127.0.0.1:8443")), QStringLiteral("fixed-port-token"));
    }

    void resumesAfterQuit() {
        runDriver(QStringLiteral("account"), false);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!lookup(sandboxKey()).isEmpty());
        const Screen screen = runProgram();
        QVERIFY2(screen.page == QLatin1String("EmailPageId"), qPrintable(screen.output));
        // And again: resuming does not use the session up.
        QCOMPARE(runProgram().page, QStringLiteral("EmailPageId"));
    }

    void resumesAfterKill9() {
        runDriver(QStringLiteral("account"), true);
        if (QTest::currentTestFailed())
            return;
        const Screen screen = runProgram();
        QVERIFY2(screen.page == QLatin1String("EmailPageId"), qPrintable(screen.output));
    }

    void resumesAPendingCallWithItsNumberAndCountdown() {
        runDriver(QStringLiteral("phone"), true);
        if (QTest::currentTestFailed())
            return;
        const Screen screen = runProgram();
        QVERIFY2(screen.page == QLatin1String("PhonePageId"), qPrintable(screen.output));
        QVERIFY(screen.w(QStringLiteral("callGroup")).visible);
        QVERIFY2(screen.w(QStringLiteral("callToLabel"))
                     .text.contains(QRegularExpression(QStringLiteral("\\d{3}"))),
                 qPrintable(screen.w(QStringLiteral("callToLabel")).text));
        QVERIFY2(screen.w(QStringLiteral("expiryLabel")).text.startsWith(QLatin1String("Call within")),
                 qPrintable(screen.w(QStringLiteral("expiryLabel")).text));
        // The number is submitted: Confirm waits for a new number instead of resubmitting nothing.
        QVERIFY(!screen.w(QStringLiteral("confirmPhoneButton")).enabled);
    }

    void resumesACardWaitingFor3dsAndOpensTheBanksPage() {
        QFile::remove(m_openedLog);
        runDriver(QStringLiteral("card3ds"), true);
        if (QTest::currentTestFailed())
            return;
        const Screen screen = runProgram();
        QVERIFY2(screen.page == QLatin1String("CardPageId"), qPrintable(screen.output));
        QVERIFY(screen.w(QStringLiteral("openBankPageButton")).visible);
        QVERIFY2(screen.w(QStringLiteral("cardStatusLabel"))
                     .text.contains(QLatin1String("Its page is open in your browser")),
                 qPrintable(screen.w(QStringLiteral("cardStatusLabel")).text));
        QFile opened(m_openedLog);
        QVERIFY(opened.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(opened.readAll()).contains(QLatin1String("/sandbox/v1/3ds/")));
    }

    void aBrowserThatFailsIsSaidWithTheAddressAndCopy() {
        // Still on the card waiting for 3-D Secure; now xdg-open fails.
        writeFakeBrowser(3);
        const Screen screen = runProgram();
        writeFakeBrowser(0);
        QVERIFY2(screen.page == QLatin1String("CardPageId"), qPrintable(screen.output));
        const QString status = screen.w(QStringLiteral("cardStatusLabel")).text;
        QVERIFY2(!status.contains(QLatin1String("is open in your browser")), qPrintable(status));
        QVERIFY2(status.contains(QLatin1String("could not be opened")), qPrintable(status));
        QCOMPARE(screen.w(QStringLiteral("messageTitle")).text,
                 QStringLiteral("The browser could not be opened"));
        QVERIFY2(screen.w(QStringLiteral("messageAddress")).text.contains(QLatin1String("/sandbox/v1/3ds/")),
                 qPrintable(screen.output));
        QVERIFY(screen.w(QStringLiteral("messageAddress")).visible);
        QVERIFY(screen.w(QStringLiteral("copyAddressButton")).visible);
    }

    void resumesWithAnApiUrlToo() {
        // A backend of its own at a fixed address: the entry is keyed by its origin.
        QTemporaryDir data;
        EmbeddedSandbox sandbox;
        SandboxOptions options;
        options.dataDir = data.path();
        options.accessLog = false;
        options.passwordHashIterations = 1000;
        QVERIFY(sandbox.startAndWait(options, 60000));
        ClientConfig config;
        config.apiUrl = sandbox.baseUrl();
        config.extraCa = {sandbox.caCertificate()};
        {
            ClientStack stack(config);
            Controller *c = stack.controller();
            QSignalSpy saved(c, &Controller::sessionSaved);
            c->createAccount(uniqueEmail(QStringLiteral("api-url")), kPassword, QStringLiteral("ru-msk"));
            WAIT_VERIFY(!saved.isEmpty(), 60000);
            QCOMPARE(saved.first().at(0).value<Controller::Persistence>(), Controller::Persistence::Keychain);
        }
        const Screen screen = runProgram({QStringLiteral("--api-url"), sandbox.baseUrl().toString(),
                                          QStringLiteral("--ca-cert"), sandbox.caCertificatePath()});
        QVERIFY2(screen.page == QLatin1String("EmailPageId"), qPrintable(screen.output));
    }

    void resetRevokesTheSessionAndRemovesTheEntry() {
        runDriver(QStringLiteral("account"), false);
        if (QTest::currentTestFailed())
            return;
        const QString key = sandboxKey();
        const QString token = lookup(key);
        QVERIFY(!token.isEmpty());
        const Screen screen = runProgram({QStringLiteral("--reset")});
        QVERIFY2(
            screen.output.contains(QLatin1String("signed out on the server and removed from the keychain")),
            qPrintable(screen.output));
        QCOMPARE(screen.page, QStringLiteral("WelcomePageId"));
        QVERIFY(screen.w(QStringLiteral("messageArea")).visible);
        QVERIFY(lookup(key).isEmpty());
        QCOMPARE(runProgram().page, QStringLiteral("WelcomePageId"));

        // The token is dead on the server too (the same sandbox data, started here).
        EmbeddedSandbox sandbox;
        SandboxOptions options;
        options.dataDir = embeddedSandboxDataDir();
        options.accessLog = false;
        QVERIFY(sandbox.startAndWait(options, 60000));
        ClientConfig config;
        config.apiUrl = sandbox.baseUrl();
        config.extraCa = {sandbox.caCertificate()};
        RegistrationClient client(config);
        client.setToken(token);
        const auto r = await<Registration>([&](auto d) { client.registration(std::nullopt, 0, this, d); });
        QCOMPARE(r.error.httpStatus, 401);
    }
};

int main(int argc, char **argv) {
    if (argc >= 4 && qstrcmp(argv[1], "--drive") == 0) {
        QCoreApplication app(argc, argv);
        return drive(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    }
    QCoreApplication app(argc, argv);
    TestResumeProcess test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_resume_process.moc"
