#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace signup {

// The rule ids of the contract (§2), typed. The wire names are converted here and nowhere else:
// wireName() and ruleIdFromWire(). Unknown is what an id this build does not know reads as (a newer
// server's); it is never written.
enum class RuleId {
    Unknown,
    // Email (`422 invalid_email`).
    EmailLength, // email_length
    EmailFormat, // email_format
    EmailPlus,   // email_plus
    // Password (`422 invalid_password`).
    PasswordLength,         // password_length
    PasswordCharset,        // password_charset
    PasswordUpper,          // password_upper
    PasswordLower,          // password_lower
    PasswordDigitOrSpecial, // password_digit_or_special
    PasswordRepeats,        // password_repeats
};

// "email_plus" for RuleId::EmailPlus, ...; empty for Unknown.
QString wireName(RuleId id);
// RuleId::Unknown for a name not listed above (or an empty one).
RuleId ruleIdFromWire(QStringView name);
// Every id but Unknown, in contract order.
const QList<RuleId> &knownRuleIds();

// One rule of the contract (§2) and whether the input satisfies it: the UI ticks rules by id and
// the server lists the failed ids in an error's `details`.
struct RuleCheck {
    RuleId id = RuleId::Unknown;
    bool passed = false;
};
using RuleChecks = QList<RuleCheck>;

// The ids of the failed rules, in the order the checks were listed.
QList<RuleId> failedRuleIds(const RuleChecks &checks);

} // namespace signup
