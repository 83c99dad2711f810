#pragma once

#include <QHostAddress>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace signup {

// The TLS identity of the sandbox: a server certificate (SANs 127.0.0.1, ::1, localhost) and
// the certificate a client must trust to reach it (the sandbox's own CA, or the server
// certificate itself when it was given with --cert).
struct SandboxCertificates {
    QSslCertificate serverCertificate;
    QSslKey serverKey;
    QSslCertificate trustCertificate;
    QString trustCertificatePath;
};

// Reuses ca.crt/server.crt/server.key in dataDir when they are there, still valid and name every
// address in extraAddresses; otherwise creates them with OpenSSL: a CA (CA:TRUE) and a server
// certificate signed by it for 127.0.0.1, ::1, localhost and extraAddresses. An existing valid CA
// is kept (clients already trust it) and only the server certificate is made again. Key files
// are written with mode 0600. Returns false and sets error on failure.
bool loadOrCreateSandboxCertificates(const QString &dataDir, SandboxCertificates *out, QString *error,
                                     const QList<QHostAddress> &extraAddresses = {});

// Loads a PEM certificate and key given on the command line. The certificate is also what a
// client trusts (a self-signed one, or a leaf whose issuer the client already trusts).
bool loadSandboxCertificateFiles(const QString &certificateFile, const QString &keyFile,
                                 SandboxCertificates *out, QString *error);

} // namespace signup
