#pragma once

// Shared by the libFuzzer targets: turn raw bytes into the text a person could type or paste,
// and stop the run loudly when a property of the rules does not hold.

#include <QString>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace signup::fuzz {

// The bytes read as UTF-8, as a pasted string would be (invalid sequences become U+FFFD).
inline QString textFrom(const uint8_t *data, size_t size) {
    return QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

[[noreturn]] inline void propertyFailed(const char *what, const QString &input) {
    std::fprintf(stderr, "property failed: %s\ninput: %s\n", what, input.toUtf8().constData());
    std::abort();
}

#define FUZZ_REQUIRE(cond, input)                                                                            \
    do {                                                                                                     \
        if (!(cond))                                                                                         \
            ::signup::fuzz::propertyFailed(#cond, (input));                                                  \
    } while (false)

} // namespace signup::fuzz
