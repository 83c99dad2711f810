#pragma once

#include <QColor>
#include <QPalette>

class QApplication;

namespace signup {

// Every colour the wizard chooses itself, in one place: the dark palette, the raised secondary,
// placeholder and disabled text, and the focus ring. Text must reach WCAG AA (4.5:1) against its
// background in the light and the dark palette; tests/wizard/tst_wizard_contrast checks it.
namespace Colors {

// The smallest contrast ratio the wizard accepts for text (WCAG 2.x AA, normal size).
constexpr double kMinTextContrast = 4.5;
// The smallest contrast for the focus ring and the parts of icons that carry meaning (WCAG 1.4.11).
constexpr double kMinGraphicContrast = 3.0;

// WCAG 2.x relative luminance and contrast ratio (1.0 … 21.0) of two opaque colours.
double relativeLuminance(const QColor &color);
double contrastRatio(const QColor &a, const QColor &b);
// `color` drawn over `background` (its alpha blended), as it reaches the eye.
QColor over(const QColor &color, const QColor &background);

// How the wizard looks on a dark desktop (Fusion style): what VKCLOUD_SIGNUP_DARK=1 shows.
QPalette darkPalette();
// `palette` with the secondary (placeholder) text and the disabled text moved towards the normal
// text colour until each reaches kMinTextContrast on every background it is drawn on. Colours that
// already do are kept, so a desktop theme's choices survive where they are readable.
QPalette readable(const QPalette &palette);
// The colour of the keyboard focus ring for `palette`: the highlight colour, darkened or
// lightened until it stands out from the window and the button background.
QColor focusRing(const QPalette &palette);

// Installs the wizard's colours and its focus ring in the application: `dark` switches to Fusion
// with darkPalette(). Called once at start, before any window exists.
void apply(QApplication &app, bool dark);

} // namespace Colors

} // namespace signup
