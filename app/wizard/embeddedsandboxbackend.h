#pragma once

#include "wizard/localbackend.h"

#include <memory>

namespace signup {

// The wizard's local backend: the sandbox server on its own thread in this process.
std::unique_ptr<LocalBackend> makeEmbeddedSandboxBackend();

} // namespace signup
