#pragma once

#include "api/clientconfig.h"

#include <QObject>
#include <memory>

namespace signup {

class RegistrationClient;
class SandboxToolsClient;
class KeychainTokenStore;
class RegistrationController;

// The client (with its sandbox tools client), the token store and the controller built from one ClientConfig
// and owned together (the controller is destroyed first). What the wizard creates at start-up.
class ClientStack : public QObject {
    Q_OBJECT
public:
    // The keychain entry is keyed by the API's origin ...
    explicit ClientStack(const ClientConfig &config, QObject *parent = nullptr);
    // ... or by `keychainKey`: a stable identity of a backend whose origin changes from run to run
    // (the embedded sandbox listens on a random port).
    ClientStack(const ClientConfig &config, const QString &keychainKey, QObject *parent = nullptr);
    ~ClientStack() override;

    // The embedded sandbox starts behind the wizard's window: the stack is made (and the window
    // shown) before its address, CA and keychain identity are known. Call before the first request.
    void bindBackend(const QUrl &apiUrl, const QList<QSslCertificate> &extraCa, bool trustSystemCa,
                     const QString &keychainKey);

    RegistrationClient *client() const { return m_client.get(); }
    // The sandbox's own routes over the same transport (answered only by a sandbox).
    SandboxToolsClient *sandboxTools() const { return m_sandboxTools.get(); }
    KeychainTokenStore *tokens() const { return m_tokens.get(); }
    RegistrationController *controller() const { return m_controller.get(); }

private:
    std::unique_ptr<RegistrationClient> m_client;
    std::unique_ptr<SandboxToolsClient> m_sandboxTools;
    std::unique_ptr<KeychainTokenStore> m_tokens;
    std::unique_ptr<RegistrationController> m_controller;
};

} // namespace signup
