#include "wizard/mainwindow.h"

#include "client/diagnostics.h"
#include "client/registrationcontroller.h"
#include "client/supportsession.h"
#include "vksignup/version.h"
#include "wizard/icons.h"
#include "wizard/keychainindicator.h"
#include "wizard/messagearea.h"
#include "wizard/sandboxtoolspanel.h"
#include "wizard/signupwizard.h"
#include "wizard/stepspanel.h"
#include "wizard/supportcodedialog.h"

#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace signup {

MainWindow::MainWindow(RegistrationController *controller, SandboxToolsClient *sandboxTools, QWidget *parent)
    : QMainWindow(parent) {
    Icons::ensureLoaded();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("VK Cloud sign-up"));
    setWindowIcon(Icons::icon(QStringLiteral("app")));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    if (sandboxTools) {
        m_banner = new QLabel(central);
        m_banner->setObjectName(QStringLiteral("sandboxBanner"));
        m_banner->setTextFormat(Qt::RichText);
        m_banner->setWordWrap(true);
        m_banner->setAutoFillBackground(true);
        m_banner->setBackgroundRole(QPalette::ToolTipBase);
        m_banner->setForegroundRole(QPalette::ToolTipText);
        m_banner->setContentsMargins(10, 6, 10, 6);
        const int size = m_banner->fontMetrics().height();
        m_banner->setText(
            QStringLiteral("<img src=\":/icons/sandbox.svg\" width=\"%1\" height=\"%1\"> <b>%2</b> %3")
                .arg(size)
                .arg(tr("Sandbox — no real account is created.").toHtmlEscaped(),
                     tr("Emails, calls and card payments are simulated: use the Sandbox tools on the "
                        "right.")
                         .toHtmlEscaped()));
        m_banner->setAccessibleName(tr("Sandbox — no real account is created."));
        layout->addWidget(m_banner);
    }

    m_messageArea = new MessageArea(central);
    layout->addWidget(m_messageArea);
    showFocusOnLabels(m_messageArea);
    // Progress that cannot be saved is said for as long as it is true (not a dismissable notice).
    layout->addWidget(new KeychainIndicator(controller, central));

    m_wizard = new SignupWizard(controller, central);
    m_wizard->setWindowFlags(Qt::Widget);
    m_wizard->setMessageArea(m_messageArea);
    layout->addWidget(m_wizard, 1);
    setCentralWidget(central);
    connect(m_wizard, &QDialog::finished, this, [this] {
        m_wizardFinished = true; // Close or Finish in the wizard: it asked already where needed
        close();
    });

    connect(controller, &RegistrationController::connectionProblem, this, [this](const ApiError &error) {
        m_messageArea->showError(error, [this] { m_wizard->controller()->refreshNow(); });
    });
    connect(controller, &RegistrationController::actionFinished, this,
            [this](RegistrationController::Action action, const ApiError &error) {
                // The first look at the server failed (offline, TLS): say so and offer to try again.
                if (action == RegistrationController::Action::Start && error.isError())
                    m_messageArea->showError(error, [this] { m_wizard->controller()->start(); });
            });
    connect(controller, &RegistrationController::connectionRestored, this, [this] {
        if (m_messageArea->hasError() && m_messageArea->error().kind != ApiError::Kind::Http)
            m_messageArea->clear();
    });

    if (sandboxTools) {
        m_tools = new SandboxToolsPanel(controller, sandboxTools, m_wizard, this);
        m_toolsDock = new QDockWidget(tr("Sandbox tools"), this);
        m_toolsDock->setObjectName(QStringLiteral("sandboxToolsDock"));
        m_toolsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                                 QDockWidget::DockWidgetClosable);
        // On a short screen the tools are taller than the window: they scroll instead of being cut.
        auto *toolsScroll = new QScrollArea(m_toolsDock);
        toolsScroll->setObjectName(QStringLiteral("sandboxToolsScroll"));
        toolsScroll->setFrameShape(QFrame::NoFrame);
        toolsScroll->setWidgetResizable(true);
        toolsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        toolsScroll->setWidget(m_tools);
        toolsScroll->setMinimumWidth(m_tools->minimumSizeHint().width() +
                                     style()->pixelMetric(QStyle::PM_ScrollBarExtent));
        m_toolsDock->setWidget(toolsScroll);
        addDockWidget(Qt::RightDockWidgetArea, m_toolsDock);
    }

    if (m_toolsDock) {
        // The tools can be closed for room on a small screen and opened again here.
        QMenu *view = menuBar()->addMenu(tr("&View"));
        QAction *toggleTools = m_toolsDock->toggleViewAction();
        toggleTools->setObjectName(QStringLiteral("toggleSandboxToolsAction"));
        toggleTools->setText(tr("&Sandbox tools"));
        view->addAction(toggleTools);
    }

    // Help > Get help (F1 on every page): a support code for support staff, with consent.
    m_support = new SupportSession(controller->client(), this);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *getHelp = help->addAction(tr("&Get help from support…"));
    getHelp->setObjectName(QStringLiteral("getHelpAction"));
    getHelp->setShortcut(QKeySequence::HelpContents);
    connect(getHelp, &QAction::triggered, this, &MainWindow::showSupportDialog);
    connect(m_messageArea, &MessageArea::helpRequested, this, &MainWindow::showSupportDialog);
    QAction *copyDiagnostics = help->addAction(tr("Copy &diagnostics"));
    copyDiagnostics->setObjectName(QStringLiteral("copyDiagnosticsAction"));
    connect(copyDiagnostics, &QAction::triggered, this, &MainWindow::copyDiagnostics);
    connect(m_messageArea, &MessageArea::diagnosticsRequested, this, &MainWindow::copyDiagnostics);
    help->addSeparator();
    // Help > About: the version a person can tell support staff.
    QAction *about = help->addAction(tr("&About VK Cloud sign-up"));
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, [this] {
        auto *box =
            new QMessageBox(QMessageBox::NoIcon, tr("About VK Cloud sign-up"),
                            tr("<h3>VK Cloud sign-up %1</h3><p>Registers a VK Cloud account step by step.</p>"
                               "<p>Built with Qt %2, running on Qt %3.</p>")
                                .arg(QStringLiteral(VKSIGNUP_VERSION), QStringLiteral(QT_VERSION_STR),
                                     QString::fromLatin1(qVersion())),
                            QMessageBox::Close, this);
        box->setObjectName(QStringLiteral("aboutBox"));
        box->setIconPixmap(Icons::icon(QStringLiteral("app")).pixmap(64, 64));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    fitToScreen();
}

void MainWindow::fitToScreen() {
    // The preferred size, never larger than the screen's usable area (without panels), centred on it.
    const QScreen *on = screen() ? screen() : QGuiApplication::primaryScreen();
    if (!on) {
        resize(preferredSize());
        return;
    }
    const QRect available = on->availableGeometry();
    // The window manager's frame is not known before the window is shown: leave room for a title
    // bar; showEvent() corrects it once the frame is known.
    const QSize room = available.size() - kFrameAllowance;
    const QSize size = preferredSize().boundedTo(room).expandedTo(minimumSizeHint().boundedTo(room));
    setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size, available));
    // The Sandbox tools: 330 px where there is room (an email subject fits), only the width they need
    // on a narrower window, the page the rest.
    // The steps panel too: its names on one or two lines where there is room, wrapped on a small screen.
    const bool roomy = size.width() >= preferredSize().width();
    m_wizard->stepsPanel()->setMinimumWidth(roomy ? 220 : 170);
    if (m_toolsDock) {
        const int least = m_toolsDock->minimumSizeHint().width();
        resizeDocks({m_toolsDock}, {roomy ? std::max(least, 330) : least}, Qt::Horizontal);
    }
}

QSize MainWindow::preferredSize() const {
    return m_toolsDock ? QSize(1240, 720) : QSize(900, 720);
}

void MainWindow::showEvent(QShowEvent *event) {
    QMainWindow::showEvent(event);
    if (m_shownOnce)
        return;
    m_shownOnce = true;
    // Now the frame is known: pull the whole window, title bar included, into the usable area.
    QTimer::singleShot(0, this, [this] {
        const QScreen *on = screen();
        if (!on || isMaximized() || isFullScreen())
            return;
        const QRect available = on->availableGeometry();
        const QRect frame = frameGeometry();
        if (available.contains(frame))
            return;
        const QSize extra = frame.size() - size();
        const QSize size = this->size().boundedTo(available.size() - extra);
        resize(size);
        const QRect placed = QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size + extra, available);
        move(placed.topLeft());
    });
}

MainWindow::~MainWindow() = default;

QString MainWindow::diagnostics() const {
    return Diagnostics::report(Diagnostics::collect(m_wizard->controller(), m_tools != nullptr));
}

void MainWindow::copyDiagnostics() {
    QGuiApplication::clipboard()->setText(diagnostics());
    statusBar()->showMessage(tr("Diagnostics copied: paste them into your message to support. They hold no "
                                "password, card data or sign-in token."),
                             15000);
}

void MainWindow::showSupportDialog() {
    if (!m_supportDialog)
        m_supportDialog = new SupportCodeDialog(m_support, this);
    m_supportDialog->show();
    m_supportDialog->raise();
    m_supportDialog->activateWindow();
}

void MainWindow::closeEvent(QCloseEvent *event) {
    if (!m_wizardFinished && !m_wizard->confirmClose()) {
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

} // namespace signup
