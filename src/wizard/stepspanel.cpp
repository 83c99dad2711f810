#include "wizard/stepspanel.h"

#include "wizard/icons.h"

#include <QGridLayout>
#include <QLabel>

namespace signup {

StepsPanel::StepsPanel(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("stepsPanel"));
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(8, 8, 12, 8);
    layout->setVerticalSpacing(4);
    layout->setHorizontalSpacing(8);
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("stepsHeading"));
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    layout->addWidget(m_heading, 0, 0, 1, 2);
    for (int i = 0; i < 4; ++i) {
        Row row;
        row.icon = new QLabel(this);
        row.icon->setFixedSize(20, 20);
        row.icon->setObjectName(QStringLiteral("stepIcon%1").arg(i + 1));
        row.title = new QLabel(this);
        row.title->setObjectName(QStringLiteral("stepTitle%1").arg(i + 1));
        row.title->setWordWrap(true);
        row.state = new QLabel(this);
        row.state->setObjectName(QStringLiteral("stepState%1").arg(i + 1));
        row.state->setForegroundRole(QPalette::PlaceholderText);
        layout->addWidget(row.icon, 1 + 2 * i, 0, 2, 1, Qt::AlignTop);
        layout->addWidget(row.title, 1 + 2 * i, 1);
        layout->addWidget(row.state, 2 + 2 * i, 1);
        m_rows.append(row);
    }
    layout->setRowStretch(9, 1);
    layout->setColumnStretch(1, 1);
    // Narrow enough to leave the page room on a 1024 px wide screen beside the Sandbox tools;
    // the step names wrap.
    setMinimumWidth(170);
    setMaximumWidth(240);
    retranslate();
}

void StepsPanel::retranslate() {
    m_heading->setText(tr("Your progress"));
    update(m_registration);
}

void StepsPanel::setRegistration(const Registration &registration) {
    m_registration = registration;
    update(registration);
}

QString StepsPanel::stateOf(int step) const {
    return step >= 0 && step < m_rows.size() ? m_rows[step].stateId : QString();
}

void StepsPanel::update(const Registration &r) {
    // A member of someone else's project (joined by invitation) confirms no phone and links no
    // card: those steps are not shown as waiting for them.
    const bool member = !r.project && !r.memberships.isEmpty() && r.nextStep == Step::Done;
    for (int i = 2; i < 4; ++i) {
        m_rows[i].icon->setVisible(!member);
        m_rows[i].state->setVisible(!member);
        m_rows[i].title->setVisible(!member);
    }
    const bool done[4] = {r.accountCreated, r.emailConfirmed, r.phoneConfirmed || member,
                          r.cardLinked || member};
    int current = 0;
    while (current < 4 && done[current])
        ++current;
    // A step is named by what is to be done until it is done, then by what was done: before any
    // account exists the first step is "Create account", not "Account created".
    const QString todoTitles[4] = {tr("1. Create account"), tr("2. Confirm email"), tr("3. Confirm phone"),
                                   tr("4. Link a card")};
    const QString doneTitles[4] = {tr("1. Account created"), tr("2. Email confirmed"),
                                   tr("3. Phone confirmed"), tr("4. Card linked")};
    for (int i = 0; i < 4; ++i) {
        Row &row = m_rows[i];
        row.title->setText(done[i] ? doneTitles[i] : todoTitles[i]);
        QString icon;
        QString text;
        if (done[i]) {
            row.stateId = QStringLiteral("done");
            icon = QStringLiteral("step-done");
            text = tr("Done");
        } else if (i == current) {
            row.stateId = QStringLiteral("current");
            icon = QStringLiteral("step-current");
            text = tr("Current step");
        } else {
            row.stateId = QStringLiteral("todo");
            icon = QStringLiteral("step-todo");
            text = tr("Not yet");
        }
        row.icon->setPixmap(Icons::pixmap(icon, 20, 20, this));
        row.icon->setAccessibleName(text); // the picture says the same as the words
        row.state->setText(text);
        QFont font = row.title->font();
        font.setBold(i == current);
        row.title->setFont(font);
        row.title->setAccessibleName(row.title->text());
        row.title->setAccessibleDescription(text);
    }
}

} // namespace signup
