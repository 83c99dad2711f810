#include "api/apierror.h"

namespace signup {

bool ApiError::isTransient() const {
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
        return true;
    case Kind::Http:
        // 409 request_in_progress: the first request with this key is still running; the
        // same action with the same key gets its answer later.
        return httpStatus >= 500 || httpStatus == 408 || httpStatus == 429 ||
               (httpStatus == 409 && code == QLatin1String("request_in_progress"));
    case Kind::None:
    case Kind::Tls:
    case Kind::BadResponse:
    case Kind::Cancelled:
        return false;
    }
    return false;
}

} // namespace signup
