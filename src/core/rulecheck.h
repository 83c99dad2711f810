#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace signup {

// One rule of the contract (§2) and whether the input satisfies it. `id` is the contract's rule
// id (`email_format`, `password_repeats`, ...): the UI ticks rules by id and the server lists
// the failed ids in an error's `details`.
struct RuleCheck {
    QString id;
    bool passed = false;
};
using RuleChecks = QList<RuleCheck>;

// The ids of the failed rules, in the order the checks were listed.
QStringList failedRuleIds(const RuleChecks &checks);

} // namespace signup
