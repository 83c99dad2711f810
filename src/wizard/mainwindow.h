#pragma once

#include <QMainWindow>
#include <QSize>

class QLabel;
class QDockWidget;

namespace signup {

class RegistrationController;
class SandboxToolsClient;
class SignupWizard;
class MessageArea;
class SandboxToolsPanel;
class SupportSession;
class SupportCodeDialog;

// The wizard's window: the sandbox banner, the message area, the wizard with its steps panel and,
// on a sandbox backend, the sandbox tools dock.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // sandboxTools: the client of the sandbox routes; nullptr for a production backend.
    MainWindow(RegistrationController *controller, SandboxToolsClient *sandboxTools,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    SignupWizard *wizard() const { return m_wizard; }
    MessageArea *messageArea() const { return m_messageArea; }
    SandboxToolsPanel *sandboxTools() const { return m_tools; }
    SupportSession *supportSession() const { return m_support; }
    // "Get help" (F1, Help menu, message area): opens the support code dialog, or raises it.
    void showSupportDialog();
    SupportCodeDialog *supportDialog() const { return m_supportDialog; }
    // The diagnostics report (client/diagnostics.h) and "Copy diagnostics" (Help menu, message area).
    QString diagnostics() const;
    void copyDiagnostics();

    // Sizes and centres the window on its screen's usable area (never larger than it).
    void fitToScreen();
    QSize preferredSize() const;

protected:
    void showEvent(QShowEvent *event) override;
    // The window's close box asks as the wizard's Close does before typed work is lost.
    void closeEvent(QCloseEvent *event) override;

private:
    // Room for the window manager's frame before it is known.
    static constexpr QSize kFrameAllowance{16, 48};
    bool m_wizardFinished = false;
    bool m_shownOnce = false;
    SignupWizard *m_wizard = nullptr;
    MessageArea *m_messageArea = nullptr;
    SandboxToolsPanel *m_tools = nullptr;
    QDockWidget *m_toolsDock = nullptr;
    QLabel *m_banner = nullptr;
    SupportSession *m_support = nullptr;
    SupportCodeDialog *m_supportDialog = nullptr;
};

} // namespace signup
