#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace signup {

// A message under a field: an error icon and the words (not colour alone); the field's
// accessible description carries the same words for screen readers.
void showFieldError(QLabel *label, const QString &text, QWidget *field = nullptr);
void clearFieldError(QLabel *label, QWidget *field = nullptr);
// A hint in the same place, with the info icon.
void showFieldHint(QLabel *label, const QString &text, const QString &iconName = QStringLiteral("info"));

} // namespace signup
