#include "client/diagnostics.h"

#include "client/registrationcontroller.h"
#include "vksignup/version.h"

#include <QSysInfo>
#include <QTimeZone>
#include <QUrl>

namespace signup {

namespace {

QString yesNo(bool value) {
    return value ? QStringLiteral("done") : QStringLiteral("not yet");
}

} // namespace

QString Diagnostics::maskEmail(const QString &email) {
    const qsizetype at = email.lastIndexOf(QLatin1Char('@'));
    if (at <= 0)
        return email.isEmpty() ? QString() : QStringLiteral("***");
    return email.left(1) + QStringLiteral("***") + email.mid(at);
}

QString Diagnostics::routeTemplate(const QString &path) {
    QString clean = path.section(QLatin1Char('?'), 0, 0).section(QLatin1Char('#'), 0, 0);
    // Only the routes of the contract keep their words; everything else in a path may be a secret.
    static const QStringList fixed = {
        QStringLiteral("/api/v1/regions"),
        QStringLiteral("/api/v1/accounts"),
        QStringLiteral("/api/v1/sessions"),
        QStringLiteral("/api/v1/sessions/current"),
        QStringLiteral("/api/v1/registration"),
        QStringLiteral("/api/v1/registration/email"),
        QStringLiteral("/api/v1/registration/email/resend"),
        QStringLiteral("/api/v1/registration/phone"),
        QStringLiteral("/api/v1/registration/card"),
        QStringLiteral("/api/v1/registration/autopayment"),
        QStringLiteral("/api/v1/registration/support-code"),
        QStringLiteral("/api/v1/email/confirm"),
        QStringLiteral("/sandbox/v1/info"),
        QStringLiteral("/sandbox/v1/outbox"),
        QStringLiteral("/sandbox/v1/calls"),
        QStringLiteral("/sandbox/v1/faults"),
        QStringLiteral("/sandbox/v1/invitations"),
    };
    if (fixed.contains(clean))
        return clean;
    const QStringList s = clean.split(QLatin1Char('/'));
    // s[0] is empty (the path starts with '/').
    const auto is = [&s](int i, const char *word) { return i < s.size() && s.at(i) == QLatin1String(word); };
    if (s.size() == 5 && is(1, "api") && is(2, "v1") && is(3, "invitations"))
        return QStringLiteral("/api/v1/invitations/{token}");
    if (s.size() == 6 && is(1, "api") && is(2, "v1") && is(3, "invitations") && is(5, "accept"))
        return QStringLiteral("/api/v1/invitations/{token}/accept");
    if (s.size() == 6 && is(1, "api") && is(2, "v1") && is(3, "support") && is(4, "registrations"))
        return QStringLiteral("/api/v1/support/registrations/{code}");
    if (s.size() == 6 && is(1, "sandbox") && is(2, "v1") && is(3, "calls") && is(5, "dtmf"))
        return QStringLiteral("/sandbox/v1/calls/{id}/dtmf");
    if (s.size() == 5 && is(1, "sandbox") && is(2, "v1") && is(3, "3ds"))
        return QStringLiteral("/sandbox/v1/3ds/{id}");
    if (s.size() >= 2 && !s.at(1).isEmpty() && s.size() > 2)
        return QLatin1Char('/') + s.at(1) + QStringLiteral("/{…}");
    return QStringLiteral("/{…}");
}

DiagnosticsInput Diagnostics::collect(const RegistrationController *controller, std::optional<bool> sandbox) {
    DiagnosticsInput in;
    RegistrationClient *client = controller->client();
    in.origin = client->origin();
    in.sandbox = sandbox;
    switch (controller->persistence()) {
    case RegistrationController::Persistence::Keychain:
        in.keychainState = QStringLiteral("available; the session token is kept there");
        break;
    case RegistrationController::Persistence::MemoryOnly:
        in.keychainState = QStringLiteral("not available (%1); the session lives in memory only")
                               .arg(controller->persistenceMessage());
        break;
    case RegistrationController::Persistence::Unknown:
        in.keychainState = controller->phase() == RegistrationController::Phase::NeedsAccount
                               ? QStringLiteral("no stored session")
                               : QStringLiteral("not used yet");
        break;
    }
    in.registration = controller->registration();
    in.requests = client->recentRequests();
    return in;
}

QString Diagnostics::report(const DiagnosticsInput &in) {
    QStringList lines;
    lines << QStringLiteral("VK Cloud sign-up diagnostics");
    lines << QStringLiteral("Created: %1").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    lines << QStringLiteral("App version: %1").arg(QStringLiteral(VKSIGNUP_VERSION));
    lines << QStringLiteral("OS: %1 (%2 %3, %4)")
                 .arg(QSysInfo::prettyProductName(), QSysInfo::kernelType(), QSysInfo::kernelVersion(),
                      QSysInfo::currentCpuArchitecture());
    lines << QStringLiteral("Qt: %1 (built with %2)")
                 .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
    lines << QStringLiteral("Backend: %1").arg(in.origin);
    lines << QStringLiteral("Sandbox: %1")
                 .arg(!in.sandbox   ? QStringLiteral("unknown")
                      : *in.sandbox ? QStringLiteral("yes")
                                    : QStringLiteral("no"));
    lines << QStringLiteral("Keychain: %1").arg(in.keychainState);
    const Registration &r = in.registration;
    if (r.isNull()) {
        lines << QStringLiteral("Registration: none (not signed in)");
    } else {
        lines << QStringLiteral("Email: %1").arg(maskEmail(r.email));
        lines << QStringLiteral("Region: %1").arg(r.region);
        lines << QStringLiteral("Steps: account %1, email %2, phone %3, card %4; next: %5")
                     .arg(yesNo(r.accountCreated), yesNo(r.emailConfirmed), yesNo(r.phoneConfirmed),
                          yesNo(r.cardLinked),
                          r.nextStep == Step::Account ? QStringLiteral("account") : stepWireName(r.nextStep));
        if (r.phone)
            lines << QStringLiteral("Phone: %1").arg(wireName(r.phone->status));
        if (r.card)
            lines << QStringLiteral("Card: %1 %2").arg(r.card->brand, wireName(r.card->status));
        lines << QStringLiteral("Registration version: %1").arg(r.version);
    }
    const qsizetype first = std::max<qsizetype>(0, in.requests.size() - kRequests);
    lines << QString();
    lines << QStringLiteral("Last requests (oldest first): time UTC | method | route | status | error | "
                            "duration | request id");
    if (in.requests.isEmpty())
        lines << QStringLiteral("(none)");
    for (qsizetype i = first; i < in.requests.size(); ++i) {
        const RequestRecord &q = in.requests.at(i);
        const QString status = q.httpStatus ? QString::number(q.httpStatus) : QStringLiteral("no answer");
        const QString error = !q.errorCode.isEmpty()              ? q.errorCode
                              : q.outcome == ApiError::Kind::None ? QStringLiteral("-")
                                                                  : ApiError::kindName(q.outcome);
        lines << QStringLiteral("%1 | %2 | %3 | %4 | %5 | %6 ms | %7%8")
                     .arg(q.startedAt.toUTC().toString(QStringLiteral("HH:mm:ss.zzz")), q.method,
                          routeTemplate(q.path), status, error)
                     .arg(q.durationMs)
                     .arg(q.requestId,
                          q.attempt > 1 ? QStringLiteral(" (attempt %1)").arg(q.attempt) : QString());
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace signup
