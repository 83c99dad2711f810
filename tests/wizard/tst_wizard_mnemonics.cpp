// Alt+letter reaches one control only: on every page (and its variants: sign-in form, changing
// the email, Sign in instead, the call instructions, the autopayment tab, a link to copy) the mnemonics of
// the controls visible at the same time, the always-visible Sandbox tools included, are unique, in English
// and in Russian. Russian mnemonics are Cyrillic letters: a Latin one cannot be typed on a Russian layout.

#include "api/registrationclient.h"
#include "api/sandboxtoolsclient.h"
#include "wizard/wizardapp.h"
#include "wizardfixture.h"

#include <QApplication>
#include <QGroupBox>
#include <QTabBar>
#include <QTabWidget>

using namespace signup;
using namespace signup::test;

namespace {

// The letter after a single '&' (a "&&" is a literal ampersand), or a null QChar.
QChar mnemonicOf(const QString &text) {
    for (int i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return QChar();
}

struct Mnemonic {
    QChar letter;
    QString owner; // "objectName: text"
};

// Every mnemonic a person can use right now in the window.
QList<Mnemonic> visibleMnemonics(QWidget *root) {
    QList<Mnemonic> found;
    const auto add = [&found](const QWidget *w, const QString &text) {
        const QChar letter = mnemonicOf(text);
        if (!letter.isNull())
            found.append(
                {letter, (w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className())
                                                    : w->objectName()) +
                             QStringLiteral(": ") + text});
    };
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (!w->isVisible())
            continue;
        if (auto *button = qobject_cast<QAbstractButton *>(w))
            add(w, button->text());
        else if (auto *label = qobject_cast<QLabel *>(w); label && label->buddy())
            add(w, label->text());
        else if (auto *group = qobject_cast<QGroupBox *>(w); group && group->isCheckable())
            add(w, group->title());
        else if (auto *tabs = qobject_cast<QTabBar *>(w))
            for (int i = 0; i < tabs->count(); ++i)
                add(w, tabs->tabText(i));
    }
    return found;
}

} // namespace

class TestWizardMnemonics : public QObject {
    Q_OBJECT
    std::unique_ptr<SandboxFixture> sandbox;
    QStringList problems;
    int pagesChecked = 0;

    void check(WizardRun &run, const QString &where, bool russian) {
        ++pagesChecked;
        const QList<Mnemonic> all = visibleMnemonics(run.window.get());
        QMap<QChar, QStringList> byLetter;
        for (const Mnemonic &m : all) {
            byLetter[m.letter].append(m.owner);
            const bool cyrillic = m.letter.script() == QChar::Script_Cyrillic;
            if (russian && !cyrillic && !m.letter.isDigit())
                problems << QStringLiteral("%1: not a Cyrillic mnemonic: %2").arg(where, m.owner);
        }
        for (auto it = byLetter.cbegin(); it != byLetter.cend(); ++it)
            if (it.value().size() > 1)
                problems << QStringLiteral("%1: Alt+%2 is used by %3")
                                .arg(where, it.key(), it.value().join(QStringLiteral(", ")));
    }

    // Walks every page and variant, checking each; the problems are collected, not stopped at.
    void walk(bool russian) {
        problems.clear();
        pagesChecked = 0;
        WizardRun run(*sandbox, true);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        check(run, QStringLiteral("welcome"), russian);
        STEP_OUT(run.click(QStringLiteral("signInRadio")));
        check(run, QStringLiteral("welcome, signing in"), russian);
        STEP_OUT(run.click(QStringLiteral("createRadio")));

        STEP_OUT(openAccountPage(run));
        // The typo suggestion and a message with Retry show extra buttons.
        STEP_OUT(run.type(QStringLiteral("emailEdit"), QStringLiteral("ivan@gmial.com")));
        QVERIFY(run.w(QStringLiteral("emailSuggestionButton"))->isVisible());
        ApiError offline;
        offline.kind = ApiError::Kind::Network;
        run.window->messageArea()->showError(offline, [] {});
        check(run, QStringLiteral("account"), russian);
        // An email that already has an account offers Sign in instead; a link the browser could not
        // open shows its address with Copy.
        run.w(QStringLiteral("signInInsteadButton"))->show();
        run.window->messageArea()->showAddress(QStringLiteral("Title"), QStringLiteral("Text"),
                                               QUrl(QStringLiteral("https://cloud.vk.com/")));
        check(run, QStringLiteral("account, email taken"), russian);
        run.w(QStringLiteral("signInInsteadButton"))->hide();
        run.window->messageArea()->clear();
        STEP_OUT(run.retype(QStringLiteral("emailEdit"), uniqueEmail(QStringLiteral("mnemonics"))));
        run.key(Qt::Key_Tab);
        STEP_OUT(run.type(QStringLiteral("passwordEdit"), kPassword));
        run.key(Qt::Key_Return);
        QVERIFY(run.waitPage(SignupWizard::EmailPageId));

        check(run, QStringLiteral("email"), russian);
        STEP_OUT(run.click(QStringLiteral("changeEmailButton")));
        check(run, QStringLiteral("email, changing the address"), russian);
        STEP_OUT(run.click(QStringLiteral("cancelChangeButton")));
        STEP_OUT(confirmEmailWithTools(run));

        check(run, QStringLiteral("phone"), russian);
        // A number of its own per language: a confirmed number cannot be confirmed again.
        const QString phone = russian ? QStringLiteral("+79123456784") : QStringLiteral("+79123456783");
        STEP_OUT(run.type(QStringLiteral("phoneEdit"), phone));
        run.key(Qt::Key_Return);
        WAIT_VERIFY(run.w(QStringLiteral("callGroup"))->isVisible(), kUiTimeout);
        run.w(QStringLiteral("tryAgainButton"))->show(); // shown once the time is over
        check(run, QStringLiteral("phone, calling"), russian);
        run.w(QStringLiteral("tryAgainButton"))->hide();
        run.key(Qt::Key_A, Qt::ControlModifier);
        run.key(Qt::Key_Backspace);
        STEP_OUT(confirmPhoneWithTools(run, phone));

        check(run, QStringLiteral("card"), russian);
        run.w<QTabWidget>(QStringLiteral("cardTabs"))->setCurrentIndex(1);
        check(run, QStringLiteral("card, autopayment"), russian);
        run.w<QTabWidget>(QStringLiteral("cardTabs"))->setCurrentIndex(0);
        // Waiting for 3-D Secure when the bank's page could not be opened.
        run.w(QStringLiteral("openBankPageButton"))->show();
        run.window->messageArea()->showAddress(QStringLiteral("Title"), QStringLiteral("Text"),
                                               QUrl(QStringLiteral("https://cloud.vk.com/")));
        check(run, QStringLiteral("card, bank page not opened"), russian);
        run.w(QStringLiteral("openBankPageButton"))->hide();
        run.window->messageArea()->clear();
        STEP_OUT(typeCard(run, QStringLiteral("2200000000000004")));
        run.key(Qt::Key_Return);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        QTest::mouseClick(run.forward(), Qt::LeftButton);
        QVERIFY(run.waitPage(SignupWizard::DonePageId));
        check(run, QStringLiteral("done"), russian);
        QCOMPARE(pagesChecked, 12);
        STEP_OUT(walkInvitation(russian));
    }

    // Joining by invitation: Welcome's link field, the invitation page in each of its states and
    // the Done page for members.
    void walkInvitation(bool russian) {
        RegistrationClient tools(sandbox->config());
        const auto inviteTo = [&](const QString &email) {
            SandboxInvitationRequest request;
            request.email = email;
            return await<SandboxInvitation>(
                       [&](auto d) { SandboxToolsClient(&tools).invite(request, this, d); })
                .value;
        };
        const QString member = uniqueEmail(QStringLiteral("mnemonics.member"));
        const SandboxInvitation sent = inviteTo(member);
        WizardRun run(*sandbox, true);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        STEP_OUT(run.click(QStringLiteral("invitationRadio")));
        check(run, QStringLiteral("welcome, invitation"), russian);
        run.wizard()->openInvitation(QStringLiteral("not a link"));
        QVERIFY(run.waitPage(SignupWizard::InvitationPageId));
        WAIT_VERIFY(!run.message(QStringLiteral("inviteLinkErrorLabel")).isEmpty(), kUiTimeout);
        check(run, QStringLiteral("invitation, a wrong link"), russian);
        run.wizard()->openInvitation(sent.url.toString());
        WAIT_VERIFY(run.w(QStringLiteral("invitePasswordRulesHost"))->isVisible(), kUiTimeout);
        check(run, QStringLiteral("invitation, new account"), russian);
        STEP_OUT(run.type(QStringLiteral("invitePasswordEdit"), kPassword));
        run.key(Qt::Key_Return);
        QVERIFY(run.waitPage(SignupWizard::DonePageId));
        check(run, QStringLiteral("done, member"), russian);
        // The same address invited again: it has an account now, so the page asks to sign in.
        const SandboxInvitation again = inviteTo(member);
        run.wizard()->openInvitation(again.url.toString());
        QVERIFY(run.waitPage(SignupWizard::InvitationPageId));
        WAIT_VERIFY(run.w(QStringLiteral("inviteDetailsGroup"))->isVisible(), kUiTimeout);
        check(run, QStringLiteral("invitation, signed in"), russian);
        run.controller()->forgetStoredSession();
        run.wizard()->openInvitation(again.url.toString());
        WAIT_VERIFY(run.w(QStringLiteral("invitePasswordEdit"))->isVisible(), kUiTimeout);
        check(run, QStringLiteral("invitation, sign in"), russian);
        QCOMPARE(pagesChecked, 18);
    }

private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
    }

    void checkerReadsMnemonics() {
        // The reader of mnemonics: a literal && is skipped, Cyrillic letters are read.
        QCOMPARE(mnemonicOf(QStringLiteral("Save && &quit")), QChar(u'q'));
        QCOMPARE(mnemonicOf(QStringLiteral("No mnemonic")), QChar());
        QCOMPARE(mnemonicOf(QStringLiteral("&Далее")), QChar(u'д'));
    }

    void englishMnemonicsAreUnique() {
        walk(false);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // Last: the Russian translation stays installed in this process.
    void russianMnemonicsAreUniqueAndCyrillic() {
        QCOMPARE(installTranslations(*qApp, QStringLiteral("ru")), QStringLiteral("ru"));
        walk(true);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestWizardMnemonics)
#include "tst_wizard_mnemonics.moc"
