#include "wizard/rulechecklist.h"

#include "wizard/icons.h"
#include "wizard/uitext.h"

#include <QGridLayout>
#include <QLabel>
#include <QPainter>

namespace signup {

namespace {

// A picture with no accessible name, role or text: a plain widget is skipped by screen readers,
// where a QLabel with a pixmap would be read as an object of its own beside the rule's words.
class DecorativeIcon : public QWidget {
public:
    using QWidget::QWidget;
    void setPixmap(const QPixmap &pixmap) {
        m_pixmap = pixmap;
        update();
    }

protected:
    void paintEvent(QPaintEvent *) override {
        QPainter painter(this);
        painter.drawPixmap(rect(), m_pixmap);
    }

private:
    QPixmap m_pixmap;
};

} // namespace

RuleChecklist::RuleChecklist(const QList<RuleId> &rules, QWidget *parent)
    : QWidget(parent)
    , m_rules(rules) {
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(6);
    layout->setVerticalSpacing(2);
    layout->setColumnStretch(1, 1);
    int row = 0;
    for (RuleId rule : rules) {
        // The object names keep the contract's id (rule_password_length): the tests find rules by it.
        const QString id = wireName(rule);
        Row r;
        r.icon = new DecorativeIcon(this);
        r.icon->setObjectName(QStringLiteral("ruleIcon_") + id);
        r.icon->setFixedSize(16, 16);
        r.text = new QLabel(this);
        r.text->setObjectName(QStringLiteral("rule_") + id);
        r.text->setWordWrap(true);
        r.text->setTextFormat(Qt::PlainText);
        layout->addWidget(r.icon, row, 0, Qt::AlignTop);
        layout->addWidget(r.text, row, 1);
        m_rows.insert(rule, r);
        ++row;
    }
    retranslate();
    setPristine();
}

void RuleChecklist::retranslate() {
    for (auto it = m_rows.begin(); it != m_rows.end(); ++it) {
        it->text->setText(UiText::ruleText(it.key()));
        setState(it.key(), it->state, true);
    }
}

void RuleChecklist::setPristine() {
    for (RuleId rule : std::as_const(m_rules))
        setState(rule, State::Neutral);
}

void RuleChecklist::setChecks(const RuleChecks &checks) {
    for (const RuleCheck &check : checks)
        setState(check.id, check.passed ? State::Passed : State::Failed);
}

void RuleChecklist::markFailed(const QList<RuleId> &rules) {
    for (RuleId rule : rules)
        setState(rule, State::Failed);
}

QString RuleChecklist::summary() const {
    QStringList notMet;
    bool pristine = true;
    for (RuleId rule : m_rules) {
        const Row &row = m_rows[rule];
        if (row.state != State::Neutral)
            pristine = false;
        if (row.state != State::Passed)
            notMet.append(row.text->text());
    }
    if (pristine)
        return tr("Rules: %1.").arg(notMet.join(QStringLiteral(". ")));
    if (notMet.isEmpty())
        return tr("Every rule is met.");
    return tr("Not met yet: %1.").arg(notMet.join(QStringLiteral(". ")));
}

void RuleChecklist::setState(RuleId rule, State state, bool refresh) {
    auto it = m_rows.find(rule);
    // Called on every key: a rule whose state stays is left alone (nothing to repaint).
    if (it == m_rows.end() || (it->state == state && !refresh))
        return;
    it->state = state;
    QString iconName;
    QString stateText;
    switch (state) {
    case State::Neutral:
        iconName = QStringLiteral("step-todo");
        stateText = tr("not checked yet");
        break;
    case State::Passed:
        iconName = QStringLiteral("rule-ok");
        stateText = tr("met");
        break;
    case State::Failed:
        iconName = QStringLiteral("rule-fail");
        stateText = tr("not met");
        break;
    }
    // Rendered from SVG once per state and pixel ratio, not on every change.
    QPixmap &icon = m_icons[int(state)];
    if (icon.isNull() || icon.devicePixelRatio() != devicePixelRatioF())
        icon = Icons::pixmap(iconName, 16, 16, this);
    static_cast<DecorativeIcon *>(it->icon)->setPixmap(icon);
    it->text->setToolTip(stateText);
    it->text->setAccessibleName(it->text->text());
    it->text->setAccessibleDescription(stateText);
    it->text->setProperty("ruleState", int(state));
}

} // namespace signup
