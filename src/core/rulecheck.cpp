#include "core/rulecheck.h"

namespace signup {

QString wireName(RuleId id) {
    switch (id) {
    case RuleId::EmailLength:
        return QStringLiteral("email_length");
    case RuleId::EmailFormat:
        return QStringLiteral("email_format");
    case RuleId::EmailPlus:
        return QStringLiteral("email_plus");
    case RuleId::PasswordLength:
        return QStringLiteral("password_length");
    case RuleId::PasswordCharset:
        return QStringLiteral("password_charset");
    case RuleId::PasswordUpper:
        return QStringLiteral("password_upper");
    case RuleId::PasswordLower:
        return QStringLiteral("password_lower");
    case RuleId::PasswordDigitOrSpecial:
        return QStringLiteral("password_digit_or_special");
    case RuleId::PasswordRepeats:
        return QStringLiteral("password_repeats");
    case RuleId::Unknown:
        break;
    }
    return {};
}

const QList<RuleId> &knownRuleIds() {
    static const QList<RuleId> ids{
        RuleId::EmailLength,     RuleId::EmailFormat,   RuleId::EmailPlus,     RuleId::PasswordLength,
        RuleId::PasswordCharset, RuleId::PasswordUpper, RuleId::PasswordLower, RuleId::PasswordDigitOrSpecial,
        RuleId::PasswordRepeats};
    return ids;
}

RuleId ruleIdFromWire(QStringView name) {
    if (name.isEmpty())
        return RuleId::Unknown;
    for (RuleId id : knownRuleIds()) {
        if (wireName(id) == name)
            return id;
    }
    return RuleId::Unknown;
}

QList<RuleId> failedRuleIds(const RuleChecks &checks) {
    QList<RuleId> failed;
    for (const RuleCheck &check : checks) {
        if (!check.passed)
            failed.append(check.id);
    }
    return failed;
}

} // namespace signup
