#include "sandbox/secretstore.h"

#include "sandbox/sandboxutil.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QSaveFile>

#include <openssl/evp.h>

#include <memory>

namespace signup {

namespace {

constexpr int NonceBytes = 12;
constexpr int TagBytes = 16;

// Body fields whose values are secrets: never part of a stored hash as they are.
bool isSecretField(const QString &name) {
    return name == QLatin1String("password") || name == QLatin1String("number") ||
           name == QLatin1String("cvc");
}

QJsonObject withoutSecrets(const QJsonObject &json, const QByteArray &material) {
    QJsonObject out;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (isSecretField(it.key()) && it.value().isString()) {
            const QByteArray mac =
                hmacSha256(material, "secret-field\n" + it.key().toUtf8() + '\n' + it->toString().toUtf8());
            out.insert(it.key(), QString::fromLatin1("hmac:" + mac.toHex()));
        } else if (it.value().isObject()) {
            out.insert(it.key(), withoutSecrets(it.value().toObject(), material));
        } else {
            out.insert(it.key(), it.value());
        }
    }
    return out;
}

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

} // namespace

QByteArray hmacSha256(const QByteArray &key, const QByteArray &data) {
    return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256);
}

QByteArray loadOrCreateServerSecret(const QString &dataDir, QString *error) {
    const QString path = QDir(dataDir).absoluteFilePath(QStringLiteral("server-secret"));
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly)) {
        const QByteArray secret = existing.read(64);
        if (secret.size() == 32)
            return secret;
    }
    const QByteArray secret = randomBytes(32);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(secret) != secret.size() ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || !file.commit()) {
        *error = QStringLiteral("cannot write %1").arg(path);
        return {};
    }
    return secret;
}

QByteArray IdempotencyKeys::sealKey() const {
    return hmacSha256(material, QByteArrayLiteral("seal-answer"));
}

IdempotencyKeys idempotencyKeys(const QByteArray &serverSecret, const QString &caller, const QString &key) {
    const QByteArray subject = caller.toUtf8() + '\n' + key.toUtf8();
    IdempotencyKeys keys;
    keys.keyId = QString::fromLatin1(hmacSha256(serverSecret, "idempotency-key-id\n" + subject).toHex());
    keys.material = hmacSha256(serverSecret, "idempotency-key-material\n" + subject);
    return keys;
}

QString idempotencyRequestHash(const QByteArray &serverSecret, const IdempotencyKeys &keys,
                               const QByteArray &method, const QString &path, bool jsonBody,
                               const QJsonObject &json, const QByteArray &body) {
    const QByteArray canonicalBody =
        jsonBody ? QJsonDocument(withoutSecrets(json, keys.material)).toJson(QJsonDocument::Compact)
                 : hmacSha256(keys.material, "raw-body\n" + body).toHex();
    return QString::fromLatin1(hmacSha256(serverSecret, "idempotency-request\n" + method + '\n' +
                                                            path.toUtf8() + '\n' + canonicalBody)
                                   .toHex());
}

QByteArray sealAnswer(const QByteArray &key, const QByteArray &plain) {
    const QByteArray nonce = randomBytes(NonceBytes);
    QByteArray out = nonce;
    out.resize(NonceBytes + plain.size() + TagBytes);
    auto *cipher = reinterpret_cast<unsigned char *>(out.data() + NonceBytes);
    CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int length = 0;
    int total = 0;
    if (!ctx ||
        EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr,
                           reinterpret_cast<const unsigned char *>(key.constData()),
                           reinterpret_cast<const unsigned char *>(nonce.constData())) != 1 ||
        EVP_EncryptUpdate(ctx.get(), cipher, &length,
                          reinterpret_cast<const unsigned char *>(plain.constData()), int(plain.size())) != 1)
        return {};
    total = length;
    if (EVP_EncryptFinal_ex(ctx.get(), cipher + total, &length) != 1)
        return {};
    total += length;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, TagBytes, cipher + total) != 1)
        return {};
    return out;
}

std::optional<QByteArray> unsealAnswer(const QByteArray &key, const QByteArray &sealed) {
    if (sealed.size() < NonceBytes + TagBytes)
        return std::nullopt;
    const qsizetype cipherBytes = sealed.size() - NonceBytes - TagBytes;
    QByteArray plain(cipherBytes, Qt::Uninitialized);
    QByteArray tag = sealed.right(TagBytes);
    CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int length = 0;
    if (!ctx ||
        EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr,
                           reinterpret_cast<const unsigned char *>(key.constData()),
                           reinterpret_cast<const unsigned char *>(sealed.constData())) != 1 ||
        EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(plain.data()), &length,
                          reinterpret_cast<const unsigned char *>(sealed.constData() + NonceBytes),
                          int(cipherBytes)) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, TagBytes, tag.data()) != 1)
        return std::nullopt;
    int finalLength = 0;
    if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(plain.data()) + length,
                            &finalLength) != 1)
        return std::nullopt;
    return plain;
}

} // namespace signup
