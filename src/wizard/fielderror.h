#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace signup {

// A message under a field: an error icon and the words (not colour alone); the field's
// accessible description carries the same words for screen readers.
void showFieldError(QLabel *label, const QString &text, QWidget *field = nullptr);
void clearFieldError(QLabel *label, QWidget *field = nullptr);
// A hint in the same place, with the info icon; with a field, the field's description reads it too.
void showFieldHint(QLabel *label, const QString &text, const QString &iconName = QStringLiteral("info"),
                   QWidget *field = nullptr);

// A screen reader reads a field's accessible description when the field takes the focus (and again
// when it changes): it is made of the texts of every shown label linked to the field (its error, its
// hints), then the field's extra description (for example the password rules not met yet).
void describeFieldWith(QWidget *field, QLabel *label);
void setFieldExtraDescription(QWidget *field, const QString &text);
void updateFieldDescription(QWidget *field);

// Each change of a name or description is announced: set them only when they differ.
void setNameIfChanged(QWidget *widget, const QString &name);
void setDescriptionIfChanged(QWidget *widget, const QString &description);

} // namespace signup
