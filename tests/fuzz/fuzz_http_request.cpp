// The sandbox's HTTP/1.1 request reader (src/sandbox/httprequestparser.*) on arbitrary bytes, as a
// hostile client of the sandbox sends them after TLS, in arbitrary pieces. The first two bytes
// pick how the rest is cut into pieces; the rest is what arrives on the connection.
//
// Properties: whatever the pieces, the requests and the refusal are the same as for the bytes
// in one piece; a request's body is within the body limit and its head is well formed; while more
// is awaited, no more than the head limit is held; a refusal is one of the contract's statuses
// and is final.
#include "fuzzsupport.h"
#include "sandbox/httprequestparser.h"

using namespace signup;
using Result = HttpRequestParser::Result;

namespace {

// Small limits so that the fuzzer reaches them often; the code paths are the same as at 16 KiB.
constexpr int kHead = 512;
constexpr int kBody = 512;

struct Seen {
    QList<HttpRequest> requests;
    int refusal = 0;
};

QString show(const QByteArray &bytes) {
    return QString::fromLatin1(bytes.toPercentEncoding());
}

void check(const HttpRequest &r, const QByteArray &input) {
    FUZZ_REQUIRE(r.body.size() <= kBody, show(input));
    FUZZ_REQUIRE(!r.method.isEmpty() && r.target.startsWith('/'), show(input));
    FUZZ_REQUIRE(r.method.size() + r.target.size() <= kHead, show(input));
    for (const auto &[name, value] : r.headers) {
        FUZZ_REQUIRE(!name.isEmpty() && name == name.toLower(), show(input));
        for (char c : value)
            FUZZ_REQUIRE(c == '\t' || static_cast<unsigned char>(c) >= 0x20, show(input));
    }
}

// Feeds `input` in the given pieces (sizes cycle), draining every request as it comes.
Seen run(const QByteArray &input, const QList<int> &pieces) {
    HttpRequestParser parser(kHead, kBody);
    Seen seen;
    qsizetype at = 0;
    int i = 0;
    while (at < input.size()) {
        const qsizetype n = qMin<qsizetype>(pieces[i++ % pieces.size()], input.size() - at);
        parser.feed(QByteArrayView(input).sliced(at, n));
        at += n;
        while (true) {
            const Result r = parser.next();
            if (r == Result::Request) {
                seen.requests.append(parser.takeRequest());
                check(seen.requests.last(), input);
                continue;
            }
            if (r == Result::Refused) {
                const int status = parser.refusal().status;
                FUZZ_REQUIRE(status == 400 || status == 413 || status == 431 || status == 501 ||
                                 status == 505,
                             show(input));
                FUZZ_REQUIRE(!parser.refusal().code.isEmpty(), show(input));
                parser.feed("GET / HTTP/1.1\r\n\r\n");
                FUZZ_REQUIRE(parser.next() == Result::Refused, show(input));
                FUZZ_REQUIRE(parser.bufferedBytes() == 0, show(input));
                seen.refusal = status;
                return seen;
            }
            // Waiting for more: only a bounded part of a request is held — a head, trailers or a
            // chunk-size line (1 KiB, more than this harness's small head limit), never a body.
            FUZZ_REQUIRE(parser.bufferedBytes() <=
                             qMax<qsizetype>(kHead, HttpRequestParser::MaxChunkLineBytes),
                         show(input));
            break;
        }
    }
    return seen;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2 || size > 64 * 1024)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data) + 2, qsizetype(size - 2));

    // Piece sizes from the first two bytes: 1 to 64 bytes, varying (xorshift).
    quint32 state = (quint32(data[0]) << 8 | data[1]) * 2654435761u + 1;
    QList<int> pieces;
    for (int i = 0; i < 16; ++i) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        pieces.append(1 + int(state % 64));
    }

    const Seen whole = run(input, {int(qMax<qsizetype>(input.size(), 1))});
    const Seen split = run(input, pieces);
    const Seen bytes = run(input, {1});
    for (const Seen *other : {&split, &bytes}) {
        FUZZ_REQUIRE(other->refusal == whole.refusal, show(input));
        FUZZ_REQUIRE(other->requests.size() == whole.requests.size(), show(input));
        for (qsizetype i = 0; i < whole.requests.size(); ++i) {
            const HttpRequest &a = whole.requests[i];
            const HttpRequest &b = other->requests[i];
            FUZZ_REQUIRE(a.method == b.method && a.target == b.target && a.headers == b.headers &&
                             a.body == b.body,
                         show(input));
        }
    }
    return 0;
}
