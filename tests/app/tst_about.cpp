// Help > About: reachable from the keyboard, shows the version from project(VERSION), translated.
#include "../support/waitfor.h" // header only: this test does not link the test support
#include "client/clientstack.h"
#include "vksignup/version.h"
#include "wizard/mainwindow.h"
#include "wizard/wizardapp.h"

#include <QApplication>
#include <QMenu>
#include <QMessageBox>
#include <QtTest>

using namespace signup;

class AboutTest : public QObject {
    Q_OBJECT

private slots:
    void englishAboutFromTheKeyboard();
    void russianAbout();

private:
    // Opens Help with Alt+<menuKey> as a person would, then presses itemKey (the mnemonics; texts
    // for the Cyrillic ones); returns the About box once it is shown and has the keyboard.
    QMessageBox *openAbout(MainWindow &window, QChar menuKey, QChar itemKey);
};

QMessageBox *AboutTest::openAbout(MainWindow &window, QChar menuKey, QChar itemKey) {
    window.show();
    if (!QTest::qWaitForWindowActive(&window))
        return nullptr;
    QWidget *focus = QApplication::focusWidget() ? QApplication::focusWidget() : &window;
    QTest::sendKeyEvent(QTest::Click, focus, Qt::Key(menuKey.toUpper().unicode()), QString(menuKey.toLower()),
                        Qt::AltModifier);
    if (!test::waitFor([] { return qobject_cast<QMenu *>(QApplication::activePopupWidget()) != nullptr; }))
        return nullptr;
    QTest::sendKeyEvent(QTest::Click, QApplication::activePopupWidget(), Qt::Key(itemKey.toUpper().unicode()),
                        QString(itemKey.toLower()), Qt::NoModifier);
    QMessageBox *box = nullptr;
    const bool shown = test::waitFor([&] {
        box = window.findChild<QMessageBox *>(QStringLiteral("aboutBox"));
        return box && box->isVisible() && QApplication::focusWidget() &&
               QApplication::focusWidget()->window() == box;
    });
    return shown ? box : nullptr;
}

void AboutTest::englishAboutFromTheKeyboard() {
    QApplication &app = *qApp;
    QCOMPARE(installTranslations(app, QStringLiteral("en")), QStringLiteral("en"));
    ClientConfig config;
    config.apiUrl =
        QUrl(QStringLiteral("https://127.0.0.1:9")); // never contacted: the controller is not started
    ClientStack stack(config);
    MainWindow window(stack.controller(), nullptr);

    // "&Help", "&About VK Cloud sign-up".
    QMessageBox *box = openAbout(window, QLatin1Char('h'), QLatin1Char('a'));
    QVERIFY2(box, "Alt+H, A did not open the About box");
    QCOMPARE(box->windowTitle(), QStringLiteral("About VK Cloud sign-up"));
    QVERIFY2(box->text().contains(QStringLiteral("VK Cloud sign-up " VKSIGNUP_VERSION)),
             qPrintable(box->text()));
    QVERIFY2(box->text().contains(QString::fromLatin1(qVersion())), qPrintable(box->text()));

    // Escape closes it. (Giving the keyboard back to the wizard's window is the window system's job;
    // the offscreen platform of the tests does not re-activate it.)
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    WAIT_VERIFY(!window.findChild<QMessageBox *>(QStringLiteral("aboutBox")), 5000);
}

void AboutTest::russianAbout() {
    QApplication &app = *qApp;
    QCOMPARE(installTranslations(app, QStringLiteral("ru")), QStringLiteral("ru"));
    ClientConfig config;
    config.apiUrl = QUrl(QStringLiteral("https://127.0.0.1:9"));
    ClientStack stack(config);
    MainWindow window(stack.controller(), nullptr);

    // "&Справка", "&О программе …": the mnemonics of the Russian texts.
    QMessageBox *box = openAbout(window, QChar(0x0441), QChar(0x043E));
    QVERIFY2(box, "Alt+С, О did not open the About box");
    QCOMPARE(box->windowTitle(), QStringLiteral("О программе «Регистрация в VK Cloud»"));
    QVERIFY2(box->text().contains(QStringLiteral("Регистрация в VK Cloud " VKSIGNUP_VERSION)),
             qPrintable(box->text()));
    QVERIFY2(box->text().contains(QStringLiteral("Собрано с Qt")), qPrintable(box->text()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    WAIT_VERIFY(!window.findChild<QMessageBox *>(QStringLiteral("aboutBox")), 5000);
}

QTEST_MAIN(AboutTest)
#include "tst_about.moc"
