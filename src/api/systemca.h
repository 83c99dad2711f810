#pragma once

namespace signup {

// Starts reading the system's CA store on a worker thread (once per process) for the clients that
// trust an extra CA together with it (ClientConfig). Without this their first call starts it, and
// waits for it off the GUI thread. Reading it takes 150-230 ms: the wizard calls this after its
// first paint.
void preloadSystemCaCertificates();

} // namespace signup
