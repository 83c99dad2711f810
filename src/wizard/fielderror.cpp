#include "wizard/fielderror.h"

#include "wizard/icons.h"

#include <QLabel>

namespace signup {

static void showWithIcon(QLabel *label, const QString &text, const QString &iconName) {
    Icons::ensureLoaded();
    const int size = label->fontMetrics().height();
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setText(QStringLiteral("<table cellspacing=\"0\" cellpadding=\"0\"><tr><td valign=\"top\">"
                                  "<img src=\":/icons/%1.svg\" width=\"%2\" height=\"%2\">&nbsp;</td>"
                                  "<td>%3</td></tr></table>")
                       .arg(iconName)
                       .arg(size)
                       .arg(text.toHtmlEscaped()));
    label->setAccessibleName(text);
    label->setProperty("plainText", text);
    label->show();
}

void showFieldError(QLabel *label, const QString &text, QWidget *field) {
    showWithIcon(label, text, QStringLiteral("error"));
    if (field)
        field->setAccessibleDescription(text);
}

void clearFieldError(QLabel *label, QWidget *field) {
    label->clear();
    label->setProperty("plainText", QString());
    label->hide();
    if (field)
        field->setAccessibleDescription(QString());
}

void showFieldHint(QLabel *label, const QString &text, const QString &iconName) {
    showWithIcon(label, text, iconName);
}

} // namespace signup
