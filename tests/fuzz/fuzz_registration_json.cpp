// The registration object (contract §3) as the client reads it from a server it cannot trust:
// any bytes parse without crashing, and what was read writes back and reads again the same.
#include "core/registration.h"
#include "fuzzsupport.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace signup;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject())
        return 0;
    const Registration first = Registration::fromJson(doc.object());
    const QJsonObject written = first.toJson();
    const Registration second = Registration::fromJson(written);
    const QString text = QString::fromUtf8(QJsonDocument(written).toJson(QJsonDocument::Compact));
    FUZZ_REQUIRE(second.toJson() == written, text);
    return 0;
}
