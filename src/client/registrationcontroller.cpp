#include "client/registrationcontroller.h"

#include "api/registrationclient.h"
#include "core/registration.h"
#include "session/keychaintokenstore.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHash>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace signup {

namespace {
using Persistence = RegistrationController::Persistence;
using Phase = RegistrationController::Phase;
using Action = RegistrationController::Action;
using ResetOutcome = RegistrationController::ResetOutcome;

// A random key for this process only: the in-memory map of idempotency keys is keyed by an HMAC
// of the action's input, never by a plain hash that a guess of a password or card could be
// checked against.
const QByteArray &processKey() {
    static const QByteArray key = [] {
        QByteArray k(32, Qt::Uninitialized);
        auto *words = reinterpret_cast<quint32 *>(k.data());
        QRandomGenerator::system()->generate(words, words + k.size() / int(sizeof(quint32)));
        return k;
    }();
    return key;
}

QString keychainProblem(const KeychainTokenStore::Result &r) {
    return KeychainTokenStore::statusName(r.status) + QStringLiteral(": ") + r.message;
}
} // namespace

struct RegistrationController::Private {
    RegistrationController *q;
    RegistrationClient *client;
    KeychainTokenStore *tokens;

    Phase phase = Phase::Starting;
    Registration registration;
    Persistence persistence = Persistence::Unknown;
    QString persistenceMessage;
    QString language = QStringLiteral("en");
    QSet<int> busy;
    // One Idempotency-Key per (action, input): kept while the outcome is unknown, so a manual Retry
    // of the same input cannot run twice on the server; dropped on any definite answer.
    QHash<QByteArray, QString> keys;

    // Bumped whenever the session in memory is replaced or dropped: an answer started before (a
    // keychain read, a first GET) is older than the state and must not change it.
    quint64 generation = 0;
    QString sessionToken; // the session in memory; a keychain write that lands late is compared with it
    QHash<quint64, QString> writes; // keychain writes not settled (a timed-out one may still land)
    QTimer saveRetry;
    int saveRetryMs = 0;
    quint64 startRead = 0; // start()'s keychain read that timed out: its answer may still come
    quint64 startReadGeneration = 0;
    bool resetting = false;

    bool watching = false;
    int longPollWaitSeconds = 25;
    QPointer<ApiCall> poll;
    QTimer pollTimer;
    QElapsedTimer pollClock;
    int fallbackDelayMs = 0; // > 0: the server answers at once, so we poll with this delay
    int problemDelayMs = 0;  // > 0: the last poll failed
    bool connectionProblem = false;
    Step lastStep = Step::Account;

    void emitStepIfChanged() {
        const Step now = stepNow();
        if (now != lastStep) {
            lastStep = now;
            emit q->stepChanged(now);
        }
    }

    bool begin(Action action) {
        if (busy.contains(int(action)))
            return false;
        busy.insert(int(action));
        emit q->busyChanged(action, true);
        return true;
    }

    void end(Action action, const ApiError &error) {
        busy.remove(int(action));
        emit q->busyChanged(action, false);
        emit q->actionFinished(action, error);
    }

    static QByteArray inputHash(Action action, const QStringList &input) {
        QMessageAuthenticationCode h(QCryptographicHash::Sha256, processKey());
        h.addData(QByteArray::number(int(action)));
        for (const QString &part : input) {
            h.addData("\x1f", 1);
            h.addData(part.toUtf8());
        }
        return h.result();
    }

    QString keyFor(const QByteArray &hash) {
        auto it = keys.find(hash);
        if (it == keys.end())
            it = keys.insert(hash, RegistrationClient::newIdempotencyKey());
        return it.value();
    }

    void settleKey(const QByteArray &hash, const ApiError &error) {
        if (!error.isError() || !error.isTransient())
            keys.remove(hash);
    }

    void setPhase(Phase p) {
        if (phase == p)
            return;
        phase = p;
        emit q->phaseChanged(p);
        emitStepIfChanged();
        if (p == Phase::Registering || p == Phase::Done)
            schedulePoll(0);
        else
            stopPolling();
    }

    void setPersistence(Persistence p, const QString &message) {
        persistenceMessage = p == Persistence::MemoryOnly ? message : QString();
        if (persistence == p)
            return;
        persistence = p;
        emit q->persistenceChanged(p, persistenceMessage);
    }

    Step stepNow() const {
        if ((phase == Phase::Registering || phase == Phase::Done) && !registration.isNull())
            return registration.nextStep;
        return Step::Account;
    }

    // Emits only when the server's state moved on (another account, or a higher version).
    void applyRegistration(const Registration &r) {
        const bool changed = registration.isNull() || r.accountId != registration.accountId ||
                             r.version != registration.version;
        if (changed)
            registration = r;
        // Also when unchanged: signing in again lands on the same registration.
        setPhase(registration.nextStep == Step::Done ? Phase::Done : Phase::Registering);
        if (changed)
            emit q->registrationChanged(registration);
        emitStepIfChanged();
    }

    // A local change the server made but answered without the whole registration object.
    void patchRegistration() {
        emit q->registrationChanged(registration);
        syncSoon();
    }

    void clearRegistration() {
        const bool had = !registration.isNull();
        registration = Registration();
        if (had)
            emit q->registrationChanged(registration);
        emitStepIfChanged();
    }

    void sessionStarted(const SessionResult &session) {
        ++generation;
        sessionToken = session.session.token;
        client->setToken(sessionToken);
        saveRetryMs = 0;
        applyRegistration(session.registration);
        saveSession();
    }

    // Drops the session from memory (not from the keychain).
    void dropSession() {
        ++generation;
        sessionToken.clear();
        client->clearToken();
        saveRetry.stop();
        saveRetryMs = 0;
    }

    // The server no longer accepts the token (expired, revoked): forget it and ask for sign-in.
    void sessionLost() {
        dropSession();
        tokens->remove();
        setPhase(Phase::NeedsSignIn);
    }

    // --- keeping the session in the keychain ---

    void saveSession() {
        if (sessionToken.isEmpty())
            return;
        saveRetry.stop();
        for (const QString &pending : std::as_const(writes))
            if (pending == sessionToken)
                return; // already under way (perhaps waiting for the keyring to be unlocked)
        writes.insert(tokens->write(sessionToken), sessionToken);
    }

    void scheduleSaveRetry() {
        if (sessionToken.isEmpty())
            return;
        const ClientConfig &c = client->config();
        saveRetryMs = saveRetryMs ? std::min(saveRetryMs * 2, c.saveRetryMaxMs) : c.saveRetryMinMs;
        saveRetry.start(saveRetryMs);
    }

    void writeAnswered(quint64 operation, const KeychainTokenStore::Result &r, bool late) {
        auto it = writes.find(operation);
        if (it == writes.end())
            return;
        const QString token = it.value();
        if (!late && r.status == KeychainTokenStore::Status::TimedOut) {
            // Kept in `writes`: the keyring may be waiting for an unlock and store it later.
            if (token == sessionToken) {
                setPersistence(Persistence::MemoryOnly, keychainProblem(r));
                emit q->sessionSaved(persistence);
            }
            return;
        }
        writes.erase(it);
        if (token != sessionToken) {
            // That session ended meanwhile (sign-out, reset, another account): its entry must not
            // stay. The current session, if any, is written again over it.
            if (r.ok()) {
                if (sessionToken.isEmpty())
                    tokens->remove();
                else
                    saveSession();
            }
            return;
        }
        if (r.ok()) {
            saveRetryMs = 0;
            setPersistence(Persistence::Keychain, {});
        } else {
            setPersistence(Persistence::MemoryOnly, keychainProblem(r));
            scheduleSaveRetry();
        }
        emit q->sessionSaved(persistence);
    }

    // start()'s read answered after its timeout: the keyring is usable now.
    void startReadAnsweredLate(const KeychainTokenStore::Result &r) {
        startRead = 0;
        if (!r.ok() && r.status != KeychainTokenStore::Status::NotFound)
            return;
        if (!sessionToken.isEmpty()) {
            saveSession(); // a session began meanwhile: store it now
            return;
        }
        setPersistence(Persistence::Keychain, {});
        // Nothing else happened meanwhile: continue the stored registration.
        if (r.ok() && !r.token.isEmpty() && generation == startReadGeneration &&
            phase == Phase::NeedsAccount && !busy.contains(int(Action::CreateAccount)) &&
            !busy.contains(int(Action::SignIn)))
            resume(r.token, {});
    }

    // Loads the registration of a stored session; `done` gets the error of the first fetch (a 401
    // counts as handled: the stale entry is removed and sign-in is asked for).
    void resume(const QString &token, std::function<void(const ApiError &)> done) {
        const quint64 gen = generation;
        sessionToken = token;
        client->setToken(token);
        client->registration(std::nullopt, 0, q, [this, gen, done](const ApiResult<Registration> &result) {
            ApiError error;
            if (gen != generation) {
                // Forgotten or replaced meanwhile: this answer is about a session that is gone.
            } else if (result.ok()) {
                applyRegistration(result.value);
            } else if (result.error.kind == ApiError::Kind::Http && result.error.httpStatus == 401) {
                sessionLost(); // expired or revoked: sign in again and continue where the account is
            } else {
                error = result.error; // offline or the server failing: the phase stays as it is
            }
            if (done)
                done(error);
        });
    }

    bool handleUnauthorized(const ApiError &error) {
        if (!client->hasToken())
            return false; // signed out meanwhile
        if (error.kind == ApiError::Kind::Http && error.httpStatus == 401) {
            sessionLost();
            return true;
        }
        return false;
    }

    bool hasSession() const {
        return client->hasToken() && (phase == Phase::Registering || phase == Phase::Done);
    }

    // --- watching ---

    void stopPolling() {
        pollTimer.stop();
        if (poll) {
            ApiCall *call = poll;
            poll = nullptr;
            call->disconnect(q);
            call->abort();
        }
        fallbackDelayMs = 0;
        problemDelayMs = 0;
    }

    void schedulePoll(int delayMs) {
        if (!watching || !hasSession() || poll)
            return;
        if (pollTimer.isActive() && pollTimer.remainingTime() <= delayMs)
            return;
        pollTimer.start(delayMs);
    }

    void pollNow() {
        if (!watching || !hasSession() || poll)
            return;
        const qint64 since = registration.version;
        // After a failure a quick look first, so connectionRestored does not wait for a long poll.
        const int wait = connectionProblem ? 0 : longPollWaitSeconds;
        pollClock.start();
        // One attempt: the watcher does its own backoff and reports connection problems.
        poll = client->registration(
            since, wait, q,
            [this, since, wait](const ApiResult<Registration> &result) {
                poll = nullptr;
                if (result.error.kind == ApiError::Kind::Cancelled)
                    return;
                if (result.error.isError()) {
                    if (handleUnauthorized(result.error))
                        return;
                    const ClientConfig &c = client->config();
                    problemDelayMs = problemDelayMs ? std::min(problemDelayMs * 2, c.pollMaxMs) : c.pollMinMs;
                    if (!connectionProblem) {
                        connectionProblem = true;
                        emit q->connectionProblem(result.error);
                    }
                    schedulePoll(std::max(problemDelayMs, result.error.retryAfterSeconds * 1000));
                    return;
                }
                pollSucceeded();
                const bool changed = result.value.version != since;
                const bool heldByServer = wait > 0 && pollClock.elapsed() >= wait * 1000 / 2;
                applyRegistration(result.value);
                if (changed || (wait == 0 && longPollWaitSeconds > 0)) {
                    // Something happened, or this was the quick look after a failure: look again
                    // soon (at once when the server holds requests).
                    if (fallbackDelayMs)
                        fallbackDelayMs = client->config().pollMinMs;
                    schedulePoll(fallbackDelayMs);
                } else if (heldByServer) {
                    fallbackDelayMs = 0; // the server honours `wait`: long-poll again at once
                    schedulePoll(0);
                } else {
                    // Answered at once with nothing new: the server ignores `wait`, so poll and back off.
                    fallbackDelayMs = fallbackDelayMs
                                          ? std::min(fallbackDelayMs * 2, client->config().pollMaxMs)
                                          : client->config().pollMinMs;
                    schedulePoll(fallbackDelayMs);
                }
            },
            1);
    }

    void pollSucceeded() {
        problemDelayMs = 0;
        if (connectionProblem) {
            connectionProblem = false;
            emit q->connectionRestored();
        }
    }

    // Fetches the whole registration after an action that answered with a part of it.
    void syncSoon() {
        if (!client->hasToken())
            return;
        client->registration(std::nullopt, 0, q, [this](const ApiResult<Registration> &result) {
            if (result.ok() && hasSession())
                applyRegistration(result.value);
            else if (result.error.isError())
                handleUnauthorized(result.error);
        });
    }
};

RegistrationController::RegistrationController(RegistrationClient *client, KeychainTokenStore *tokens,
                                               QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>()) {
    qRegisterMetaType<ApiError>();
    qRegisterMetaType<Registration>();
    d->q = this;
    d->client = client;
    d->tokens = tokens;
    d->pollTimer.setSingleShot(true);
    connect(&d->pollTimer, &QTimer::timeout, this, [this] { d->pollNow(); });
    d->saveRetry.setSingleShot(true);
    connect(&d->saveRetry, &QTimer::timeout, this, [this] { d->saveSession(); });
    connect(tokens, &KeychainTokenStore::writeFinished, this,
            [this](quint64 operation, const KeychainTokenStore::Result &r) {
                d->writeAnswered(operation, r, false);
            });
    connect(
        tokens, &KeychainTokenStore::lateFinished, this,
        [this](quint64 operation, KeychainTokenStore::Operation kind, const KeychainTokenStore::Result &r) {
            if (kind == KeychainTokenStore::Operation::Write)
                d->writeAnswered(operation, r, true);
            else if (kind == KeychainTokenStore::Operation::Read && operation == d->startRead)
                d->startReadAnsweredLate(r);
        });
}

RegistrationController::~RegistrationController() {
    d->watching = false;
    d->stopPolling();
}

RegistrationClient *RegistrationController::client() const {
    return d->client;
}
RegistrationController::Phase RegistrationController::phase() const {
    return d->phase;
}
const Registration &RegistrationController::registration() const {
    return d->registration;
}
Step RegistrationController::currentStep() const {
    return d->stepNow();
}
bool RegistrationController::isBusy(Action action) const {
    return d->busy.contains(int(action));
}
RegistrationController::Persistence RegistrationController::persistence() const {
    return d->persistence;
}
QString RegistrationController::persistenceMessage() const {
    return d->persistenceMessage;
}
QString RegistrationController::language() const {
    return d->language;
}
bool RegistrationController::isWatching() const {
    return d->watching;
}
QUrl RegistrationController::apiUrl() const {
    return d->client->config().apiUrl;
}

void RegistrationController::setLongPollWaitSeconds(int seconds) {
    d->longPollWaitSeconds = std::clamp(seconds, 0, 30);
}

void RegistrationController::setLanguage(const QString &language) {
    if (languageFromWire(language))
        d->language = language;
}

void RegistrationController::start() {
    if (!d->begin(Action::Start))
        return;
    const quint64 gen = d->generation;
    d->startRead = d->tokens->read(this, [this, gen](const KeychainTokenStore::Result &r) {
        if (r.status != KeychainTokenStore::Status::TimedOut)
            d->startRead = 0;
        if (gen != d->generation) {
            // The session was forgotten or replaced while the keychain was read: this answer is
            // older than the state and changes nothing.
            d->startRead = 0;
            d->end(Action::Start, {});
            return;
        }
        if (r.ok() && !r.token.isEmpty()) {
            d->setPersistence(Persistence::Keychain, {});
            // Offline or the server failing: the phase stays Starting and the UI offers start() again.
            d->resume(r.token, [this](const ApiError &error) { d->end(Action::Start, error); });
            return;
        }
        if (r.ok() || r.status == KeychainTokenStore::Status::NotFound) {
            d->setPersistence(Persistence::Keychain, {});
        } else {
            d->setPersistence(Persistence::MemoryOnly, keychainProblem(r));
            d->startReadGeneration = d->generation;
        }
        d->setPhase(Phase::NeedsAccount);
        d->end(Action::Start, {});
    });
}

void RegistrationController::createAccount(const QString &email, const QString &password,
                                           const QString &region) {
    if (!d->begin(Action::CreateAccount))
        return;
    const QByteArray hash = Private::inputHash(Action::CreateAccount, {email, password, region, d->language});
    CreateAccountRequest request{email, password, region, d->language};
    d->client->createAccount(request, d->keyFor(hash), this,
                             [this, hash](const ApiResult<SessionResult> &result) {
                                 d->settleKey(hash, result.error);
                                 if (result.ok())
                                     d->sessionStarted(result.value);
                                 d->end(Action::CreateAccount, result.error);
                             });
}

void RegistrationController::signIn(const QString &email, const QString &password) {
    if (!d->begin(Action::SignIn))
        return;
    const QByteArray hash = Private::inputHash(Action::SignIn, {email, password});
    d->client->signIn(email, password, d->keyFor(hash), this,
                      [this, hash](const ApiResult<SessionResult> &result) {
                          d->settleKey(hash, result.error);
                          if (result.ok())
                              d->sessionStarted(result.value);
                          d->end(Action::SignIn, result.error);
                      });
}

void RegistrationController::changeEmail(const QString &email) {
    if (!d->begin(Action::ChangeEmail))
        return;
    const QByteArray hash = Private::inputHash(Action::ChangeEmail, {d->registration.accountId, email});
    d->client->changeEmail(email, d->keyFor(hash), this, [this, hash](const ApiResult<Registration> &result) {
        d->settleKey(hash, result.error);
        if (result.ok() && d->client->hasToken())
            d->applyRegistration(result.value);
        else
            d->handleUnauthorized(result.error);
        d->end(Action::ChangeEmail, result.error);
    });
}

void RegistrationController::resendEmail() {
    if (!d->begin(Action::ResendEmail))
        return;
    const QByteArray hash = Private::inputHash(Action::ResendEmail, {d->registration.accountId});
    d->client->resendEmail(d->keyFor(hash), this, [this, hash](const ApiResult<ResendResult> &result) {
        d->settleKey(hash, result.error);
        if (result.ok()) {
            d->registration.emailResendAvailableAt = result.value.resendAvailableAt;
            d->patchRegistration();
        } else {
            d->handleUnauthorized(result.error);
        }
        d->end(Action::ResendEmail, result.error);
    });
}

void RegistrationController::submitPhone(const QString &phone) {
    if (!d->begin(Action::SubmitPhone))
        return;
    const QByteArray hash = Private::inputHash(Action::SubmitPhone, {d->registration.accountId, phone});
    d->client->submitPhone(phone, d->keyFor(hash), this, [this, hash](const ApiResult<PhoneState> &result) {
        d->settleKey(hash, result.error);
        if (result.ok()) {
            d->registration.phone = result.value;
            d->patchRegistration();
        } else {
            d->handleUnauthorized(result.error);
        }
        d->end(Action::SubmitPhone, result.error);
    });
}

void RegistrationController::submitCard(const QString &number, int expMonth, int expYear,
                                        const QString &cvc) {
    if (!d->begin(Action::SubmitCard))
        return;
    // The hash only lives in memory; it lets a Retry of the same card reuse its key.
    const QByteArray hash =
        Private::inputHash(Action::SubmitCard, {d->registration.accountId, number, QString::number(expMonth),
                                                QString::number(expYear), cvc});
    CardDetails card{number, expMonth, expYear, cvc};
    d->client->submitCard(card, d->keyFor(hash), this, [this, hash](const ApiResult<CardState> &result) {
        d->settleKey(hash, result.error);
        if (result.ok()) {
            d->registration.card = result.value;
            d->patchRegistration();
        } else {
            d->handleUnauthorized(result.error);
        }
        d->end(Action::SubmitCard, result.error);
    });
}

void RegistrationController::setAutopayment(bool enabled, const Money &threshold, const Money &amount) {
    if (!d->begin(Action::SetAutopayment))
        return;
    const QByteArray hash =
        Private::inputHash(Action::SetAutopayment,
                           {d->registration.accountId, enabled ? QStringLiteral("1") : QStringLiteral("0"),
                            threshold.value, threshold.currency, amount.value, amount.currency});
    AutopaymentRequest request{enabled, threshold, amount};
    d->client->setAutopayment(request, d->keyFor(hash), this,
                              [this, hash](const ApiResult<Registration> &result) {
                                  d->settleKey(hash, result.error);
                                  if (result.ok() && d->client->hasToken())
                                      d->applyRegistration(result.value);
                                  else
                                      d->handleUnauthorized(result.error);
                                  d->end(Action::SetAutopayment, result.error);
                              });
}

void RegistrationController::refreshNow() {
    // Without a session there is nothing to refresh: the call is ignored (the UI calls this on
    // every focus change).
    if (!d->hasSession() || !d->begin(Action::Refresh))
        return;
    d->client->registration(std::nullopt, 0, this, [this](const ApiResult<Registration> &result) {
        if (result.ok() && d->client->hasToken()) {
            d->pollSucceeded();
            d->applyRegistration(result.value);
            // A waiting poll (fallback or after an error) starts over now.
            if (d->watching && !d->poll) {
                d->fallbackDelayMs = d->fallbackDelayMs ? d->client->config().pollMinMs : 0;
                d->pollTimer.stop();
                d->schedulePoll(d->fallbackDelayMs);
            }
        } else {
            d->handleUnauthorized(result.error);
        }
        d->end(Action::Refresh, result.error);
    });
}

void RegistrationController::setWatching(bool watching) {
    if (d->watching == watching)
        return;
    d->watching = watching;
    if (watching)
        d->schedulePoll(0);
    else
        d->stopPolling();
}

void RegistrationController::signOut() {
    if (!d->begin(Action::SignOut))
        return;
    auto finish = [this] {
        d->dropSession();
        d->stopPolling();
        d->clearRegistration();
        d->setPhase(Phase::NeedsAccount);
        d->tokens->remove(this, [this](const KeychainTokenStore::Result &) { d->end(Action::SignOut, {}); });
    };
    if (!d->client->hasToken()) {
        finish();
        return;
    }
    const QByteArray hash = Private::inputHash(Action::SignOut, {d->registration.accountId});
    d->client->signOut(d->keyFor(hash), this, [this, hash, finish](const ApiResult<NoContent> &result) {
        d->settleKey(hash, result.error);
        // 401: the token is already dead on the server, which is what signing out wants.
        if (result.ok() || (result.error.kind == ApiError::Kind::Http && result.error.httpStatus == 401))
            finish();
        else
            d->end(Action::SignOut, result.error); // still signed in: the UI may retry or forget locally
    });
}

void RegistrationController::forgetStoredSession() {
    d->dropSession();
    d->stopPolling();
    d->tokens->remove();
    d->clearRegistration();
    d->setPhase(Phase::NeedsAccount);
}

void RegistrationController::resetSession() {
    if (d->resetting)
        return;
    d->resetting = true;
    d->dropSession();
    d->stopPolling();
    d->clearRegistration();
    d->setPhase(Phase::NeedsAccount);
    const quint64 gen = d->generation;
    d->tokens->read(this, [this, gen](const KeychainTokenStore::Result &r) {
        auto finish = [this](ResetOutcome outcome, const QString &detail) {
            d->resetting = false;
            emit resetFinished(outcome, detail);
        };
        if (!r.ok() && r.status != KeychainTokenStore::Status::NotFound) {
            if (d->sessionToken.isEmpty())
                d->setPersistence(Persistence::MemoryOnly, keychainProblem(r));
            finish(ResetOutcome::KeychainUnavailable, keychainProblem(r));
            return;
        }
        if (d->sessionToken.isEmpty())
            d->setPersistence(Persistence::Keychain, {});
        if (r.token.isEmpty()) {
            finish(ResetOutcome::NothingStored, {});
            return;
        }
        // The entry goes at once, unless a new session has been stored in it meanwhile.
        if (gen == d->generation)
            d->tokens->remove();
        // A client of its own, so the token of a session started meanwhile is never touched.
        auto *revoker = new RegistrationClient(d->client->config(), this);
        revoker->setToken(r.token);
        revoker->signOut(
            RegistrationClient::newIdempotencyKey(), this,
            [revoker, finish](const ApiResult<NoContent> &result) {
                revoker->deleteLater();
                if (result.ok())
                    finish(ResetOutcome::Revoked, {});
                else if (result.error.kind == ApiError::Kind::Http && result.error.httpStatus == 401)
                    finish(ResetOutcome::AlreadyEnded, {});
                else
                    finish(ResetOutcome::RemovedNotRevoked,
                           result.error.message.isEmpty() ? result.error.wireCode : result.error.message);
            });
    });
}

void RegistrationController::retrySavingSession() {
    d->saveSession();
}

void RegistrationController::adoptSession(const SessionResult &session) {
    d->sessionStarted(session);
}

void RegistrationController::adoptRegistration(const Registration &registration) {
    if (d->client->hasToken())
        d->applyRegistration(registration);
}

} // namespace signup
