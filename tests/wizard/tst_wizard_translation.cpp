// The Russian interface: the translation loads and no visible text of any page is left in English.

#include "wizard/donepage.h"
#include "wizard/uitext.h"
#include "wizard/wizardapp.h"
#include "wizardfixture.h"

#include <QApplication>
#include <QGroupBox>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTranslator>

using namespace signup;
using namespace signup::test;

namespace {

// Every user-visible text of a window, keyed by "objectName/what".
QMap<QString, QString> visibleTexts(QWidget *root) {
    QMap<QString, QString> texts;
    const auto add = [&texts](const QObject *o, const QString &what, const QString &text) {
        if (!text.trimmed().isEmpty())
            texts.insert(o->objectName() + QLatin1Char('/') + what, text);
    };
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (auto *label = qobject_cast<QLabel *>(w))
            add(w, QStringLiteral("text"), label->text());
        if (auto *button = qobject_cast<QAbstractButton *>(w))
            add(w, QStringLiteral("text"), button->text());
        if (auto *edit = qobject_cast<QLineEdit *>(w))
            add(w, QStringLiteral("placeholder"), edit->placeholderText());
        if (auto *group = qobject_cast<QGroupBox *>(w))
            add(w, QStringLiteral("title"), group->title());
        if (auto *page = qobject_cast<QWizardPage *>(w)) {
            add(w, QStringLiteral("title"), page->title());
            add(w, QStringLiteral("subTitle"), page->subTitle());
        }
        if (auto *tabs = qobject_cast<QTabWidget *>(w))
            for (int i = 0; i < tabs->count(); ++i)
                add(w, QStringLiteral("tab%1").arg(i), tabs->tabText(i));
        add(w, QStringLiteral("accessibleName"), w->accessibleName());
        add(w, QStringLiteral("accessibleDescription"), w->accessibleDescription());
        add(w, QStringLiteral("toolTip"), w->toolTip());
    }
    return texts;
}

// Texts that are the same in both languages on purpose: examples, brand names, digits.
bool languageNeutral(const QString &text) {
    static const QRegularExpression word(QStringLiteral("[A-Za-z]{3,}"));
    QString stripped = text;
    stripped.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    for (const char *neutral : {"name@company.com", "VK Cloud", "Visa", "Mastercard", "UnionPay",
                                "Kubernetes", "CVC", "3-D Secure", "sandbox.svg", "https://"})
        stripped.remove(QLatin1String(neutral));
    return !word.match(stripped).hasMatch();
}

} // namespace

class TestWizardTranslation : public QObject {
    Q_OBJECT
    std::unique_ptr<SandboxFixture> sandbox;

private slots:
    void initTestCase() {
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
    }

    void russianHasNoEnglishLeft() {
        // The English window first, as the reference.
        QMap<QString, QString> english;
        {
            WizardRun run(*sandbox, true);
            WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
            english = visibleTexts(run.window.get());
        }
        QVERIFY(english.size() > 100);

        QCOMPARE(installTranslations(*qApp, QStringLiteral("ru")), QStringLiteral("ru"));
        // Amounts and dates as Russian is written: "500 ₽" with a no-break space, no ",00"; the month
        // in the genitive, no weekday, no "г." (the sentence adds "года").
        const Money roubles{QStringLiteral("500.00"), QStringLiteral("RUB")};
        const Money tenge{QStringLiteral("3000.50"), QStringLiteral("KZT")};
        QCOMPARE(UiText::money(roubles), QStringLiteral("500\u00a0₽"));
        QCOMPARE(UiText::money(tenge), QStringLiteral("3\u00a0000,50\u00a0₸"));
        QCOMPARE(UiText::date(QDate(2027, 1, 30)), QStringLiteral("30 января 2027"));
        const QString bonus = DonePage::tr("Sign-up bonus: %1, valid until %2.")
                                  .arg(UiText::money(roubles), UiText::date(QDate(2027, 1, 30)));
        const QString bonusSaid = QStringLiteral("Приветственный бонус: 500\u00a0₽ ") +
                                  QStringLiteral("(действует до 30 января 2027 года).");
        QCOMPARE(bonus, bonusSaid);
        WizardRun run(*sandbox, true);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        QCOMPARE(run.window->windowTitle(), QStringLiteral("Регистрация в VK Cloud"));
        QCOMPARE(run.forward()->text(), QStringLiteral("&Далее >"));
        const QMap<QString, QString> russian = visibleTexts(run.window.get());

        QStringList untranslated;
        for (auto it = russian.cbegin(); it != russian.cend(); ++it) {
            if (languageNeutral(it.value()))
                continue;
            if (english.value(it.key()) == it.value())
                untranslated << it.key() + QStringLiteral(": ") + it.value();
        }
        QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(QLatin1Char('\n'))));

        // Texts built at run time too: the rules, the steps, a field error.
        QCOMPARE(run.w<QLabel>(QStringLiteral("rule_password_length"))->text(),
                 QStringLiteral("От 8 до 128 символов"));
        QCOMPARE(run.w<QLabel>(QStringLiteral("stepTitle1"))->text(), QStringLiteral("1. Создание аккаунта"));
        QTest::mouseClick(run.forward(), Qt::LeftButton);
        QVERIFY(run.waitPage(SignupWizard::AccountPageId));
        run.expectFocus(QStringLiteral("emailEdit"));
        run.key(Qt::Key_Tab);
        run.type(QStringLiteral("passwordEdit"), QStringLiteral("пароль"));
        QVERIFY(run.message(QStringLiteral("layoutWarningLabel")).contains(QStringLiteral("раскладку")));
        QCOMPARE(run.w<QComboBox>(QStringLiteral("regionCombo"))->itemText(0), QStringLiteral("Москва"));
    }
};

QTEST_MAIN(TestWizardTranslation)
#include "tst_wizard_translation.moc"
