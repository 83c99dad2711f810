#pragma once

// Writes a server certificate for 127.0.0.1 whose validity ended yesterday, issued by a CA that
// is still valid (the certificate file holds the server certificate, then the CA), and the
// server's key: what a server with a forgotten renewal presents. Qt cannot make certificates, so
// this uses OpenSSL's libcrypto directly.

#include <QByteArray>
#include <QFile>
#include <QString>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <utility>

namespace signup::test {

namespace detail {

inline X509 *makeCertificate(EVP_PKEY *key, const char *commonName, X509 *issuer, EVP_PKEY *issuerKey,
                             long notBeforeSeconds, long notAfterSeconds, const char *altNames, bool ca,
                             long serial) {
    X509 *cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), serial);
    X509_gmtime_adj(X509_getm_notBefore(cert), notBeforeSeconds);
    X509_gmtime_adj(X509_getm_notAfter(cert), notAfterSeconds);
    X509_set_pubkey(cert, key);
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>(commonName),
                               -1, -1, 0);
    X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer) : name);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer ? issuer : cert, cert, nullptr, nullptr, 0);
    bool ok = true;
    auto add = [&](int nid, const char *value) {
        X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
        ok = ok && ext && X509_add_ext(cert, ext, -1);
        X509_EXTENSION_free(ext);
    };
    add(NID_basic_constraints, ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    if (ca)
        add(NID_key_usage, "critical,keyCertSign,cRLSign");
    if (altNames)
        add(NID_subject_alt_name, altNames);
    ok = ok && X509_sign(cert, issuerKey ? issuerKey : key, EVP_sha256()) > 0;
    if (!ok) {
        X509_free(cert);
        return nullptr;
    }
    return cert;
}

inline QByteArray pem(X509 *cert) {
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    QByteArray out(data, int(n));
    BIO_free(bio);
    return out;
}

inline QByteArray pem(EVP_PKEY *key) {
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    QByteArray out(data, int(n));
    BIO_free(bio);
    return out;
}

} // namespace detail

inline bool writeExpiredCertificate(const QString &certificateFile, const QString &keyFile) {
    constexpr long day = 24 * 3600;
    EVP_PKEY *caKey = EVP_EC_gen("P-256");
    EVP_PKEY *serverKey = EVP_EC_gen("P-256");
    X509 *ca = caKey ? detail::makeCertificate(caKey, "Expired test CA", nullptr, nullptr, -10 * day,
                                               365 * day, nullptr, true, 1)
                     : nullptr;
    X509 *server = ca && serverKey ? detail::makeCertificate(serverKey, "127.0.0.1", ca, caKey, -3 * day,
                                                             -1 * day, "IP:127.0.0.1,DNS:localhost", false, 2)
                                   : nullptr;
    QByteArray certPem, keyPem;
    if (server) {
        certPem = detail::pem(server) + detail::pem(ca);
        keyPem = detail::pem(serverKey);
    }
    X509_free(server);
    X509_free(ca);
    EVP_PKEY_free(serverKey);
    EVP_PKEY_free(caKey);
    if (certPem.isEmpty())
        return false;
    QFile c(certificateFile), k(keyFile);
    return c.open(QIODevice::WriteOnly) && c.write(certPem) == certPem.size() &&
           k.open(QIODevice::WriteOnly) && k.setPermissions(QFile::ReadOwner | QFile::WriteOwner) &&
           k.write(keyPem) == keyPem.size();
}

} // namespace signup::test
