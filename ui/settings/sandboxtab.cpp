// SandboxTab: the probe starts bubblewrap once, so it runs in the thread pool; the dialog waits for it
// only when it closes.
#include "sandboxtab.h"

#include <QCheckBox>
#include <QLabel>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace harness::ui {

SandboxTab::SandboxTab(bool hasRepository, QWidget *parent)
    : QWidget(parent), m_status(new QLabel(this)),
      m_network(new QCheckBox(tr("Sandboxed commands may use the network"), this)),
      m_networkMode(new QLabel(this)),
      m_allowUnsandboxed(new QCheckBox(tr("Run commands without the sandbox when bubblewrap is unusable "
                                          "(every run warns)"),
                                       this))
{
    m_status->setObjectName(QStringLiteral("sandboxStatus"));
    m_status->setWordWrap(true);
    m_networkMode->setObjectName(QStringLiteral("networkMode"));
    m_networkMode->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_network);
    layout->addWidget(m_networkMode);
    layout->addWidget(m_allowUnsandboxed);
    layout->addStretch(1);
    m_network->setEnabled(hasRepository);
    m_allowUnsandboxed->setEnabled(hasRepository);

    connect(&m_probe, &QFutureWatcher<SandboxStatus>::finished, this, [this]() {
        const SandboxStatus s = m_probe.result();
        if (s.available)
            m_status->setText(
                    tr("<b style='color:#1b5e20'>The sandbox is usable.</b><br>bubblewrap %1 at %2: "
                       "commands run with the worktree writable, the rest read-only, home and "
                       "keyrings hidden, no network unless allowed.")
                            .arg(s.version.toHtmlEscaped(), s.executable.toHtmlEscaped()));
        else
            m_status->setText(tr("<b style='color:#8a1c1c'>The sandbox is not usable here.</b><br>%1<br>Runs "
                                 "refuse to execute commands unless you allow unsandboxed runs below.")
                                      .arg(s.reason.toHtmlEscaped()));
        Q_EMIT probed(s.available);
    });
    m_status->setText(tr("Checking whether bubblewrap is usable…"));
    m_probe.setFuture(QtConcurrent::run([]() { return Sandbox::probe(); }));
}

SandboxTab::~SandboxTab()
{
    m_probe.waitForFinished();
}

void SandboxTab::setForm(const PolicyForm &form, const QString &networkDescription)
{
    m_network->setChecked(form.network);
    m_networkMode->setText(tr("In force: %1. An allow-list of hosts is set in .harness/policy.json "
                              "(see docs/security.md).")
                                   .arg(networkDescription));
    m_allowUnsandboxed->setChecked(form.allowUnsandboxed);
}

void SandboxTab::applyTo(PolicyForm &form) const
{
    form.network = m_network->isChecked();
    form.allowUnsandboxed = m_allowUnsandboxed->isChecked();
}

} // namespace harness::ui
