#pragma once

#include <QObject>
#include <QString>
#include <functional>

namespace signup {

// Deletes keychain entries of one service that an earlier version left behind and nothing can
// read any more (for example entries keyed by the random port of an embedded sandbox). QtKeychain
// cannot list entries, so this talks to the Secret Service over D-Bus (Linux only; elsewhere it
// finishes at once with 0). Only unlocked items are looked at: it never causes an unlock prompt.
// Asynchronous; `done(removed)` runs once on the calling thread unless `context` is destroyed.
void removeStaleKeychainEntries(const QString &service, std::function<bool(const QString &key)> isStale,
                                QObject *context, std::function<void(int removed)> done);

// Whether `key` is an entry of the embedded sandbox that is not `currentKey`: an earlier
// version's "https://127.0.0.1:<port>" on an ephemeral port (32768 and above, where a random
// port comes from; a sandbox started by hand on a fixed port is kept), or "sandbox:<id>" of a
// sandbox data directory that no longer exists.
bool isStaleEmbeddedSandboxKey(const QString &key, const QString &currentKey);

} // namespace signup
