// Text is readable (WCAG AA, 4.5:1) in the light palette and in the dark one, as the wizard draws it:
// normal text, the secondary text of the steps panel and the message area, placeholders, disabled
// buttons and fields, links, selected text, the sandbox banner; the status icons (✓, ✗, error,
// current step) keep their symbol readable on their colour; the focus ring stands out (3:1) and is
// really drawn around a focused button.

#include "../support/waitfor.h" // header only: this test does not link the test support
#include "wizard/colors.h"
#include "wizard/icons.h"
#include "wizard/stepspanel.h"

#include <QApplication>
#include <QHash>
#include <QIcon>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStyle>
#include <QTest>
#include <QVBoxLayout>

using namespace signup;

namespace {

QString hex(const QColor &c) {
    return c.name(QColor::HexRgb);
}

struct Pair {
    QString what;
    QColor text;
    QColor background;
};

// The pairs of colours the wizard draws text with, read from the application's palette (or from a
// widget where the wizard chooses a role of its own).
QList<Pair> textPairs() {
    const QPalette p = QApplication::palette();
    using P = QPalette;
    QList<Pair> pairs{
        {QStringLiteral("window text"), p.color(P::Active, P::WindowText), p.color(P::Active, P::Window)},
        {QStringLiteral("field text"), p.color(P::Active, P::Text), p.color(P::Active, P::Base)},
        {QStringLiteral("button text"), p.color(P::Active, P::ButtonText), p.color(P::Active, P::Button)},
        {QStringLiteral("placeholder in a field"), p.color(P::Active, P::PlaceholderText),
         p.color(P::Active, P::Base)},
        {QStringLiteral("disabled field text"), p.color(P::Disabled, P::Text), p.color(P::Disabled, P::Base)},
        {QStringLiteral("disabled label"), p.color(P::Disabled, P::WindowText),
         p.color(P::Disabled, P::Window)},
        {QStringLiteral("disabled button"), p.color(P::Disabled, P::ButtonText),
         p.color(P::Disabled, P::Button)},
        {QStringLiteral("link"), p.color(P::Active, P::Link), p.color(P::Active, P::Window)},
        {QStringLiteral("visited link"), p.color(P::Active, P::LinkVisited), p.color(P::Active, P::Window)},
        {QStringLiteral("selected text"), p.color(P::Active, P::HighlightedText),
         p.color(P::Active, P::Highlight)},
        {QStringLiteral("sandbox banner"), p.color(P::Active, P::ToolTipText),
         p.color(P::Active, P::ToolTipBase)},
        {QStringLiteral("inactive window text"), p.color(P::Inactive, P::WindowText),
         p.color(P::Inactive, P::Window)},
        {QStringLiteral("inactive placeholder"), p.color(P::Inactive, P::PlaceholderText),
         p.color(P::Inactive, P::Base)},
    };
    // The steps panel's "Current step" / "Not yet" as the panel draws them (its own role).
    StepsPanel steps;
    auto *state = steps.findChild<QLabel *>(QStringLiteral("stepState1"));
    pairs.append({QStringLiteral("steps panel state (hint)"),
                  state->palette().color(QPalette::Active, state->foregroundRole()),
                  steps.palette().color(QPalette::Active, steps.backgroundRole())});
    return pairs;
}

// The two colours an icon is made of, drawn at 64 px over `background`: its shape (the most
// frequent colour that is not the background) and its symbol (of the other colours covering a
// real part of the icon, the one that stands out most from the shape; anti-aliased edge pixels
// are too few to count).
struct IconColours {
    QColor shape;
    QColor symbol;
};
IconColours iconColours(const QString &name, const QColor &background) {
    QImage image(64, 64, QImage::Format_RGB32);
    image.fill(background);
    QPainter painter(&image);
    Icons::icon(name).paint(&painter, image.rect());
    painter.end();
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            ++counts[image.pixel(x, y)];
    counts.remove(background.rgb());
    IconColours colours;
    int most = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (it.value() > most) {
            most = it.value();
            colours.shape = QColor(it.key());
        }
    double best = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        const QColor c(it.key());
        if (c == colours.shape || it.value() < image.width() * image.height() / 50)
            continue;
        if (const double ratio = Colors::contrastRatio(c, colours.shape); ratio > best) {
            best = ratio;
            colours.symbol = c;
        }
    }
    return colours;
}

} // namespace

class TestWizardContrast : public QObject {
    Q_OBJECT

    QStringList problems;

    void checkText(const QString &palette) {
        for (const Pair &pair : textPairs()) {
            const QColor text = Colors::over(pair.text, pair.background);
            const double ratio = Colors::contrastRatio(text, pair.background);
            if (ratio < Colors::kMinTextContrast)
                problems << QStringLiteral("%1: %2: %3 on %4 is %5:1")
                                .arg(palette, pair.what, hex(text), hex(pair.background))
                                .arg(ratio, 0, 'f', 2);
        }
    }

    // Icons that stand next to words: their symbol must be readable on their own colour, and their
    // colour on the window too, in either palette (a status is seen at a glance by its colour).
    void checkIcons(const QString &palette) {
        const QColor window = QApplication::palette().color(QPalette::Window);
        for (const QString &name :
             {QStringLiteral("rule-ok"), QStringLiteral("step-done"), QStringLiteral("rule-fail"),
              QStringLiteral("error"), QStringLiteral("step-current"), QStringLiteral("info"),
              QStringLiteral("warning")}) {
            const IconColours c = iconColours(name, window);
            if (!c.symbol.isValid()) {
                problems << QStringLiteral("%1: icon %2 has no symbol").arg(palette, name);
                continue;
            }
            const double symbol = Colors::contrastRatio(c.symbol, c.shape);
            if (symbol < Colors::kMinTextContrast)
                problems << QStringLiteral("%1: icon %2: its symbol %3 on %4 is %5:1")
                                .arg(palette, name, hex(c.symbol), hex(c.shape))
                                .arg(symbol, 0, 'f', 2);
            const double shape = Colors::contrastRatio(c.shape, window);
            const bool status = name != QLatin1String("warning"); // amber: outlined, its symbol dark
            if (status && shape < Colors::kMinTextContrast)
                problems << QStringLiteral("%1: icon %2: %3 on the window %4 is %5:1")
                                .arg(palette, name, hex(c.shape), hex(window))
                                .arg(shape, 0, 'f', 2);
        }
        // "Not yet": a ring only, seen against the window (WCAG 1.4.11: 3:1).
        const QColor ring = iconColours(QStringLiteral("step-todo"), window).shape;
        if (Colors::contrastRatio(ring, window) < Colors::kMinGraphicContrast)
            problems << QStringLiteral("%1: the \"not yet\" ring %2 on %3 is %4:1")
                            .arg(palette, hex(ring), hex(window))
                            .arg(Colors::contrastRatio(ring, window), 0, 'f', 2);
    }

    // The focus ring: its colour stands out from the window and the buttons, and a focused button
    // really shows it (pixels of that colour all around its edge).
    void checkFocusRing(const QString &palette) {
        const QPalette p = QApplication::palette();
        const QColor ring = Colors::focusRing(p);
        for (auto role : {QPalette::Window, QPalette::Button, QPalette::Base}) {
            const double ratio = Colors::contrastRatio(ring, p.color(QPalette::Active, role));
            if (ratio < Colors::kMinGraphicContrast)
                problems << QStringLiteral("%1: focus ring %2 on %3 is %4:1")
                                .arg(palette, hex(ring), hex(p.color(QPalette::Active, role)))
                                .arg(ratio, 0, 'f', 2);
        }
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto *first = new QPushButton(QStringLiteral("First"), &window);
        auto *button = new QPushButton(QStringLiteral("Focused"), &window);
        layout->addWidget(first);
        layout->addWidget(button);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        first->setFocus();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        WAIT_VERIFY(button->hasFocus(), 5000);
        const QImage image = button->grab().toImage();
        const auto near = [&](QRgb pixel) {
            const QColor c(pixel);
            return qAbs(c.red() - ring.red()) + qAbs(c.green() - ring.green()) +
                       qAbs(c.blue() - ring.blue()) <
                   40;
        };
        // Each side of the button: most of its second row or column from the edge is the ring.
        const int w = image.width(), h = image.height();
        const double dpr = image.devicePixelRatio();
        const int inset = qRound(dpr); // the ring covers the two outermost pixels (logical)
        int top = 0, bottom = 0, left = 0, right = 0;
        for (int x = 0; x < w; ++x) {
            top += near(image.pixel(x, inset)) ? 1 : 0;
            bottom += near(image.pixel(x, h - 1 - inset)) ? 1 : 0;
        }
        for (int y = 0; y < h; ++y) {
            left += near(image.pixel(inset, y)) ? 1 : 0;
            right += near(image.pixel(w - 1 - inset, y)) ? 1 : 0;
        }
        if (top < w * 2 / 3 || bottom < w * 2 / 3 || left < h / 2 || right < h / 2)
            problems << QStringLiteral(
                            "%1: a focused button shows no clear ring in %2 (edges %3 %4 %5 %6 of %7×%8)")
                            .arg(palette, hex(ring))
                            .arg(top)
                            .arg(bottom)
                            .arg(left)
                            .arg(right)
                            .arg(w)
                            .arg(h);
    }

private slots:
    void contrastRatioIsWcags() {
        // Known values: black on white 21:1, #777 on white 4.48:1, equal colours 1:1.
        QCOMPARE(qRound(Colors::contrastRatio(Qt::black, Qt::white) * 100), 2100);
        QCOMPARE(qRound(Colors::contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) * 100), 448);
        QCOMPARE(Colors::contrastRatio(QColor(0x12, 0x34, 0x56), QColor(0x12, 0x34, 0x56)), 1.0);
        // Half-transparent black over #efefef is #777777.
        QCOMPARE(hex(Colors::over(QColor(0, 0, 0, 128), QColor(0xef, 0xef, 0xef))),
                 QStringLiteral("#777777"));
    }

    void lightPalette() {
        problems.clear();
        Colors::apply(*qApp, false);
        checkText(QStringLiteral("light"));
        checkIcons(QStringLiteral("light"));
        checkFocusRing(QStringLiteral("light"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void darkPalette() {
        problems.clear();
        Colors::apply(*qApp, true);
        QCOMPARE(QApplication::palette().color(QPalette::Window),
                 Colors::darkPalette().color(QPalette::Window));
        checkText(QStringLiteral("dark"));
        checkIcons(QStringLiteral("dark"));
        checkFocusRing(QStringLiteral("dark"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // A desktop theme with pale placeholders and disabled text gets them raised, its other colours kept.
    void paleThemeIsRaised() {
        QPalette pale;
        pale.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
        pale.setColor(QPalette::Base, Qt::white);
        pale.setColor(QPalette::Text, Qt::black);
        pale.setColor(QPalette::WindowText, Qt::black);
        pale.setColor(QPalette::PlaceholderText, QColor(0, 0, 0, 128));
        pale.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0xbe, 0xbe, 0xbe));
        pale.setColor(QPalette::Button, QColor(0xef, 0xef, 0xef));
        const QPalette raised = Colors::readable(pale);
        QVERIFY(Colors::contrastRatio(raised.color(QPalette::PlaceholderText), QColor(0xef, 0xef, 0xef)) >=
                4.5);
        QVERIFY(Colors::contrastRatio(raised.color(QPalette::Disabled, QPalette::ButtonText),
                                      QColor(0xef, 0xef, 0xef)) >= 4.5);
        QCOMPARE(raised.color(QPalette::Text), QColor(Qt::black));
        QCOMPARE(raised.color(QPalette::Window), QColor(0xef, 0xef, 0xef));
    }
};

QTEST_MAIN(TestWizardContrast)
#include "tst_wizard_contrast.moc"
