#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace signup {

// What the sandbox keeps about secrets it is sent (contract 1.1, §1 "Secrets at rest"): keyed
// hashes and sealed answers, never the secrets themselves.

QByteArray hmacSha256(const QByteArray &key, const QByteArray &data);

// A 32-byte random secret kept in dataDir/server-secret (owner-only), made on first start.
QByteArray loadOrCreateServerSecret(const QString &dataDir, QString *error);

// The keys the server derives from an Idempotency-Key (it stores only keyId).
struct IdempotencyKeys {
    QString keyId;       // stored in place of the key: HMAC(server secret, caller, key), hex
    QByteArray material; // never stored: HMAC(server secret, caller, key) under another label
    QByteArray sealKey() const;
};
IdempotencyKeys idempotencyKeys(const QByteArray &serverSecret, const QString &caller, const QString &key);

// The request hash kept with an idempotency record: HMAC with the server secret over the method,
// the path and the body, where the body of a JSON route is taken in canonical form (sorted keys,
// no whitespace) with every secret field (password, card number, CVC) replaced by an HMAC keyed
// by the Idempotency-Key's material. Nothing in it can be checked against guesses without the
// Idempotency-Key itself.
QString idempotencyRequestHash(const QByteArray &serverSecret, const IdempotencyKeys &keys,
                               const QByteArray &method, const QString &path, bool jsonBody,
                               const QJsonObject &json, const QByteArray &body);

// AES-256-GCM with a random nonce: nonce | ciphertext | tag.
QByteArray sealAnswer(const QByteArray &key, const QByteArray &plain);
std::optional<QByteArray> unsealAnswer(const QByteArray &key, const QByteArray &sealed);

} // namespace signup
