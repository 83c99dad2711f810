// The wizard hands only expected addresses to the system: https on the backend's host (the
// embedded sandbox: its exact origin) or on VK Cloud's hosts. Anything else a server sends
// (file://, smb://, http://, another host) is refused with a message and never reaches the browser.

#include "client/clientstack.h"
#include "client/registrationcontroller.h"
#include "wizard/mainwindow.h"
#include "wizard/messagearea.h"
#include "wizard/signupwizard.h"
#include "wizard/urlopener.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace signup;

class TestUrlGuard : public QObject {
    Q_OBJECT

private slots:
    void policy_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("backend");
        QTest::addColumn<bool>("allowed");
        const QString sandbox = QStringLiteral("https://127.0.0.1:40123");
        const QString real = QStringLiteral("https://api.example.com");
        QTest::newRow("console") << "https://msk.cloud.vk.com/app/en/mcs123/main" << real << true;
        QTest::newRow("docs") << "https://cloud.vk.com/docs/en/intro" << real << true;
        QTest::newRow("mcs") << "https://kz.mcs.mail.ru/app/" << real << true;
        QTest::newRow("backend host") << "https://api.example.com/3ds/abc" << real << true;
        QTest::newRow("sandbox origin") << "https://127.0.0.1:40123/sandbox/v1/3ds/abc" << sandbox << true;
        QTest::newRow("sandbox, other port")
            << "https://127.0.0.1:40124/sandbox/v1/3ds/abc" << sandbox << false;
        QTest::newRow("file") << "file:///etc/passwd" << real << false;
        QTest::newRow("smb") << "smb://attacker.example/share" << real << false;
        QTest::newRow("http") << "http://cloud.vk.com/docs" << real << false;
        QTest::newRow("custom scheme") << "vnc://cloud.vk.com" << real << false;
        QTest::newRow("javascript") << "javascript:alert(1)" << real << false;
        QTest::newRow("other host") << "https://evil.example/3ds" << real << false;
        QTest::newRow("suffix trick") << "https://cloud.vk.com.evil.example/" << real << false;
        QTest::newRow("user info") << "https://cloud.vk.com@evil.example/" << real << false;
        QTest::newRow("user on vk") << "https://me@cloud.vk.com/" << real << false;
    }
    void policy() {
        QFETCH(QString, url);
        QFETCH(QString, backend);
        QFETCH(bool, allowed);
        QCOMPARE(UrlOpener::refusalReason(QUrl(url), QUrl(backend)).isEmpty(), allowed);
    }

    void refusedAddressesNeverReachTheBrowserAndAreSaid() {
        ClientConfig config;
        config.apiUrl = QUrl(QStringLiteral("https://api.example.com"));
        ClientStack stack(config);
        MainWindow window(stack.controller(), nullptr);
        QList<QUrl> launched;
        window.wizard()->setUrlOpener([&launched](const QUrl &url) { launched.append(url); });
        window.show();
        for (const QString &url :
             {QStringLiteral("file:///etc/passwd"), QStringLiteral("smb://attacker.example/share"),
              QStringLiteral("http://api.example.com/3ds")}) {
            QSignalSpy finished(window.wizard(), &SignupWizard::urlOpenFinished);
            window.wizard()->openUrl(QUrl(url));
            QVERIFY(finished.wait(5000));
            QCOMPARE(finished.first().at(1).value<UrlOpener::Outcome>(), UrlOpener::Outcome::Refused);
            QVERIFY(launched.isEmpty());
            QVERIFY(window.messageArea()->isVisible());
            QCOMPARE(window.messageArea()->title(), QStringLiteral("This link was not opened"));
            QVERIFY(window.messageArea()->address().isEmpty()); // no Copy offered for it
            window.messageArea()->clear();
        }
        QSignalSpy finished(window.wizard(), &SignupWizard::urlOpenFinished);
        window.wizard()->openUrl(QUrl(QStringLiteral("https://api.example.com/3ds/abc")));
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().at(1).value<UrlOpener::Outcome>(), UrlOpener::Outcome::Opened);
        QCOMPARE(launched.size(), 1);
    }

    void aBrowserThatDoesNotOpenShowsTheAddressWithCopy() {
        ClientConfig config;
        config.apiUrl = QUrl(QStringLiteral("https://api.example.com"));
        ClientStack stack(config);
        MainWindow window(stack.controller(), nullptr);
        window.show();
        window.wizard()->urlOpener()->setLauncher([](const QUrl &) { return false; });
        const QUrl url(QStringLiteral("https://cloud.vk.com/docs/en"));
        QSignalSpy finished(window.wizard(), &SignupWizard::urlOpenFinished);
        window.wizard()->openUrl(url);
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().at(1).value<UrlOpener::Outcome>(), UrlOpener::Outcome::Failed);
        QCOMPARE(window.messageArea()->title(), QStringLiteral("The browser could not be opened"));
        QCOMPARE(window.messageArea()->address(), url.toString());
        auto *copy = window.findChild<QPushButton *>(QStringLiteral("copyAddressButton"));
        QVERIFY(copy && copy->isVisible());
        QApplication::clipboard()->clear();
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), url.toString());
    }
};

QTEST_MAIN(TestUrlGuard)
#include "tst_url_guard.moc"
