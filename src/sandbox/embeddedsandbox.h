#pragma once

#include <QHostAddress>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>
#include <functional>
#include <memory>

namespace signup {

class SandboxServer;

struct SandboxOptions {
    QString dataDir; // SQLite database, certificate, outbox .eml files
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 0;        // 0 = any free port
    QString certificateFile; // empty: create (or reuse) a CA + server cert in dataDir
    QString keyFile;
    int passwordHashIterations = 600000; // PBKDF2-HMAC-SHA256; tests use far fewer
    int accountCreationsPerMinute = 60;  // POST /accounts limit per client address
    int emailResendCooldownSeconds = 60; // between confirmation emails; tests may shorten it
    int cardProcessingMs = 700;          // how long the card processor takes to answer
    int phoneCallWindowSeconds = 300;    // how long a submitted number waits for the call
    bool sandboxRoutes = true;           // /sandbox/v1/* (outbox, calls, 3-D Secure, faults)
    bool accessLog = true;               // one structured line per request on stderr, no secrets
    int signInsPerMinute = 20;           // POST /sessions limit per client address
    int maxQueuedPasswordHashes = 32;    // beyond it sign-ins and sign-ups answer 503
    // Transport limits (contract 1.1, §1 "Limits"); tests shorten them.
    int requestTimeoutMs = 30 * 1000;          // a request must arrive whole within this time
    int idleTimeoutMs = 60 * 1000;             // an idle keep-alive connection is closed after this
    int handshakeTimeoutMs = 10 * 1000;        // a connection that does not finish TLS is closed after this
    int lingerMs = 1000;                       // after a refusal, input is dropped this long, then closed
    int invitationLifetimeSeconds = 24 * 3600; // how long an invitation link works (§5); tests shorten it
    int supportCodeLifetimeSeconds = 15 * 60;  // how long a support code works (§6); tests shorten it
    QString supportKey;                        // the support staff's key (§6); empty: one is made at start
};

// What the server is busy with at one moment. Tests wait for a state of the server (a long poll
// is waiting, a password is being hashed) instead of sleeping and hoping it was reached.
struct SandboxActivity {
    int connections = 0;         // open client connections
    int unansweredRequests = 0;  // read whole and not answered yet (hashing, long polls, delays)
    int waitingLongPolls = 0;    // GET /registration?wait=… held until a change or the wait ends
    int waitingSupportPolls = 0; // the same for support staff following a registration (§6)
    int delayedByFaults = 0;     // held by the fault plan's delay_ms (advanceClock ends it early)
    int passwordHashes = 0;      // sign-ups and sign-ins whose password is being hashed or waits for it
};

// The sandbox backend running on its own thread inside another process: the wizard embeds it,
// and tests start one per test case. start() returns at once; started() or failed() follows.
class EmbeddedSandbox : public QObject {
    Q_OBJECT
public:
    explicit EmbeddedSandbox(QObject *parent = nullptr);
    ~EmbeddedSandbox() override; // stops the server and joins its thread

    void start(const SandboxOptions &options);
    // Blocking convenience for tests and command-line tools (never on a GUI thread).
    bool startAndWait(const SandboxOptions &options, int timeoutMs = 30000);

    bool isRunning() const;
    QUrl baseUrl() const;                  // "https://127.0.0.1:<port>" (no path)
    QSslCertificate caCertificate() const; // what a client must trust, in addition to the system store
    QString caCertificatePath() const;
    QString errorString() const;
    // The key that GET /api/v1/support/registrations/{code} accepts (the option's, or the one made
    // at start). Empty until started.
    QString supportKey() const;
    // A snapshot of what the server is busy with (for tests; never call it from the server's own
    // thread). Asks the server's thread and waits for its answer; all zero when not running.
    SandboxActivity activity() const;

    // Test hook: moves the sandbox's clock forward by `seconds`, with the same visible effect as
    // waiting that long (pending numbers and support codes expire, waiting long polls are woken,
    // requests held by the fault plan's delay are handled; invitations, links, sessions and
    // cooldowns run out). Returns once the server has handled it;
    // false when the sandbox is not running. Thread-safe, but never call it on the sandbox's own
    // thread.
    bool advanceClock(qint64 seconds);

signals:
    void started(const QUrl &baseUrl);
    void failed(const QString &error);

private:
    // Runs `work` on the server's thread and waits for it; false when the server is not running
    // (or when called on that thread, which would wait for itself).
    bool onServer(const std::function<void(SandboxServer &)> &work) const;

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace signup
