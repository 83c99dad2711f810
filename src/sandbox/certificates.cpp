#include "sandbox/certificates.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkInterface>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace signup {

namespace {

struct OpenSslFree {
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
    void operator()(BIGNUM *p) const { BN_free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree>;
using CertPtr = std::unique_ptr<X509, OpenSslFree>;
using BioPtr = std::unique_ptr<BIO, OpenSslFree>;
using BnPtr = std::unique_ptr<BIGNUM, OpenSslFree>;

constexpr long CertificateLifetimeDays = 825;

bool addExtension(X509 *cert, X509 *issuer, int nid, const char *value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

CertPtr makeCertificate(EVP_PKEY *subjectKey, const char *commonName, X509 *issuer, EVP_PKEY *issuerKey,
                        bool isCa, const QByteArray &subjectAltNames = {},
                        const QByteArray &nameConstraints = {}) {
    CertPtr cert(X509_new());
    if (!cert)
        return {};
    X509_set_version(cert.get(), 2);
    BnPtr serial(BN_new());
    if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1)
        return {};
    if (!BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())))
        return {};
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * CertificateLifetimeDays);
    X509_set_pubkey(cert.get(), subjectKey);
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("VK Cloud sign-up sandbox"), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>(commonName),
                               -1, -1, 0);
    X509 *issuerCert = issuer ? issuer : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(issuerCert));

    bool ok = addExtension(cert.get(), issuerCert, NID_subject_key_identifier, "hash");
    if (isCa) {
        ok = ok && addExtension(cert.get(), issuerCert, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
        ok = ok && addExtension(cert.get(), issuerCert, NID_key_usage, "critical,keyCertSign,cRLSign");
        if (!nameConstraints.isEmpty())
            ok =
                ok && addExtension(cert.get(), issuerCert, NID_name_constraints, nameConstraints.constData());
    } else {
        ok = ok && addExtension(cert.get(), issuerCert, NID_authority_key_identifier, "keyid:always");
        ok = ok && addExtension(cert.get(), issuerCert, NID_basic_constraints, "critical,CA:FALSE");
        ok = ok && addExtension(cert.get(), issuerCert, NID_key_usage, "critical,digitalSignature");
        ok = ok && addExtension(cert.get(), issuerCert, NID_ext_key_usage, "serverAuth");
        ok = ok && addExtension(cert.get(), issuerCert, NID_subject_alt_name, subjectAltNames.constData());
    }
    if (!ok || X509_sign(cert.get(), issuerKey, EVP_sha256()) <= 0)
        return {};
    return cert;
}

QByteArray bioContents(BIO *bio) {
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(size));
}

QByteArray certificatePem(X509 *cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
        return {};
    return bioContents(bio.get());
}

QByteArray privateKeyPem(EVP_PKEY *key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return bioContents(bio.get());
}

bool writeFile(const QString &path, const QByteArray &contents, bool secret, QString *error) {
    QFile file(path);
    QFile::remove(path);
    const QFileDevice::Permissions mode = secret ? (QFileDevice::ReadOwner | QFileDevice::WriteOwner)
                                                 : (QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                    QFileDevice::ReadGroup | QFileDevice::ReadOther);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, mode) ||
        file.write(contents) != contents.size()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.setPermissions(mode);
    return true;
}

QByteArray readFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QSslKey keyFromPem(const QByteArray &pem) {
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

bool stillValid(const QSslCertificate &cert) {
    // The real time, not the sandbox's clock: clients check the certificate against their own.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return !cert.isNull() && cert.effectiveDate() <= now && cert.expiryDate() > now.addDays(1);
}

} // namespace

bool loadSandboxCertificateFiles(const QString &certificateFile, const QString &keyFile,
                                 SandboxCertificates *out, QString *error) {
    const QList<QSslCertificate> certs = QSslCertificate::fromData(readFile(certificateFile), QSsl::Pem);
    if (certs.isEmpty()) {
        *error = QStringLiteral("cannot read a PEM certificate from %1").arg(certificateFile);
        return false;
    }
    const QSslKey key = keyFromPem(readFile(keyFile));
    if (key.isNull()) {
        *error = QStringLiteral("cannot read a PEM private key from %1").arg(keyFile);
        return false;
    }
    out->serverCertificate = certs.first();
    out->serverKey = key;
    out->trustCertificate = certs.last();
    out->trustCertificatePath = QFileInfo(certificateFile).absoluteFilePath();
    return true;
}

namespace {

QList<QHostAddress> wantedAddresses(const QList<QHostAddress> &extra) {
    QList<QHostAddress> addresses{QHostAddress(QHostAddress::LocalHost),
                                  QHostAddress(QHostAddress::LocalHostIPv6)};
    for (const QHostAddress &a : extra)
        if (!a.isNull() && !addresses.contains(a))
            addresses.append(a);
    return addresses;
}

bool namesAll(const QSslCertificate &cert, const QList<QHostAddress> &addresses) {
    QList<QHostAddress> named;
    for (const QString &ip : cert.subjectAlternativeNames().values(QSsl::IpAddressEntry))
        named.append(QHostAddress(ip));
    for (const QHostAddress &a : addresses)
        if (!named.contains(a))
            return false;
    return true;
}

// The CA may only vouch for the sandbox's own names: someone who imports it into a system
// store trusts it for nothing else (RFC 5280, 4.2.1.10).
QByteArray nameConstraints(const QList<QHostAddress> &addresses) {
    QByteArray nc = "critical,permitted;DNS:localhost";
    for (const QHostAddress &a : addresses) {
        const bool v4 = a.protocol() == QAbstractSocket::IPv4Protocol;
        nc += ",permitted;IP:" + a.toString().toLatin1() +
              (v4 ? QByteArray("/255.255.255.255") : QByteArray("/ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    }
    return nc;
}

// What a new CA may vouch for: loopback, the addresses asked for, and this machine's own
// addresses (so that listening on one of them later keeps the CA clients already trust).
QList<QHostAddress> constraintAddresses(const QList<QHostAddress> &wanted) {
    QList<QHostAddress> addresses = wanted;
    for (const QHostAddress &a : QNetworkInterface::allAddresses())
        if (a.scopeId().isEmpty() && !addresses.contains(a))
            addresses.append(a);
    return addresses;
}

// True when ca carries name constraints and they allow every name of server.
bool constrainedFor(X509 *ca, X509 *server) {
    auto *nc = static_cast<NAME_CONSTRAINTS *>(X509_get_ext_d2i(ca, NID_name_constraints, nullptr, nullptr));
    if (!nc)
        return false;
    const bool ok = NAME_CONSTRAINTS_check(server, nc) == X509_V_OK;
    NAME_CONSTRAINTS_free(nc);
    return ok;
}

CertPtr certificateFromPem(const QByteArray &pem) {
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    return CertPtr(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

QByteArray subjectAltNames(const QList<QHostAddress> &addresses) {
    QByteArray san = "DNS:localhost";
    for (const QHostAddress &a : addresses)
        san += ",IP:" + a.toString().toLatin1();
    return san;
}

} // namespace

bool loadOrCreateSandboxCertificates(const QString &dataDir, SandboxCertificates *out, QString *error,
                                     const QList<QHostAddress> &extraAddresses) {
    const QDir dir(dataDir);
    const QString caPath = dir.absoluteFilePath(QStringLiteral("ca.crt"));
    const QString caKeyPath = dir.absoluteFilePath(QStringLiteral("ca.key"));
    const QString certPath = dir.absoluteFilePath(QStringLiteral("server.crt"));
    const QString keyPath = dir.absoluteFilePath(QStringLiteral("server.key"));
    const QList<QHostAddress> addresses = wantedAddresses(extraAddresses);

    const QList<QSslCertificate> existingCa = QSslCertificate::fromData(readFile(caPath), QSsl::Pem);
    const bool caUsable = !existingCa.isEmpty() && stillValid(existingCa.first());
    if (caUsable) {
        const QList<QSslCertificate> server = QSslCertificate::fromData(readFile(certPath), QSsl::Pem);
        const QSslKey key = keyFromPem(readFile(keyPath));
        const CertPtr caX509 = certificateFromPem(readFile(caPath));
        const CertPtr serverX509 = certificateFromPem(readFile(certPath));
        if (!server.isEmpty() && !key.isNull() && stillValid(server.first()) &&
            namesAll(server.first(), addresses) && caX509 && serverX509 &&
            constrainedFor(caX509.get(), serverX509.get())) {
            out->serverCertificate = server.first();
            out->serverKey = key;
            out->trustCertificate = existingCa.first();
            out->trustCertificatePath = caPath;
            return true;
        }
    }

    if (!dir.mkpath(QStringLiteral("."))) {
        *error = QStringLiteral("cannot create %1").arg(dataDir);
        return false;
    }
    // Keep a valid CA whose key is at hand: clients that trust it keep working.
    KeyPtr caKey;
    CertPtr caCert;
    if (caUsable) {
        const QByteArray caPem = readFile(caPath);
        const QByteArray caKeyPem = readFile(caKeyPath);
        BioPtr certBio(BIO_new_mem_buf(caPem.constData(), int(caPem.size())));
        BioPtr keyBio(BIO_new_mem_buf(caKeyPem.constData(), int(caKeyPem.size())));
        if (certBio && keyBio) {
            caCert.reset(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
            caKey.reset(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
        }
        if (!caCert || !caKey || X509_check_private_key(caCert.get(), caKey.get()) != 1) {
            caCert.reset();
            caKey.reset();
        }
    }
    KeyPtr serverKey(EVP_EC_gen("P-256"));
    CertPtr serverCert = caCert && serverKey ? makeCertificate(serverKey.get(), "localhost", caCert.get(),
                                                               caKey.get(), false, subjectAltNames(addresses))
                                             : CertPtr();
    // A CA of an earlier version (no name constraints), or one constrained to other addresses, is
    // replaced: clients that imported it must import the new one.
    bool newCa = !caCert || !serverCert || !constrainedFor(caCert.get(), serverCert.get());
    if (newCa) {
        caKey.reset(EVP_EC_gen("P-256"));
        caCert = caKey ? makeCertificate(caKey.get(), "VK Cloud sign-up sandbox CA", nullptr, caKey.get(),
                                         true, {}, nameConstraints(constraintAddresses(addresses)))
                       : CertPtr();
        serverCert = caCert && serverKey ? makeCertificate(serverKey.get(), "localhost", caCert.get(),
                                                           caKey.get(), false, subjectAltNames(addresses))
                                         : CertPtr();
    }
    if (!serverCert) {
        *error = QStringLiteral("cannot create the sandbox certificates");
        return false;
    }
    const QByteArray caPem = certificatePem(caCert.get());
    const QByteArray serverPem = certificatePem(serverCert.get());
    const QByteArray serverKeyPem = privateKeyPem(serverKey.get());
    if (newCa && (!writeFile(caKeyPath, privateKeyPem(caKey.get()), true, error) ||
                  !writeFile(caPath, caPem, false, error)))
        return false;
    if (!writeFile(keyPath, serverKeyPem, true, error) || !writeFile(certPath, serverPem, false, error))
        return false;

    out->serverCertificate = QSslCertificate(serverPem, QSsl::Pem);
    out->serverKey = keyFromPem(serverKeyPem);
    out->trustCertificate = QSslCertificate(caPem, QSsl::Pem);
    out->trustCertificatePath = caPath;
    if (out->serverKey.isNull() || out->serverCertificate.isNull()) {
        *error = QStringLiteral("cannot load the created certificates");
        return false;
    }
    return true;
}

} // namespace signup
