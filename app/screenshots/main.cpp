#include "embeddedsandboxbackend.h"
#include "screenshottour.h"
#include "wizard/mainwindow.h"
#include "wizard/signupwizard.h"
#include "wizard/wizardapp.h"

#include <QCoreApplication>

// A tool, not shipped: the wizard on a throwaway embedded sandbox, walked through every page by
// the screenshot tour (scripts/screenshots.sh runs it with --screenshot-dir DIR).
int main(int argc, char **argv) {
    signup::WizardComposition composition;
    composition.localBackend = signup::makeEmbeddedSandboxBackend;
    composition.screenshotTour = [](signup::MainWindow *window, signup::RegistrationClient *client,
                                    const signup::WizardOptions &options) {
        window->wizard()->setUrlOpener([](const QUrl &) {});
        auto *tour =
            new signup::ScreenshotTour(window, client, options.screenshotDir, options.language, window);
        QObject::connect(tour, &signup::ScreenshotTour::finished, qApp,
                         [](bool ok) { QCoreApplication::exit(ok ? 0 : 1); });
        tour->start();
    };
    return signup::runWizardApplication(argc, argv, composition);
}
