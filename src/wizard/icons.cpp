#include "wizard/icons.h"

#include <QFile>
#include <QGuiApplication>
#include <QPalette>
#include <QWidget>

static void initWizardResources() {
    Q_INIT_RESOURCE(wizard);
}

namespace signup::Icons {

void ensureLoaded() {
    static const bool loaded = [] {
        initWizardResources();
        return true;
    }();
    Q_UNUSED(loaded);
}

QString resourcePath(const QString &name) {
    ensureLoaded();
    // On a dark window the status colours are lighter and their symbols dark, so a status still
    // stands out from the window at a glance (the light shapes would not, at about 2.5:1).
    if (QGuiApplication::palette().color(QPalette::Window).lightness() < 128) {
        const QString dark = QStringLiteral(":/icons/dark/%1.svg").arg(name);
        if (QFile::exists(dark))
            return dark;
    }
    return QStringLiteral(":/icons/%1.svg").arg(name);
}

QIcon icon(const QString &name) {
    return QIcon(resourcePath(name));
}

QPixmap pixmap(const QString &name, int width, int height, const QWidget *widget) {
    const qreal ratio = widget ? widget->devicePixelRatioF() : 1.0;
    QPixmap result = icon(name).pixmap(QSize(width, height), ratio);
    return result;
}

QString brandIconName(CardBrand brand) {
    switch (brand) {
    case CardBrand::Mir:
    case CardBrand::Visa:
    case CardBrand::Mastercard:
    case CardBrand::UnionPay:
        return cardBrandId(brand); // the icons are named by the contract's ids
    default:
        return QStringLiteral("card-unknown");
    }
}

} // namespace signup::Icons
