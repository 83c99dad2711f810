#pragma once

#include "core/cardpolicy.h"

#include <QIcon>
#include <QPixmap>
#include <QString>

class QWidget;

namespace signup {

// Icons of the wizard, drawn from the SVGs in resources/ (sharp at any scale).
namespace Icons {
void ensureLoaded();
// The icon's file in the resources, for rich text (the dark palette's variant on a dark window).
QString resourcePath(const QString &name);
QIcon icon(const QString &name);
// A pixmap of logical size w×h for the widget's device pixel ratio.
QPixmap pixmap(const QString &name, int width, int height, const QWidget *widget);
QString brandIconName(CardBrand brand);
} // namespace Icons

} // namespace signup
