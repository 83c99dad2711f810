#include "wizard/colors.h"

#include <QApplication>
#include <QPainter>
#include <QProxyStyle>
#include <QPushButton>
#include <QStyleOption>
#include <QtMath>

namespace signup::Colors {

namespace {

double channel(double value) {
    return value <= 0.04045 ? value / 12.92 : qPow((value + 0.055) / 1.055, 2.4);
}

QColor mix(const QColor &from, const QColor &to, double t) {
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
                            float(from.greenF() + (to.greenF() - from.greenF()) * t),
                            float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

// `color` (made opaque over the first background) moved towards `target` in small steps until it
// reaches `minimum` against every background; unchanged when it does already.
QColor raised(const QColor &color, const QList<QColor> &backgrounds, const QColor &target, double minimum) {
    const QColor start = over(color, backgrounds.first());
    const auto enough = [&](const QColor &c) {
        for (const QColor &background : backgrounds)
            if (contrastRatio(c, background) < minimum + 0.05)
                return false;
        return true;
    };
    if (color.alpha() == 255 && enough(color))
        return color;
    for (int step = 0; step <= 40; ++step) {
        const QColor candidate = mix(start, target, step / 40.0);
        if (enough(candidate))
            return candidate;
    }
    return target;
}

// The text colour furthest from a background: black on light, white on dark.
QColor extreme(const QColor &background) {
    return relativeLuminance(background) > 0.18 ? QColor(Qt::black) : QColor(Qt::white);
}

// Draws a clearly visible ring around the control that has the keyboard focus, in both palettes:
// the platform styles draw a thin, pale one (or none on push buttons until Tab is used).
class FocusRingStyle : public QProxyStyle {
public:
    using QProxyStyle::QProxyStyle;

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget) const override {
        if (element == PE_FrameFocusRect) {
            // Push buttons get the ring around the whole button (drawControl), not a second one inside.
            if (!qobject_cast<const QPushButton *>(widget))
                ring(option, painter, option->rect);
            return;
        }
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        if (element == PE_FrameLineEdit && (option->state & State_HasFocus))
            ring(option, painter, option->rect);
    }

    void drawControl(ControlElement element, const QStyleOption *option, QPainter *painter,
                     const QWidget *widget) const override {
        QProxyStyle::drawControl(element, option, painter, widget);
        if (element == CE_PushButton && (option->state & State_HasFocus))
            ring(option, painter, option->rect);
    }

    void drawComplexControl(ComplexControl control, const QStyleOptionComplex *option, QPainter *painter,
                            const QWidget *widget) const override {
        QProxyStyle::drawComplexControl(control, option, painter, widget);
        if ((control == CC_ComboBox || control == CC_SpinBox) && (option->state & State_HasFocus))
            ring(option, painter, option->rect);
    }

private:
    static void ring(const QStyleOption *option, QPainter *painter, const QRect &rect) {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        QPen pen(focusRing(option->palette), 2);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 3, 3);
        painter->restore();
    }
};

} // namespace

double relativeLuminance(const QColor &color) {
    const QColor c = color.toRgb();
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrastRatio(const QColor &a, const QColor &b) {
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor over(const QColor &color, const QColor &background) {
    const double a = color.alphaF();
    if (a >= 1.0)
        return color.toRgb();
    return mix(background.toRgb(), color.toRgb(), a);
}

QPalette darkPalette() {
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    // Secondary and disabled text: #a0a0a0 reaches 6:1 on the window and 7:1 on the fields
    // (#808080 was 3.5–4.2:1).
    const QColor secondary(0xa0, 0xa0, 0xa0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window.lighter(115));
    p.setColor(QPalette::ToolTipBase, QColor(0x4a, 0x41, 0x20));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, secondary);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window.lighter(120));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb4, 0x9c, 0xff));
    // Dark enough for white selected text (5:1), light enough to stand out from the window as a ring.
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x6f, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::PlaceholderText})
        p.setColor(QPalette::Disabled, role, secondary);
    return p;
}

QPalette readable(const QPalette &palette) {
    QPalette p = palette;
    for (auto group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        const QColor window = p.color(group, QPalette::Window);
        const QColor base = p.color(group, QPalette::Base);
        const QColor button = p.color(group, QPalette::Button);
        // Placeholders are drawn in the fields; the wizard's secondary text (step states, request
        // ids) beside them on the window.
        p.setColor(group, QPalette::PlaceholderText,
                   raised(p.color(group, QPalette::PlaceholderText), {base, window},
                          p.color(QPalette::Active, QPalette::Text), kMinTextContrast));
        p.setColor(group, QPalette::Text,
                   raised(p.color(group, QPalette::Text), {base}, extreme(base), kMinTextContrast));
        p.setColor(group, QPalette::WindowText,
                   raised(p.color(group, QPalette::WindowText), {window}, extreme(window), kMinTextContrast));
        p.setColor(group, QPalette::ButtonText,
                   raised(p.color(group, QPalette::ButtonText), {button, window}, extreme(button),
                          kMinTextContrast));
        for (auto link : {QPalette::Link, QPalette::LinkVisited})
            p.setColor(group, link,
                       raised(p.color(group, link), {window, base}, extreme(window), kMinTextContrast));
        p.setColor(group, QPalette::ToolTipText,
                   raised(p.color(group, QPalette::ToolTipText), {p.color(group, QPalette::ToolTipBase)},
                          extreme(p.color(group, QPalette::ToolTipBase)), kMinTextContrast));
        // Selected text: the selection colour darkens (or lightens) rather than the text changing.
        const QColor highlightedText = p.color(group, QPalette::HighlightedText);
        p.setColor(group, QPalette::Highlight,
                   raised(p.color(group, QPalette::Highlight), {highlightedText}, extreme(highlightedText),
                          kMinTextContrast));
    }
    return p;
}

QColor focusRing(const QPalette &palette) {
    const QColor window = palette.color(QPalette::Active, QPalette::Window);
    return raised(palette.color(QPalette::Active, QPalette::Highlight),
                  {window, palette.color(QPalette::Active, QPalette::Button),
                   palette.color(QPalette::Active, QPalette::Base)},
                  extreme(window), kMinGraphicContrast);
}

void apply(QApplication &app, bool dark) {
    if (dark)
        QApplication::setStyle(QStringLiteral("Fusion"));
    // The proxy takes the current (platform or Fusion) style and only adds the focus ring.
    QApplication::setStyle(new FocusRingStyle(QApplication::style()->name()));
    app.setPalette(readable(dark ? darkPalette() : QApplication::palette()));
}

} // namespace signup::Colors
