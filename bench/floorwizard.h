#pragma once

// The floor of the wizard's costs: a bare QWizard with one page, an email and a password field and a
// five-line checklist that follows the password. What Qt itself costs for an equivalent first page.

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>
#include <QWizard>
#include <QWizardPage>

namespace bench {

inline QWizard *makeFloorWizard() {
    auto *wizard = new QWizard;
    wizard->setWindowTitle(QStringLiteral("Floor"));
    auto *page = new QWizardPage;
    page->setTitle(QStringLiteral("Create an account"));
    auto *form = new QFormLayout(page);
    auto *email = new QLineEdit(page);
    email->setObjectName(QStringLiteral("emailEdit"));
    auto *password = new QLineEdit(page);
    password->setObjectName(QStringLiteral("passwordEdit"));
    password->setEchoMode(QLineEdit::Password);
    form->addRow(QStringLiteral("&Email"), email);
    form->addRow(QStringLiteral("&Password"), password);
    auto *checklist = new QVBoxLayout;
    const QStringList rules = {QStringLiteral("At least 8 characters"),
                               QStringLiteral("An upper-case letter"), QStringLiteral("A lower-case letter"),
                               QStringLiteral("A digit"), QStringLiteral("No spaces")};
    QList<QLabel *> labels;
    for (const QString &rule : rules) {
        auto *label = new QLabel(QStringLiteral("○ ") + rule, page);
        checklist->addWidget(label);
        labels.append(label);
    }
    form->addRow(checklist);
    // The checklist follows the password; a label whose text does not change does not repaint.
    QObject::connect(password, &QLineEdit::textChanged, page, [labels, rules](const QString &text) {
        const bool met[] = {text.size() >= 8,
                            std::any_of(text.begin(), text.end(), [](QChar c) { return c.isUpper(); }),
                            std::any_of(text.begin(), text.end(), [](QChar c) { return c.isLower(); }),
                            std::any_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); }),
                            !text.contains(QLatin1Char(' '))};
        for (int i = 0; i < labels.size(); ++i)
            labels[i]->setText((met[i] ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + rules[i]);
    });
    wizard->addPage(page);
    return wizard;
}

} // namespace bench
