#pragma once

#include "wizard/localbackend.h"

#include <QString>
#include <QStringList>
#include <QUrl>

class QApplication;

namespace signup {

// What the command line, the environment and the settings say (in that order of precedence).
struct WizardOptions {
    QUrl apiUrl;          // empty: the embedded sandbox
    QString caCertFile;   // extra CA for apiUrl
    bool sandbox = false; // forced embedded sandbox
    QString language;     // "en" | "ru"
    bool reset = false;
    QString screenshotDir;            // hidden: walk every page and save a picture of each
    bool quitAfterFirstPaint = false; // hidden: exit once the wizard's window has painted (packaging check)
    QString invitationUrl;            // an invitation link: the wizard opens at the invitation page
    bool sandboxTools = false;        // apiUrl is a standalone sandbox: show the banner and the Sandbox tools
    bool support = false;             // --support: the support staff's window (docs/support.md)
    QString supportKey;               // --support-key: used for this run, never stored
    bool diagnostics = false;         // --diagnostics: print the report for the stored session and exit
};

// The whole program: parses the command line (QCommandLineParser), checks for a display before
// creating QApplication, loads the translation, starts the embedded sandbox (asynchronously) or
// connects to the configured API, and shows the wizard.
int runWizardApplication(int argc, char **argv, const WizardComposition &composition = {});

// "en" or "ru" from --lang / settings / the system locale; installs the wizard's and Qt's translators.
QString installTranslations(QApplication &app, const QString &requested);

// Where the embedded sandbox keeps its data: the same directory on every run, so its accounts and
// sessions survive closing the wizard, a crash and a restart of the computer.
QString embeddedSandboxDataDir();

// The keychain key of the embedded sandbox whose data is in `dataDir`: "sandbox:<id>", the id kept
// in dataDir/keychain-id (created on first use). Its port changes on every run; this does not.
// Reads and writes a file: never call it on the GUI thread.
QString embeddedSandboxKeychainKey(const QString &dataDir);

} // namespace signup
