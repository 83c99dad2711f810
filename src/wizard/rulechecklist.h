#pragma once

#include "core/rulecheck.h"

#include <QHash>
#include <QPixmap>
#include <QWidget>

class QLabel;

namespace signup {

// The rules of a field as a list the user watches while typing: each rule with a tick or cross
// icon AND its words, and the state in the accessible description (never colour alone). The icon is
// decoration only (not an accessible object of its own), so a screen reader reads each rule once;
// summary() is for the field's own description, so the rules are heard from the field too.
class RuleChecklist : public QWidget {
    Q_OBJECT
public:
    explicit RuleChecklist(const QList<RuleId> &rules, QWidget *parent = nullptr);

    // Pristine: nothing typed yet, every rule shown neutral.
    void setPristine();
    void setChecks(const RuleChecks &checks);
    // Marks the rules the server reported as failing (`details`), keeping the others as they are.
    void markFailed(const QList<RuleId> &rules);
    void retranslate();
    // The rules in words for the field's accessible description: all of them while nothing is
    // checked, then only those not met yet.
    QString summary() const;

private:
    enum class State { Neutral, Passed, Failed };
    void setState(RuleId rule, State state, bool refresh = false);

    struct Row {
        QWidget *icon = nullptr;
        QLabel *text = nullptr;
        State state = State::Neutral;
    };
    QList<RuleId> m_rules;
    QHash<RuleId, Row> m_rows;
    QPixmap m_icons[3]; // by State
};

} // namespace signup
