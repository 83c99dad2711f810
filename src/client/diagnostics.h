#pragma once

#include "api/registrationclient.h"
#include "core/registration.h"

#include <QList>
#include <QString>
#include <optional>

namespace signup {

class RegistrationController;

// The diagnostics report a customer copies for support staff ("Copy diagnostics", --diagnostics):
// versions, the backend, the keychain, the registration's steps and the last 20 requests. Plain
// English text: support staff read it whatever the wizard's language.
//
// It never holds a token, password, card number, CVC, confirmation link, query value or a full email
// address: requests are shown by route template only, the email is masked, the card is not shown.
struct DiagnosticsInput {
    QString origin;              // "https://host:port"
    std::optional<bool> sandbox; // unknown when the backend was not asked
    QString keychainState;       // "session token in the keychain", ...
    Registration registration;   // empty when nobody is signed in
    QList<RequestRecord> requests;
};

class Diagnostics {
public:
    static constexpr int kRequests = 20;

    static QString report(const DiagnosticsInput &input);
    // From a running wizard: the controller's state and its client's log.
    static DiagnosticsInput collect(const RegistrationController *controller, std::optional<bool> sandbox);

    // "/api/v1/registration?wait=25" -> "/api/v1/registration"; ids and tokens in the path become
    // placeholders ("/sandbox/v1/3ds/{id}"); an unknown path keeps its first segment only.
    static QString routeTemplate(const QString &path);
    // "ivan.petrov@example.com" -> "i***@example.com"
    static QString maskEmail(const QString &email);
};

} // namespace signup
