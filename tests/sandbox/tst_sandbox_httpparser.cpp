// The sandbox's HTTP/1.1 request reader on its own: the limits of contract 1.1 (§1 "Limits") and the
// framing rules, with the bytes arriving whole, byte by byte and pipelined. The same reader behind
// real TLS sockets is tst_sandbox_transport and tst_sandbox_limits.

#include "sandbox/httprequestparser.h"

#include <QTest>

using namespace signup;
using Result = HttpRequestParser::Result;

namespace {

constexpr int kHead = 16 * 1024;
constexpr int kBody = 16 * 1024;

struct Outcome {
    QList<HttpRequest> requests;
    QList<bool> keepAlive;
    QList<bool> head;
    int refusedWith = 0; // 0: not refused
    QByteArray code;
    bool needsMore = false;
};

// Feeds `input` in pieces of `piece` bytes (0: all at once) and collects what comes out.
Outcome parse(const QByteArray &input, qsizetype piece = 0) {
    HttpRequestParser parser(kHead, kBody);
    Outcome out;
    const qsizetype step = piece > 0 ? piece : qMax<qsizetype>(input.size(), 1);
    for (qsizetype at = 0; at < input.size() || at == 0; at += step) {
        parser.feed(QByteArrayView(input).sliced(at, qMin(step, input.size() - at)));
        while (true) {
            const Result r = parser.next();
            if (r == Result::Request) {
                out.requests.append(parser.takeRequest());
                out.keepAlive.append(parser.keepAlive());
                out.head.append(parser.isHead());
                continue;
            }
            if (r == Result::Refused) {
                out.refusedWith = parser.refusal().status;
                out.code = parser.refusal().code;
                return out;
            }
            break;
        }
        if (input.isEmpty())
            break;
    }
    out.needsMore = parser.inRequest();
    return out;
}

QByteArray post(const QByteArray &body, const QByteArray &extra = {}) {
    return "POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\n" + extra + "\r\n" + body;
}

QByteArray chunked(const QList<QByteArray> &chunks, const QByteArray &trailers = {}) {
    QByteArray out = "POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (const QByteArray &c : chunks)
        out += QByteArray::number(c.size(), 16) + "\r\n" + c + "\r\n";
    return out + "0\r\n" + trailers + "\r\n";
}

} // namespace

class TestHttpParser : public QObject {
    Q_OBJECT

    // Every check holds for the bytes whole, one by one, and in pieces of 7.
    static void expectSame(const QByteArray &input, const Outcome &whole) {
        for (qsizetype piece : {1, 7}) {
            const Outcome split = parse(input, piece);
            QCOMPARE(split.refusedWith, whole.refusedWith);
            QCOMPARE(split.requests.size(), whole.requests.size());
            for (qsizetype i = 0; i < split.requests.size(); ++i) {
                QCOMPARE(split.requests[i].method, whole.requests[i].method);
                QCOMPARE(split.requests[i].target, whole.requests[i].target);
                QCOMPARE(split.requests[i].body, whole.requests[i].body);
                QCOMPARE(split.requests[i].headers, whole.requests[i].headers);
            }
        }
    }

private slots:
    void aSimpleRequest() {
        const QByteArray input =
            "GET /api/v1/regions?x=1 HTTP/1.1\r\nHost: example\r\nAccept:  application/json \r\n\r\n";
        const Outcome out = parse(input);
        QCOMPARE(out.refusedWith, 0);
        QCOMPARE(out.requests.size(), 1);
        QCOMPARE(out.requests[0].method, QByteArray("GET"));
        QCOMPARE(out.requests[0].target, QByteArray("/api/v1/regions?x=1"));
        QCOMPARE(out.requests[0].headers.size(), 2);
        QCOMPARE(out.requests[0].headers[1], qMakePair(QByteArray("accept"), QByteArray("application/json")));
        QVERIFY(out.keepAlive[0]);
        QVERIFY(!out.head[0]);
        QVERIFY(!out.needsMore);
        expectSame(input, out);
    }

    void aBodyAndPipelinedRequests() {
        const QByteArray input = post("{\"a\":1}") + "\r\n" + post("{}") + "GET /x HTTP/1.1\r\n\r\nGET /y";
        const Outcome out = parse(input);
        QCOMPARE(out.requests.size(), 3);
        QCOMPARE(out.requests[0].body, QByteArray("{\"a\":1}"));
        QCOMPARE(out.requests[1].body, QByteArray("{}"));
        QCOMPARE(out.requests[2].target, QByteArray("/x"));
        QVERIFY2(out.needsMore, "the start of a fourth request is kept");
        expectSame(input, out);
    }

    void emptyLinesBetweenRequestsAreNotARequest() {
        HttpRequestParser parser(kHead, kBody);
        parser.feed("\r\n\r\n\n");
        QCOMPARE(parser.next(), Result::NeedMore);
        QVERIFY2(!parser.inRequest(), "an idle connection, not a request under way");
        parser.feed("G");
        QCOMPARE(parser.next(), Result::NeedMore);
        QVERIFY(parser.inRequest());
    }

    void bareLineFeedsAreAccepted() {
        const Outcome out = parse("POST /p HTTP/1.1\nContent-Length: 2\n\nhi");
        QCOMPARE(out.requests.size(), 1);
        QCOMPARE(out.requests[0].body, QByteArray("hi"));
    }

    void headLimit() {
        const QByteArray start = "GET / HTTP/1.1\r\nX-Fill: ";
        const QByteArray end = "\r\n\r\n";
        const QByteArray atLimit = start + QByteArray(kHead - start.size() - end.size(), 'a') + end;
        QCOMPARE(atLimit.size(), kHead);
        QCOMPARE(parse(atLimit).requests.size(), 1);
        const QByteArray over = start + QByteArray(kHead - start.size() - end.size() + 1, 'a') + end;
        const Outcome out = parse(over);
        QCOMPARE(out.refusedWith, 431);
        QCOMPARE(out.code, QByteArray("headers_too_large"));
        expectSame(over, out);
        // A head that never ends is refused as soon as it passes the limit, not when it ends.
        HttpRequestParser parser(kHead, kBody);
        parser.feed(start + QByteArray(kHead, 'a'));
        QCOMPARE(parser.next(), Result::Refused);
        QCOMPARE(parser.refusal().status, 431);
    }

    void bodyLimitFromTheHeadAlone() {
        HttpRequestParser parser(kHead, kBody);
        parser.feed("POST /p HTTP/1.1\r\nContent-Length: " + QByteArray::number(kBody + 1) + "\r\n\r\n");
        QCOMPARE(parser.next(), Result::Refused);
        QCOMPARE(parser.refusal().status, 413);
        QCOMPARE(parser.refusal().code, QByteArray("payload_too_large"));
        const Outcome atLimit = parse(post(QByteArray(kBody, 'b')));
        QCOMPARE(atLimit.requests.size(), 1);
        QCOMPARE(atLimit.requests[0].body.size(), kBody);
        // 10^18 and more digits than fit: not a number the limit could be compared with wrongly.
        QCOMPARE(parse("POST /p HTTP/1.1\r\nContent-Length: 999999999999999999\r\n\r\n").refusedWith, 413);
        QCOMPARE(parse("POST /p HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n").refusedWith, 400);
    }

    void contentLengthMustBeOneNumber() {
        QCOMPARE(parse(post("abc", "Content-Length: 3\r\n")).requests.size(), 1);
        QCOMPARE(parse("POST /p HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\nabc").requests.size(), 1);
        for (const QByteArray &bad :
             {QByteArray("Content-Length: 3\r\nContent-Length: 4\r\n"),
              QByteArray("Content-Length: 3, 4\r\n"), QByteArray("Content-Length: -3\r\n"),
              QByteArray("Content-Length: +3\r\n"), QByteArray("Content-Length: 0x3\r\n"),
              QByteArray("Content-Length:\r\n")}) {
            const Outcome out = parse("POST /p HTTP/1.1\r\n" + bad + "\r\nabc");
            QVERIFY2(out.refusedWith == 400, bad.constData());
            QCOMPARE(out.code, QByteArray("malformed_request"));
        }
    }

    void chunkedBodies() {
        const QByteArray input = chunked({"{\"email\":", "\"a@b.c\"}"}, "X-Trailer: dropped\r\n");
        const Outcome out = parse(input);
        QCOMPARE(out.refusedWith, 0);
        QCOMPARE(out.requests.size(), 1);
        QCOMPARE(out.requests[0].body, QByteArray("{\"email\":\"a@b.c\"}"));
        expectSame(input, out);
        // Chunk extensions are ignored; hex digits in either case.
        QCOMPARE(parse("POST /p HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n1A;name=v\r\n" +
                       QByteArray(26, 'z') + "\r\n0\r\n\r\n")
                     .requests.value(0)
                     .body.size(),
                 26);
    }

    void chunkedBodiesAreCutOffAtTheLimit() {
        // The chunk that would pass the limit is refused from its size line, before its data.
        HttpRequestParser parser(kHead, kBody);
        parser.feed(chunked({QByteArray(kBody - 10, 'a')}).chopped(5) + "b\r\n");
        QCOMPARE(parser.next(), Result::Refused);
        QCOMPARE(parser.refusal().status, 413);
        const QByteArray exact = chunked({QByteArray(kBody - 10, 'a'), QByteArray(10, 'b')});
        QCOMPARE(parse(exact).requests.value(0).body.size(), kBody);
    }

    void chunkedRefusals() {
        const auto refusal = [](const QByteArray &input) { return parse(input).refusedWith; };
        const QByteArray head = "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n";
        QCOMPARE(refusal(head + "Content-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n"), 400);
        QCOMPARE(refusal("POST /p HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), 400);
        QCOMPARE(refusal("POST /p HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"), 501);
        QCOMPARE(refusal(head + "Transfer-Encoding: chunked\r\n\r\n"), 501);
        QCOMPARE(refusal(head + "\r\nzz\r\n"), 400);
        QCOMPARE(refusal(head + "\r\n0x3\r\nabc\r\n0\r\n\r\n"), 400);
        QCOMPARE(refusal(head + "\r\n-3\r\nabc\r\n"), 400);
        QCOMPARE(refusal(head + "\r\n3\r\nabcX0\r\n\r\n"), 400); // data not followed by CRLF
        QCOMPARE(refusal(head + "\r\n" + QByteArray(2000, '0')), 400);
        // Trailer fields count against the head limit, in one piece or trickled.
        const QByteArray trailers = chunked({"a"}, "X: " + QByteArray(kHead, 't') + "\r\n");
        QCOMPARE(refusal(trailers), 431);
        QCOMPARE(parse(trailers, 1).refusedWith, 431);
        QCOMPARE(parse(trailers, 4096).refusedWith, 431);
    }

    void connectionAndVersion() {
        QVERIFY(parse("GET / HTTP/1.1\r\n\r\n").keepAlive.value(0));
        QVERIFY(!parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keepAlive.value(0, true));
        QVERIFY(!parse("GET / HTTP/1.1\r\nConnection: keep-alive, Close\r\n\r\n").keepAlive.value(0, true));
        QVERIFY(!parse("GET / HTTP/1.0\r\n\r\n").keepAlive.value(0, true));
        QVERIFY(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive.value(0));
        QCOMPARE(parse("GET / HTTP/2.0\r\n\r\n").refusedWith, 505);
        QCOMPARE(parse("GET / HTTP/1.1 \r\n\r\n").refusedWith, 400); // a fourth part
        QVERIFY(parse("HEAD /api/v1/regions HTTP/1.1\r\n\r\n").head.value(0));
    }

    void malformedHeads() {
        for (const QByteArray &bad :
             {QByteArray("GET /\r\n\r\n"), QByteArray("GET  / HTTP/1.1\r\n\r\n"),
              QByteArray("GET x HTTP/1.1\r\n\r\n"), QByteArray("G(T / HTTP/1.1\r\n\r\n"),
              QByteArray("GET /a\tb HTTP/1.1\r\n\r\n"), QByteArray("GET /a\x01 HTTP/1.1\r\n\r\n"),
              QByteArray("GET / HTTP/1.1\r\nNo colon\r\n\r\n"),
              QByteArray("GET / HTTP/1.1\r\nBad name: v\r\n\r\n"),
              QByteArray("GET / HTTP/1.1\r\n: v\r\n\r\n"),
              QByteArray("GET / HTTP/1.1\r\nX: a\x00"
                         "b\r\n\r\n",
                         26),
              QByteArray("GET / HTTP/1.1\r\nX: a\x1b\r\n\r\n"),
              QByteArray("GET / HTTP/1.1\r\nX: a\x7f\r\n\r\n"),
              QByteArray("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n")}) {
            const Outcome out = parse(bad);
            QVERIFY2(out.refusedWith == 400, qPrintable(QString::fromLatin1(bad.toPercentEncoding())));
            QCOMPARE(out.code, QByteArray("malformed_request"));
        }
        // Tabs and bytes above 0x7f are allowed in values.
        QCOMPARE(parse("GET / HTTP/1.1\r\nX: a\tb \xc3\xa9\r\n\r\n").requests.size(), 1);
    }

    void expectContinueOnceWhenABodyComes() {
        HttpRequestParser parser(kHead, kBody);
        parser.feed("POST /p HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        QCOMPARE(parser.next(), Result::NeedMore);
        QVERIFY(parser.takeContinue());
        QVERIFY(!parser.takeContinue());
        parser.feed("ok");
        QCOMPARE(parser.next(), Result::Request);
        QCOMPARE(parser.takeRequest().body, QByteArray("ok"));
        parser.feed("GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n");
        QCOMPARE(parser.next(), Result::Request);
        QVERIFY2(!parser.takeContinue(), "no body, no 100 Continue");
    }

    void aRefusalIsFinal() {
        HttpRequestParser parser(kHead, kBody);
        parser.feed("GET / HTTP/3\r\n\r\n");
        QCOMPARE(parser.next(), Result::Refused);
        parser.feed("GET / HTTP/1.1\r\n\r\n");
        QCOMPARE(parser.next(), Result::Refused);
        QCOMPARE(parser.refusal().status, 505);
        QCOMPARE(parser.bufferedBytes(), 0);
    }
};

QTEST_APPLESS_MAIN(TestHttpParser)
#include "tst_sandbox_httpparser.moc"
