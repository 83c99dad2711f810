#pragma once

#include "core/errorcode.h"
#include "core/rulecheck.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace signup {

QByteArray randomBytes(int count); // QRandomGenerator::system()
QString randomHex(int bytes);
QString randomToken(); // 256 bits, base64url without padding
QString randomDigits(int count);
QString sha256Hex(const QByteArray &data);
// The uniqueness key of an address: EmailPolicy::normalized(), or the lower-cased text when the
// address is not valid (so that rate limits and idempotency still group by what was typed).
QString emailKeyOf(const QString &email);
// The contract's error body: the one place the sandbox writes an error code's and a rule id's wire name.
QByteArray errorBody(ErrorCode code, const QString &message, const QString &field = {},
                     const QList<RuleId> &details = {}, qint64 retryAfter = -1);
QString htmlEscaped(const QString &text);
// The digits of a phone number as typed or dialled, without spaces, dashes or the plus.
QString digitsOnly(const QString &text);

} // namespace signup
