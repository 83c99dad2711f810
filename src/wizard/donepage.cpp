#include "wizard/donepage.h"

#include "client/invitationcontroller.h"
#include "ui_donepage.h"
#include "wizard/invitationpage.h"
#include "wizard/uitext.h"

#include <QLocale>

namespace signup {

DonePage::DonePage(RegistrationController *controller, QWidget *parent)
    : SignupPage(controller, parent)
    , ui(std::make_unique<Ui::DonePage>()) {
    ui->setupUi(this);
    setFinalPage(true);
    ui->projectLabel->setTextFormat(Qt::PlainText); // the project's name comes from the server
    connect(ui->openConsoleButton, &QPushButton::clicked, this, [this] {
        const QString url = this->controller()->registration().consoleUrl;
        if (!url.isEmpty() && signupWizard())
            signupWizard()->openUrl(QUrl(url));
    });
    connect(ui->whatsNextLabel, &QLabel::linkActivated, this, [this](const QString &link) {
        if (signupWizard())
            signupWizard()->openUrl(QUrl(link));
    });
    connect(controller, &RegistrationController::registrationChanged, this, &DonePage::update);
}

DonePage::~DonePage() = default;

void DonePage::initializePage() {
    update(controller()->registration());
}

QWidget *DonePage::firstField() const {
    return ui->openConsoleButton;
}

// A person who joined someone else's project by invitation has no project, balance or bonus of
// their own: the page names the project they joined and their roles in it.
static const Membership *joinedMembership(const Registration &r, const InvitationController *invitations) {
    const bool joinedNow = invitations && invitations->joined();
    if (r.memberships.isEmpty() || (r.project && !joinedNow))
        return nullptr;
    if (joinedNow)
        for (const Membership &m : r.memberships)
            if (m.project.id == invitations->invitation().project.id)
                return &m;
    return &r.memberships.last();
}

void DonePage::update(const Registration &r) {
    if (m_ownTitle.isEmpty()) {
        m_ownTitle = title();
        m_ownSubTitle = subTitle();
    }
    const Membership *member = joinedMembership(r, signupWizard() ? signupWizard()->invitations() : nullptr);
    if (member) {
        setTitle(tr("You have joined the project"));
        setSubTitle(tr("Your account is ready: you can work in the project now."));
        ui->projectLabel->setText(tr("Project: %1 (%2)").arg(member->project.name, member->project.id));
        ui->balanceLabel->setText(tr("Your roles: %1.").arg(InvitationPage::roleNames(member->roles)));
        ui->bonusLabel->hide();
        ui->openConsoleButton->setEnabled(!r.consoleUrl.isEmpty());
        ui->whatsNextLabel->setText(QString());
        ui->whatsNextTitle->hide();
        ui->whatsNextLabel->hide();
        return;
    }
    setTitle(m_ownTitle);
    setSubTitle(m_ownSubTitle);
    ui->whatsNextTitle->show();
    ui->whatsNextLabel->show();
    if (r.project)
        ui->projectLabel->setText(tr("Your project: %1 (%2)").arg(r.project->name, r.project->id));
    else
        ui->projectLabel->setText(tr("Your project is being created…"));
    ui->balanceLabel->setText(
        tr("Balance: %1, the test amount from your card.").arg(UiText::money(r.balance)));
    if (r.bonus) {
        ui->bonusLabel->setText(
            tr("Sign-up bonus: %1, valid until %2.")
                .arg(UiText::money(r.bonus->amount),
                     QLocale().toString(r.bonus->expiresAt.toLocalTime().date(), QLocale::LongFormat)));
        ui->bonusLabel->show();
    } else {
        ui->bonusLabel->hide();
    }
    ui->openConsoleButton->setEnabled(!r.consoleUrl.isEmpty());
    const bool ru = QLocale().language() == QLocale::Russian;
    const QString docs =
        ru ? QStringLiteral("https://cloud.vk.com/docs/ru") : QStringLiteral("https://cloud.vk.com/docs/en");
    const auto link = [&docs](const QString &path, const QString &text) {
        return QStringLiteral("<li><a href=\"%1%2\">%3</a></li>").arg(docs, path, text.toHtmlEscaped());
    };
    ui->whatsNextLabel->setText(
        QStringLiteral("<ul style=\"margin-left:0\">") +
        link(QStringLiteral("/tools-for-using-services/account/instructions/account-manage/legal-entity"),
             tr("Work as a legal entity: switch the account to your company")) +
        link(QStringLiteral("/tools-for-using-services/account/concepts/quotasandlimits"),
             tr("Quotas and limits")) +
        link(QStringLiteral("/intro/billing/instructions/payment"),
             tr("Payment methods and topping up the balance")) +
        link(QStringLiteral("/tools-for-using-services/account/instructions/project-settings/access-manage"),
             tr("Invite colleagues and manage access")) +
        link(QStringLiteral("/computing/iaas/instructions/vm/vm-create"),
             tr("Create your first virtual machine")) +
        link(QStringLiteral("/kubernetes/k8s/instructions/create-cluster"),
             tr("Create a Kubernetes cluster")) +
        link(QStringLiteral("/dbs/dbaas/instructions/create"), tr("Create a database")) +
        QStringLiteral("</ul>"));
}

} // namespace signup
