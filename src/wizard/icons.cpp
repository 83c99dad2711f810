#include "wizard/icons.h"

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

QIcon icon(const QString &name) {
    ensureLoaded();
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(name));
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
