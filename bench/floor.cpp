// The start-up floor: the bare QWizard of floorwizard.h. With --quit-after-first-paint it exits right
// after the window's first paint, as the wizard does, printing the time from QApplication to it.
#include "floorwizard.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QTimer>
#include <cstdio>
#include <sys/resource.h>

namespace {

// As the wizard reports them: CPU time of the process so far, and VmHWM (Linux; -1 elsewhere).
long long cpuTimeMs() {
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000LL +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

long long peakRssKiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

class QuitAfterFirstPaint : public QObject {
public:
    explicit QuitAfterFirstPaint(QObject *parent)
        : QObject(parent) {
        m_sinceStart.start();
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override {
        if (event->type() == QEvent::Paint) {
            watched->removeEventFilter(this);
            std::printf("floor: first paint after %lld ms, peak RSS %lld KiB, CPU %lld ms\n",
                        static_cast<long long>(m_sinceStart.elapsed()), peakRssKiB(), cpuTimeMs());
            std::fflush(stdout);
            QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(0); });
        }
        return false;
    }

private:
    QElapsedTimer m_sinceStart;
};

} // namespace

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    auto *quit = new QuitAfterFirstPaint(&app);
    QWizard *wizard = bench::makeFloorWizard();
    if (app.arguments().contains(QStringLiteral("--quit-after-first-paint")))
        wizard->installEventFilter(quit);
    wizard->show();
    const int result = app.exec();
    delete wizard;
    return result;
}
