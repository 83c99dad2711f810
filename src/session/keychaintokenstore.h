#pragma once

#include <QObject>
#include <QString>
#include <functional>

namespace signup {

// The session token in the OS keychain (Secret Service, macOS Keychain, Windows Credential
// Manager) through QtKeychain; never in a file, never the insecure fallback. One entry per API
// origin: service = the configured service name, key = "scheme://host:port".
//
// Every operation is asynchronous and ends with exactly one result, at the latest after the
// timeout: a locked keyring can wait forever for an unlock prompt. A job that times out is left
// to finish on its own (deleting a running job crashes some backends) and its late result is
// ignored. Must be used from the thread that owns it (QtKeychain jobs are not thread-safe).
class KeychainTokenStore : public QObject {
    Q_OBJECT
public:
    enum class Status {
        Ok,          // done (read: token holds the token)
        NotFound,    // no entry (for remove: nothing to delete, which is fine)
        Unavailable, // no keychain service (no D-Bus, no Secret Service, no backend)
        TimedOut,    // no answer within the timeout (typically a locked keyring waiting for a prompt)
        Denied,      // the user or the system refused access
    };
    Q_ENUM(Status)

    enum class Operation { Read, Write, Remove };
    Q_ENUM(Operation)

    struct Result {
        Status status = Status::Ok;
        QString token;   // read only
        QString message; // English, for logs: why it failed (never the token)
        bool ok() const { return status == Status::Ok; }
    };
    using Callback = std::function<void(const Result &)>;

    KeychainTokenStore(const QString &service, const QString &origin, QObject *parent = nullptr);
    ~KeychainTokenStore() override;

    QString service() const { return m_service; }
    QString key() const { return m_key; }
    // For a backend whose identity is known only once it runs (the embedded sandbox): before any
    // operation.
    void setKey(const QString &key) { m_key = key; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }

    // Each returns an operation id echoed by the matching signal; the callback (when given) runs
    // first, unless `context` was destroyed.
    quint64 read(QObject *context = nullptr, Callback done = {});
    quint64 write(const QString &token, QObject *context = nullptr, Callback done = {});
    quint64 remove(QObject *context = nullptr, Callback done = {});

    // Tokens longer than this are refused (Windows credential blobs are small).
    static constexpr int kMaxTokenBytes = 1024;

    static QString statusName(Status status);

signals:
    void readFinished(quint64 operation, const signup::KeychainTokenStore::Result &result);
    void writeFinished(quint64 operation, const signup::KeychainTokenStore::Result &result);
    void removeFinished(quint64 operation, const signup::KeychainTokenStore::Result &result);
    // An operation already reported as TimedOut got its answer after all (a locked keyring was
    // unlocked, a prompt answered): a late write may have stored a token that is no longer wanted.
    void lateFinished(quint64 operation, signup::KeychainTokenStore::Operation kind,
                      const signup::KeychainTokenStore::Result &result);

private:
    using Kind = Operation;
    quint64 run(Kind kind, const QString &token, QObject *context, Callback done);

    QString m_service;
    QString m_key;
    int m_timeoutMs = 5000;
    quint64 m_nextOperation = 1;
};

} // namespace signup

Q_DECLARE_METATYPE(signup::KeychainTokenStore::Result)
