// Benchmark (not a test): N complete sign-ups through the HTTPS API of an embedded sandbox,
// from C concurrent clients. Prints sign-ups per second and request latency percentiles.
//
//   bench_sandbox_signup [--signups N] [--concurrency C] [--pbkdf2-iterations I] [--card-ms MS]
#include "support/sandboxfixture.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QMutex>
#include <QThread>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

using namespace signup;
using namespace signup::test;

namespace {

struct Samples {
    QMutex mutex;
    QMap<QString, QList<double>> byEndpoint; // milliseconds
    int failures = 0;
};

double percentile(QList<double> values, double p) {
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index = qMin(values.size() - 1, qsizetype(p * double(values.size() - 1) + 0.5));
    return values.at(index);
}

// One complete sign-up; false on any unexpected answer.
bool signUp(SandboxClient &client, int index, QMap<QString, QList<double>> &latencies) {
    auto timed = [&](const QString &name, const QByteArray &method, const QString &path,
                     const QJsonObject &body, const Headers &headers) {
        QElapsedTimer timer;
        timer.start();
        const HttpResult r = client.send(
            method, path, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact),
            headers);
        latencies[name].append(double(timer.nsecsElapsed()) / 1e6);
        return r;
    };
    const QString email = QStringLiteral("bench%1@example.com").arg(index);
    const QString phone = QStringLiteral("+7912%1").arg(index, 7, 10, QLatin1Char('0'));
    HttpResult r = timed(QStringLiteral("POST /accounts"), "POST", QStringLiteral("/api/v1/accounts"),
                         {{QStringLiteral("email"), email},
                          {QStringLiteral("password"), StrongPassword},
                          {QStringLiteral("region"), QStringLiteral("ru-msk")}},
                         {{"Idempotency-Key", QStringLiteral("bench-%1").arg(index).toLatin1()}});
    if (r.status != 201)
        return false;
    const QString token =
        r.json.value(QStringLiteral("session")).toObject().value(QStringLiteral("token")).toString();
    const Headers auth = SandboxClient::auth(token);
    QUrlQuery to;
    to.addQueryItem(QStringLiteral("to"), email);
    r = timed(QStringLiteral("GET /outbox"), "GET",
              QStringLiteral("/sandbox/v1/outbox?") + to.toString(QUrl::FullyEncoded), {}, {});
    const QString link = r.json.value(QStringLiteral("messages"))
                             .toArray()
                             .first()
                             .toObject()
                             .value(QStringLiteral("confirm_url"))
                             .toString();
    r = timed(QStringLiteral("GET /email/confirm"), "GET", link.mid(client.baseUrl().toString().size()), {},
              {{"Accept", "application/json"}});
    if (r.status != 200)
        return false;
    r = timed(QStringLiteral("POST /registration/phone"), "POST",
              QStringLiteral("/api/v1/registration/phone"), {{QStringLiteral("phone"), phone}}, auth);
    if (r.status != 202)
        return false;
    r = timed(
        QStringLiteral("POST /calls"), "POST", QStringLiteral("/sandbox/v1/calls"),
        {{QStringLiteral("from"), phone},
         {QStringLiteral("to"),
          r.json.value(QStringLiteral("phone")).toObject().value(QStringLiteral("call_to")).toString()}},
        {});
    const QString callId = r.json.value(QStringLiteral("call_id")).toString();
    const QString digits = r.json.value(QStringLiteral("robot_says")).toString().remove(u' ');
    r = timed(QStringLiteral("POST /calls/dtmf"), "POST",
              QStringLiteral("/sandbox/v1/calls/%1/dtmf").arg(callId), {{QStringLiteral("digits"), digits}},
              {});
    if (r.json.value(QStringLiteral("result")).toString() != QLatin1String("confirmed"))
        return false;
    r = timed(QStringLiteral("POST /registration/card"), "POST", QStringLiteral("/api/v1/registration/card"),
              {{QStringLiteral("number"), QStringLiteral("4111 1111 1111 1111")},
               {QStringLiteral("exp_month"), 12},
               {QStringLiteral("exp_year"), 2035},
               {QStringLiteral("cvc"), QStringLiteral("123")}},
              auth);
    if (r.status != 202)
        return false;
    // Waiting for the processor is not request latency: long poll outside the samples.
    const QJsonObject reg = client.waitForCardDecision(token);
    return reg.value(QStringLiteral("next_step")).toString() == QLatin1String("done");
}

// CPU time (user + system, ms) used so far by this process's threads named name ("" = all):
// a figure that does not depend on what else the machine is running.
double threadCpuMs(const QByteArray &name) {
    double ticks = 0;
    const QStringList tasks =
        QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &task : tasks) {
        QFile stat(QStringLiteral("/proc/self/task/%1/stat").arg(task));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('(');
        const qsizetype close = line.lastIndexOf(')');
        if (open < 0 || close < 0 || (!name.isEmpty() && line.mid(open + 1, close - open - 1) != name))
            continue;
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        ticks += fields.value(11).toDouble() + fields.value(12).toDouble(); // utime, stime
    }
    return ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

// CPU time of the whole process, finished threads included.
double processCpuMs() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption signupsOption(QStringLiteral("signups"), QStringLiteral("Sign-ups to run."),
                                           QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption concurrencyOption(QStringLiteral("concurrency"),
                                               QStringLiteral("Concurrent clients."), QStringLiteral("C"),
                                               QStringLiteral("4"));
    const QCommandLineOption iterationsOption(QStringLiteral("pbkdf2-iterations"),
                                              QStringLiteral("PBKDF2 iterations."), QStringLiteral("I"),
                                              QStringLiteral("600000"));
    const QCommandLineOption cardOption(QStringLiteral("card-ms"), QStringLiteral("Card processor delay."),
                                        QStringLiteral("MS"), QStringLiteral("0"));
    parser.addOptions({signupsOption, concurrencyOption, iterationsOption, cardOption});
    parser.process(app);
    const int signups = qMax(1, parser.value(signupsOption).toInt());
    const int concurrency = qBound(1, parser.value(concurrencyOption).toInt(), 64);

    SandboxFixture fixture([&](SandboxOptions &o) {
        o.passwordHashIterations = qMax(1, parser.value(iterationsOption).toInt());
        o.cardProcessingMs = qMax(0, parser.value(cardOption).toInt());
        o.accountCreationsPerMinute = 1000000;
        o.accessLog = false;
    });
    if (!fixture.ok())
        return 1;
    const QUrl base = fixture.sandbox->baseUrl();
    const QSslCertificate ca = fixture.sandbox->caCertificate();

    const double serverCpuBefore = threadCpuMs("sandbox-server");
    const double processCpuBefore = processCpuMs();
    Samples samples;
    QList<QThread *> workers;
    QElapsedTimer wall;
    wall.start();
    for (int w = 0; w < concurrency; ++w) {
        workers.append(QThread::create([&, w] {
            SandboxClient client(base, ca);
            QMap<QString, QList<double>> local;
            int failures = 0;
            for (int i = w; i < signups; i += concurrency)
                if (!signUp(client, i, local))
                    ++failures;
            QMutexLocker lock(&samples.mutex);
            for (auto it = local.cbegin(); it != local.cend(); ++it)
                samples.byEndpoint[it.key()].append(it.value());
            samples.failures += failures;
        }));
        workers.last()->start();
    }
    for (QThread *t : workers) {
        t->wait();
        delete t;
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const double serverCpu = threadCpuMs("sandbox-server") - serverCpuBefore;
    const double processCpu = processCpuMs() - processCpuBefore;

    QList<double> all;
    for (const QList<double> &values : std::as_const(samples.byEndpoint))
        all.append(values);
    std::printf("sandbox sign-up benchmark: %d sign-ups, %d concurrent clients, PBKDF2 %s iterations, card "
                "processor %s ms\n",
                signups, concurrency, qPrintable(parser.value(iterationsOption)),
                qPrintable(parser.value(cardOption)));
    std::printf("  completed: %d, failed: %d, wall time %.2f s\n", signups - samples.failures,
                samples.failures, seconds);
    std::printf("  sign-ups per second: %.2f\n", double(signups - samples.failures) / seconds);
    // The server thread answers every request: at one sign-up per this many ms of its CPU it is
    // saturated, whatever the clients cost (they run on other cores in production).
    std::printf(
        "  CPU per sign-up: server thread %.2f ms, whole process (server, hashing, clients) %.2f ms\n",
        serverCpu / qMax(1, signups - samples.failures), processCpu / qMax(1, signups - samples.failures));
    std::printf("  requests: %lld, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", (long long)all.size(),
                percentile(all, 0.50), percentile(all, 0.99), percentile(all, 1.0));
    for (auto it = samples.byEndpoint.cbegin(); it != samples.byEndpoint.cend(); ++it)
        std::printf("    %-26s p50 %8.2f ms   p99 %8.2f ms\n", qPrintable(it.key()),
                    percentile(it.value(), 0.5), percentile(it.value(), 0.99));
    return samples.failures == 0 ? 0 : 1;
}
