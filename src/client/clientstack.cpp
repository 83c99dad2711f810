#include "client/clientstack.h"

#include "api/registrationclient.h"
#include "api/sandboxtoolsclient.h"
#include "client/registrationcontroller.h"
#include "session/keychaintokenstore.h"

namespace signup {

ClientStack::ClientStack(const ClientConfig &config, QObject *parent)
    : ClientStack(config, RegistrationClient::originOf(config.apiUrl), parent) {}

ClientStack::ClientStack(const ClientConfig &config, const QString &keychainKey, QObject *parent)
    : QObject(parent)
    , m_client(std::make_unique<RegistrationClient>(config))
    , m_sandboxTools(std::make_unique<SandboxToolsClient>(m_client.get()))
    , m_tokens(std::make_unique<KeychainTokenStore>(config.keychainService, keychainKey)) {
    m_tokens->setTimeoutMs(config.keychainTimeoutMs);
    m_controller = std::make_unique<RegistrationController>(m_client.get(), m_tokens.get());
}

void ClientStack::bindBackend(const QUrl &apiUrl, const QList<QSslCertificate> &extraCa, bool trustSystemCa,
                              const QString &keychainKey) {
    m_client->setBackend(apiUrl, extraCa, trustSystemCa);
    m_tokens->setKey(keychainKey);
}

// Members go in reverse order: the controller first, then the store and the clients.
ClientStack::~ClientStack() = default;

} // namespace signup
