#include "core/rulecheck.h"

namespace signup {

QStringList failedRuleIds(const RuleChecks &checks) {
    QStringList failed;
    for (const RuleCheck &check : checks) {
        if (!check.passed)
            failed.append(check.id);
    }
    return failed;
}

} // namespace signup
