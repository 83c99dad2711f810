#pragma once

#include "api/apitypes.h"
#include "api/registrationclient.h"

#include <QJsonObject>
#include <QObject>

namespace signup {

// The sandbox's own routes (docs/api.md §4: outbox, phone robot, 3-D Secure, faults, info,
// invitations), which only a sandbox answers. It sends through a RegistrationClient, so both share
// one transport: the backend's address, the extra CA, proxy, timeouts, retries and request log.
// Every call is asynchronous, as RegistrationClient's are. It keeps nothing but the transport, so
// a short-lived one over a RegistrationClient (as tests make) serves as well as a lasting one.
class SandboxToolsClient : public QObject {
    Q_OBJECT
public:
    template <typename T> using Done = RegistrationClient::Done<T>;

    // Sends through `transport`, which must outlive this client.
    explicit SandboxToolsClient(RegistrationClient *transport, QObject *parent = nullptr);

    RegistrationClient *transport() const { return m_transport; }

    // GET /sandbox/v1/info: succeeds only against a sandbox (a production server answers 404).
    // One attempt: no answer means "not known to be a sandbox".
    ApiCall *info(QObject *context, Done<SandboxInfo> done);
    // POST /sandbox/v1/invitations: the invitation email lands in the outbox with its invite_url.
    ApiCall *invite(const SandboxInvitationRequest &request, QObject *context, Done<SandboxInvitation> done);
    // GET /sandbox/v1/outbox?to=: the emails sent to an address, newest first.
    ApiCall *outbox(const QString &to, QObject *context, Done<QList<OutboxMessage>> done);
    // POST /sandbox/v1/calls: a call from the person's phone to the number the API gave.
    ApiCall *call(const QString &from, const QString &to, QObject *context, Done<SandboxCall> done);
    // POST /sandbox/v1/calls/{id}/dtmf: what the robot answers (a result this build does not know
    // is a BadResponse).
    ApiCall *dtmf(const QString &callId, const QString &digits, QObject *context,
                  Done<KeyedDigitsResult> done);
    // POST /sandbox/v1/3ds/{id}; id: the last path segment of the card's action_url.
    ApiCall *decide3ds(const QString &id, bool approve, QObject *context, Done<CardState> done);
    ApiCall *addFault(const SandboxFault &fault, QObject *context, Done<QJsonObject> done);
    ApiCall *clearFaults(QObject *context, Done<NoContent> done);

private:
    RegistrationClient *m_transport;
};

} // namespace signup
