// The window fits small and scaled screens and stays usable, in English and in Russian: on every
// page and variant the window lies inside the screen's usable area, every visible button, field
// and list (the Sandbox tools included) can be brought into view (scrolling where there is a
// scroll area) without being cut, no label is cut (a wrapped one is as tall as its text needs, an
// unwrapped one as wide), no button's text is clipped, no number scrolls inside its field (a phone
// number whose "+" has gone out of sight), no column of a list is elided and nothing scrolls
// sideways.
//
// The screen comes from the command line (the offscreen platform's screen configuration):
//   tst_wizard_fit -screen 1024x640 [-scale 2]
// CTest runs it at 1366×736 (a 1366×768 screen minus a panel), 1280×720, 1024×640, 1.5× on
// 2560×1440 and 2× on 2048×1280.

#include "api/registrationclient.h"
#include "api/sandboxtoolsclient.h"
#include "wizard/stepspanel.h"
#include "wizard/wizardapp.h"
#include "wizardfixture.h"

#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QStyleOptionFrame>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>

using namespace signup;
using namespace signup::test;

namespace {

QString nameOf(const QWidget *w) {
    QString text;
    if (auto *label = qobject_cast<const QLabel *>(w))
        text = label->text();
    else if (auto *button = qobject_cast<const QAbstractButton *>(w))
        text = button->text();
    text = text.left(40);
    return (w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : w->objectName()) +
           (text.isEmpty() ? QString() : QStringLiteral(" \"%1\"").arg(text));
}

QString rectText(const QRect &r) {
    return QStringLiteral("%1×%2 at %3,%4").arg(r.width()).arg(r.height()).arg(r.x()).arg(r.y());
}

// A control a person uses (not the parts other controls are made of).
bool isControl(const QWidget *w) {
    const QWidget *parent = w->parentWidget();
    if (parent && (qobject_cast<const QAbstractSpinBox *>(parent) ||
                   qobject_cast<const QComboBox *>(parent) || qobject_cast<const QTabBar *>(parent)))
        return false;
    return qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QLineEdit *>(w) ||
           qobject_cast<const QComboBox *>(w) || qobject_cast<const QAbstractSpinBox *>(w) ||
           qobject_cast<const QAbstractItemView *>(w) || qobject_cast<const QPlainTextEdit *>(w) ||
           qobject_cast<const QTabBar *>(w);
}

// Scrolls every scroll area around `w` to it, then returns the part of `w` left visible after
// every ancestor and the screen have clipped it (in window coordinates), `w`'s whole rectangle and
// what clipped it.
struct InView {
    QRect visible;
    QRect whole;
    QString clippedBy;
};
InView bringIntoView(QWidget *w, const QRect &screenArea) {
    QWidget *window = w->window();
    for (QWidget *p = w->parentWidget(); p && p != window; p = p->parentWidget())
        if (auto *area = qobject_cast<QScrollArea *>(p);
            area && area->widget() && area->widget()->isAncestorOf(w)) {
            // The whole widget (ensureWidgetVisible() shows only the current item of a list).
            const QRect r(w->mapTo(area->widget(), QPoint(0, 0)), w->size());
            area->ensureVisible(r.center().x(), r.center().y(), r.width() / 2 + 1, r.height() / 2 + 1);
        }
    const QRect whole(w->mapTo(window, QPoint(0, 0)), w->size());
    InView view{whole, whole, QString()};
    const auto clip = [&view](const QRect &by, const QString &name) {
        if (view.clippedBy.isEmpty() && !by.contains(view.visible))
            view.clippedBy = name + QStringLiteral(" (") + rectText(by) + QLatin1Char(')');
        view.visible &= by;
    };
    for (QWidget *p = w->parentWidget(); p && p != window; p = p->parentWidget())
        clip(QRect(p->mapTo(window, QPoint(0, 0)), p->size()), nameOf(p));
    clip(window->rect(), QStringLiteral("the window"));
    clip(QRect(window->mapFromGlobal(screenArea.topLeft()), screenArea.size()), QStringLiteral("the screen"));
    return view;
}

// The width a line edit has for its text: its contents rectangle as the style draws it, less the
// text margins, the 2 px QLineEdit keeps on each side and the buttons shown inside it.
int textRoom(const QLineEdit *edit) {
    QStyleOptionFrame option;
    option.initFrom(edit);
    option.rect = edit->rect();
    option.lineWidth =
        edit->hasFrame() ? edit->style()->pixelMetric(QStyle::PM_DefaultFrameWidth, &option, edit) : 0;
    const QRect contents = edit->style()->subElementRect(QStyle::SE_LineEditContents, &option, edit);
    int room = contents.width() - edit->textMargins().left() - edit->textMargins().right() - 4;
    for (const QWidget *inside : edit->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
        if (inside->isVisible())
            room -= inside->width();
    return room;
}

} // namespace

class TestWizardFit : public QObject {
    Q_OBJECT
    std::unique_ptr<SandboxFixture> sandbox;
    QStringList problems;
    int checks = 0;

    void check(WizardRun &run, const QString &where) {
        ++checks;
        // Let the layouts settle (a page that just opened, a message that just appeared).
        QCoreApplication::processEvents();
        QTest::qWait(0);
        QWidget *window = run.window.get();
        const QRect available = window->screen()->availableGeometry();
        if (!available.contains(window->frameGeometry()))
            problems << QStringLiteral("%1: the window (%2) is not inside the usable area (%3)")
                            .arg(where, rectText(window->frameGeometry()), rectText(available));
        // A page (or the tools) that scrolls sideways makes every line of text a scroll.
        for (QScrollArea *area : window->findChildren<QScrollArea *>())
            if (area->isVisible() && area->horizontalScrollBar()->isVisible())
                problems << QStringLiteral("%1: %2 scrolls sideways: %3 px of content in %4")
                                .arg(where, nameOf(area))
                                .arg(area->widget()->width())
                                .arg(area->viewport()->width());
        for (QWidget *w : window->findChildren<QWidget *>()) {
            if (!w->isVisible())
                continue;
            auto *label = qobject_cast<QLabel *>(w);
            const bool hasText = label && !label->text().isEmpty();
            if (!isControl(w) && !hasText)
                continue;
            const InView view = bringIntoView(w, available);
            if (view.visible != view.whole)
                problems << QStringLiteral("%1: %2 cannot be seen whole: %3 of %4, cut by %5")
                                .arg(where, nameOf(w), rectText(view.visible), rectText(view.whole),
                                     view.clippedBy);
            if (hasText) {
                if (label->wordWrap()) {
                    const int needed = label->heightForWidth(label->width());
                    if (needed > label->height() + 1)
                        problems << QStringLiteral("%1: %2 is cut: %3 px tall, its text needs %4")
                                        .arg(where, nameOf(w))
                                        .arg(label->height())
                                        .arg(needed);
                } else if (label->pixmap().isNull() && label->sizeHint().width() > label->width() + 1) {
                    problems << QStringLiteral("%1: %2 is cut: %3 px wide, its text needs %4")
                                    .arg(where, nameOf(w))
                                    .arg(label->width())
                                    .arg(label->sizeHint().width());
                }
            }
            if (auto *button = qobject_cast<QAbstractButton *>(w); button && !button->text().isEmpty()) {
                // Push buttons: the text itself (styles add a minimum width); check and radio boxes:
                // their indicator and text.
                QString text = button->text();
                text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
                int needed = button->sizeHint().width();
                if (qobject_cast<QPushButton *>(button)) {
                    needed = button->fontMetrics().horizontalAdvance(text);
                    if (!button->icon().isNull())
                        needed += button->iconSize().width();
                }
                if (needed > button->width())
                    problems << QStringLiteral("%1: %2 is clipped: %3 px wide, its text needs %4")
                                    .arg(where, nameOf(w))
                                    .arg(button->width())
                                    .arg(needed);
            }
            // A number is read from its start: a phone number without its "+", a card number without
            // its first group is another number. (An address or a link may scroll: it has no
            // length to plan for.)
            constexpr Qt::InputMethodHints numbers =
                Qt::ImhDigitsOnly | Qt::ImhFormattedNumbersOnly | Qt::ImhDialableCharactersOnly;
            if (auto *edit = qobject_cast<QLineEdit *>(w);
                edit && (edit->inputMethodHints() & numbers) && !edit->displayText().isEmpty()) {
                const int needed = edit->fontMetrics().horizontalAdvance(edit->displayText());
                if (needed > textRoom(edit))
                    problems << QStringLiteral("%1: %2 scrolls its text: %3 px for the text, it needs %4")
                                    .arg(where, nameOf(w))
                                    .arg(textRoom(edit))
                                    .arg(needed);
            }
            if (auto *tree = qobject_cast<QTreeView *>(w)) {
                for (int c = 0; c < tree->header()->count(); ++c)
                    if (tree->header()->sectionSize(c) <
                        static_cast<QAbstractItemView *>(tree)->sizeHintForColumn(c))
                        problems << QStringLiteral("%1: column %2 of %3 is elided: %4 px, its text needs %5")
                                        .arg(where)
                                        .arg(c)
                                        .arg(nameOf(w))
                                        .arg(tree->header()->sectionSize(c))
                                        .arg(static_cast<QAbstractItemView *>(tree)->sizeHintForColumn(c));
            }
        }
    }

    // Every page and variant that changes the layout, as a person walks them.
    void walk(bool russian) {
        WizardRun run(*sandbox, true);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        check(run, QStringLiteral("welcome"));
        STEP_OUT(run.click(QStringLiteral("signInRadio")));
        check(run, QStringLiteral("welcome, signing in"));
        STEP_OUT(run.click(QStringLiteral("invitationRadio")));
        check(run, QStringLiteral("welcome, invitation"));
        STEP_OUT(run.click(QStringLiteral("createRadio")));

        STEP_OUT(openAccountPage(run));
        STEP_OUT(run.type(QStringLiteral("emailEdit"), QStringLiteral("ivan@gmial.com")));
        QVERIFY(run.w(QStringLiteral("emailSuggestionButton"))->isVisible());
        STEP_OUT(run.clickInto(QStringLiteral("passwordEdit")));
        STEP_OUT(run.type(QStringLiteral("passwordEdit"), QStringLiteral("пароль")));
        ApiError offline;
        offline.kind = ApiError::Kind::Network;
        run.window->messageArea()->showError(offline, [] {});
        check(run, QStringLiteral("account, a typo, a Russian layout and an error"));
        run.window->messageArea()->clear();
        STEP_OUT(run.clickInto(QStringLiteral("emailEdit")));
        STEP_OUT(run.retype(QStringLiteral("emailEdit"), uniqueEmail(QStringLiteral("fit"))));
        STEP_OUT(run.clickInto(QStringLiteral("passwordEdit")));
        STEP_OUT(run.retype(QStringLiteral("passwordEdit"), kPassword));
        check(run, QStringLiteral("account, ready"));
        run.key(Qt::Key_Return);
        QVERIFY(run.waitPage(SignupWizard::EmailPageId));

        check(run, QStringLiteral("email"));
        STEP_OUT(run.click(QStringLiteral("changeEmailButton")));
        check(run, QStringLiteral("email, changing the address"));
        STEP_OUT(run.click(QStringLiteral("cancelChangeButton")));
        STEP_OUT(confirmEmailWithTools(run));

        check(run, QStringLiteral("phone"));
        const QString phone = russian ? QStringLiteral("+79123456786") : QStringLiteral("+79123456785");
        STEP_OUT(run.type(QStringLiteral("phoneEdit"), phone));
        run.key(Qt::Key_Return);
        WAIT_VERIFY(run.w(QStringLiteral("callGroup"))->isVisible(), kUiTimeout);
        run.w(QStringLiteral("tryAgainButton"))->show();
        check(run, QStringLiteral("phone, calling"));
        run.w(QStringLiteral("tryAgainButton"))->hide();
        run.key(Qt::Key_A, Qt::ControlModifier);
        run.key(Qt::Key_Backspace);
        STEP_OUT(confirmPhoneWithTools(run, phone));

        check(run, QStringLiteral("card"));
        run.w<QTabWidget>(QStringLiteral("cardTabs"))->setCurrentIndex(1);
        check(run, QStringLiteral("card, autopayment"));
        run.w<QTabWidget>(QStringLiteral("cardTabs"))->setCurrentIndex(0);
        STEP_OUT(run.clickInto(QStringLiteral("numberEdit")));
        STEP_OUT(typeCard(run, QStringLiteral("4000000000000002")));
        run.key(Qt::Key_Return);
        QVERIFY(waitCardStatus(run, CardStatus::Declined));
        WAIT_VERIFY(!run.message(QStringLiteral("cardStatusLabel")).isEmpty(), kUiTimeout);
        check(run, QStringLiteral("card, declined"));
        STEP_OUT(run.expectFocus(QStringLiteral("numberEdit")));
        STEP_OUT(typeCard(run, QStringLiteral("2200000000000004")));
        run.key(Qt::Key_Return);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        check(run, QStringLiteral("card, linked"));
        QTest::mouseClick(run.forward(), Qt::LeftButton);
        QVERIFY(run.waitPage(SignupWizard::DonePageId));
        check(run, QStringLiteral("done"));

        // A colleague joins the project by invitation: the invitation page with its rules, the
        // Done page for members.
        RegistrationClient tools(sandbox->config());
        SandboxInvitationRequest request;
        request.email = uniqueEmail(QStringLiteral("fit.member"));
        const SandboxInvitation sent = await<SandboxInvitation>([&](auto d) {
                                           SandboxToolsClient(&tools).invite(request, this, d);
                                       }).value;
        WizardRun member(*sandbox, true);
        WAIT_VERIFY(member.forward()->isEnabled(), kUiTimeout);
        member.wizard()->openInvitation(sent.url.toString());
        QVERIFY(member.waitPage(SignupWizard::InvitationPageId));
        WAIT_VERIFY(member.w(QStringLiteral("invitePasswordRulesHost"))->isVisible(), kUiTimeout);
        check(member, QStringLiteral("invitation"));
        STEP_OUT(member.type(QStringLiteral("invitePasswordEdit"), kPassword));
        member.key(Qt::Key_Return);
        QVERIFY(member.waitPage(SignupWizard::DonePageId));
        check(member, QStringLiteral("done, member"));
        QCOMPARE(checks, 16);
    }

    void walkAndReport(bool russian) {
        problems.clear();
        checks = 0;
        walk(russian);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("on a %1 screen:\n")
                                .arg(rectText(QGuiApplication::primaryScreen()->availableGeometry())) +
                            problems.join(QLatin1Char('\n'))));
    }

private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        // A card processor that answers in 50 ms instead of 700: the layouts are checked once the card is
        // declined or linked, not while it is processed.
        sandbox = std::make_unique<SandboxFixture>([](SandboxOptions &o) { o.cardProcessingMs = 50; });
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
    }

    // The checker finds what it looks for: a label too short for its text, a window larger than the
    // screen, a button outside the visible part of the window, a field too narrow for its text.
    void checkerFindsCutWidgets() {
        WizardRun run(*sandbox, true);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        problems.clear();
        auto *heading = run.w<QLabel>(QStringLiteral("stepsHeading"));
        heading->setFixedWidth(5);
        auto *callFrom = run.w<QLineEdit>(QStringLiteral("sandboxCallFrom"));
        callFrom->setText(QStringLiteral("+79123456789"));
        callFrom->setFixedWidth(callFrom->fontMetrics().horizontalAdvance(callFrom->text()));
        const QSize screen = run.window->screen()->availableGeometry().size();
        run.window->setMinimumSize(screen + QSize(50, 50));
        check(run, QStringLiteral("broken"));
        const QString all = problems.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("stepsHeading")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("usable area")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("closeButton")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("sandboxCallFrom scrolls its text")), qPrintable(all));
    }

    // The steps panel names a step by what is to be done until it is done.
    void stepsPanelSaysWhatIsToBeDone() {
        WizardRun run(*sandbox, true);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        QCOMPARE(run.w<QLabel>(QStringLiteral("stepTitle1"))->text(), QStringLiteral("1. Create account"));
        QCOMPARE(run.wizard()->stepsPanel()->stateOf(0), QStringLiteral("current"));
        QCOMPARE(run.w<QLabel>(QStringLiteral("stepTitle4"))->text(), QStringLiteral("4. Link a card"));
        STEP_OUT(createAccount(run, uniqueEmail(QStringLiteral("fit.steps"))));
        WAIT_COMPARE(run.w<QLabel>(QStringLiteral("stepTitle1"))->text(),
                     QStringLiteral("1. Account created"), kUiTimeout);
        QCOMPARE(run.wizard()->stepsPanel()->stateOf(0), QStringLiteral("done"));
        QCOMPARE(run.w<QLabel>(QStringLiteral("stepTitle2"))->text(), QStringLiteral("2. Confirm email"));
        QCOMPARE(run.wizard()->stepsPanel()->stateOf(1), QStringLiteral("current"));
    }

    void englishFits() { walkAndReport(false); }

    // Last: the Russian translation stays installed in this process.
    void russianFits() {
        QCOMPARE(installTranslations(*qApp, QStringLiteral("ru")), QStringLiteral("ru"));
        walkAndReport(true);
    }
};

// The screen (and scale) must be set before the application starts.
int main(int argc, char **argv) {
    QString screen = QStringLiteral("1366x736");
    QByteArray scale;
    QList<char *> rest;
    for (int i = 0; i < argc; ++i) {
        if (qstrcmp(argv[i], "-screen") == 0 && i + 1 < argc)
            screen = QString::fromLatin1(argv[++i]);
        else if (qstrcmp(argv[i], "-scale") == 0 && i + 1 < argc)
            scale = argv[++i];
        else
            rest.append(argv[i]);
    }
    const QStringList size = screen.split(QLatin1Char('x'));
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screen.json"));
    QFile file(config);
    if (size.size() != 2 || !file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "-screen takes WIDTHxHEIGHT\n");
        return 2;
    }
    file.write(QStringLiteral(
                   "{\"screens\": [{\"name\": \"fit\", \"x\": 0, \"y\": 0, \"width\": %1, \"height\": %2, "
                   "\"logicalDpi\": 96, \"logicalBaseDpi\": 96, \"dpr\": 1}]}")
                   .arg(size[0].toInt())
                   .arg(size[1].toInt())
                   .toUtf8());
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toUtf8());
    if (!scale.isEmpty())
        qputenv("QT_SCALE_FACTOR", scale);
    int count = int(rest.size());
    QApplication app(count, rest.data());
    QTEST_DISABLE_KEYPAD_NAVIGATION
    TestWizardFit test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, count, rest.data());
}

#include "tst_wizard_fit.moc"
