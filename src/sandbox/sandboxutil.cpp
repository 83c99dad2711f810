#include "sandbox/sandboxutil.h"

#include "core/emailpolicy.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace signup {

QByteArray randomBytes(int count) {
    QByteArray bytes(count, Qt::Uninitialized);
    QRandomGenerator *generator = QRandomGenerator::system();
    for (int i = 0; i < count; ++i)
        bytes[i] = char(generator->bounded(256));
    return bytes;
}

QString randomHex(int bytes) {
    return QString::fromLatin1(randomBytes(bytes).toHex());
}

QString randomToken() {
    return QString::fromLatin1(
        randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString randomDigits(int count) {
    QString digits;
    for (int i = 0; i < count; ++i)
        digits.append(QChar(u'0' + QRandomGenerator::system()->bounded(10)));
    return digits;
}

QString sha256Hex(const QByteArray &data) {
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QString emailKeyOf(const QString &email) {
    const QString normalized = EmailPolicy::normalized(email);
    return normalized.isEmpty() ? email.trimmed().toLower() : normalized;
}

QByteArray errorBody(ErrorCode code, const QString &message, const QString &field,
                     const QList<RuleId> &details, qint64 retryAfter) {
    QJsonObject error{{QStringLiteral("code"), wireName(code)}, {QStringLiteral("message"), message}};
    if (!field.isEmpty())
        error.insert(QStringLiteral("field"), field);
    if (!details.isEmpty()) {
        QJsonArray ids;
        for (RuleId rule : details)
            ids.append(wireName(rule));
        error.insert(QStringLiteral("details"), ids);
    }
    if (retryAfter >= 0)
        error.insert(QStringLiteral("retry_after"), retryAfter);
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact);
}

QString htmlEscaped(const QString &text) {
    return text.toHtmlEscaped();
}

QString digitsOnly(const QString &text) {
    QString digits;
    for (QChar c : text)
        if (c.isDigit())
            digits.append(c);
    return digits;
}

} // namespace signup
