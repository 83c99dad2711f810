#include "wizard/fielderror.h"

#include "wizard/icons.h"

#include <QLabel>
#include <QVariant>

namespace signup {

static const char kDescribedBy[] = "vksignupDescribedBy";
static const char kExtraDescription[] = "vksignupExtraDescription";

static void showWithIcon(QLabel *label, const QString &text, const QString &iconName) {
    const int size = label->fontMetrics().height();
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setText(QStringLiteral("<table cellspacing=\"0\" cellpadding=\"0\"><tr><td valign=\"top\">"
                                  "<img src=\"%1\" width=\"%2\" height=\"%2\">&nbsp;</td>"
                                  "<td>%3</td></tr></table>")
                       .arg(Icons::resourcePath(iconName))
                       .arg(size)
                       .arg(text.toHtmlEscaped()));
    label->setAccessibleName(text);
    label->setProperty("plainText", text);
    label->show();
}

// The words a label shows, without the markup of the icon.
static QString shownText(const QLabel *label) {
    if (label->isHidden())
        return QString();
    const QVariant plain = label->property("plainText");
    if (plain.isValid())
        return plain.toString();
    return label->textFormat() == Qt::RichText ? QString() : label->text();
}

void describeFieldWith(QWidget *field, QLabel *label) {
    if (!field || !label)
        return;
    QVariantList labels = field->property(kDescribedBy).toList();
    for (const QVariant &linked : std::as_const(labels))
        if (linked.value<QObject *>() == label)
            return;
    labels.append(QVariant::fromValue<QObject *>(label));
    field->setProperty(kDescribedBy, labels);
}

void setFieldExtraDescription(QWidget *field, const QString &text) {
    field->setProperty(kExtraDescription, text);
    updateFieldDescription(field);
}

void updateFieldDescription(QWidget *field) {
    if (!field)
        return;
    QStringList parts;
    for (const QVariant &linked : field->property(kDescribedBy).toList()) {
        if (const auto *label = qobject_cast<const QLabel *>(linked.value<QObject *>())) {
            const QString text = shownText(label).trimmed();
            if (!text.isEmpty())
                parts.append(text);
        }
    }
    const QString extra = field->property(kExtraDescription).toString();
    if (!extra.isEmpty())
        parts.append(extra);
    const QString description = parts.join(QLatin1Char(' '));
    // Setting it sends DescriptionChanged, which a screen reader announces: only when it differs.
    if (field->accessibleDescription() != description)
        field->setAccessibleDescription(description);
}

void setNameIfChanged(QWidget *widget, const QString &name) {
    if (widget->accessibleName() != name)
        widget->setAccessibleName(name);
}

void setDescriptionIfChanged(QWidget *widget, const QString &description) {
    if (widget->accessibleDescription() != description)
        widget->setAccessibleDescription(description);
}

void showFieldError(QLabel *label, const QString &text, QWidget *field) {
    showWithIcon(label, text, QStringLiteral("error"));
    describeFieldWith(field, label);
    updateFieldDescription(field);
}

void clearFieldError(QLabel *label, QWidget *field) {
    label->clear();
    label->setProperty("plainText", QString());
    label->hide();
    updateFieldDescription(field);
}

void showFieldHint(QLabel *label, const QString &text, const QString &iconName, QWidget *field) {
    showWithIcon(label, text, iconName);
    describeFieldWith(field, label);
    updateFieldDescription(field);
}

} // namespace signup
