// ProviderPrompt: the dialog is window-modal and opened with open(), so the event loop keeps running.
#include "providerprompt.h"
#include "orchestration/policyfile.h"
#include "settingsdialog.h"

#include <QWidget>

namespace harness::ui {

ProviderPrompt::ProviderPrompt(QWidget *window) : QObject(window), m_window(window) { }

void ProviderPrompt::requestStart(const QString &repositoryRoot, std::function<void()> start,
                                  std::function<void(const QString &)> notStarted)
{
    const PolicyFile policy = PolicyFile::load(repositoryRoot);
    if (!policy.readable() || policy.agentChosen()) {
        start();
        return;
    }
    if (m_dialog && m_dialog->isVisible()) {
        m_dialog->raise();
        return;
    }
    m_dialog = new SettingsDialog(repositoryRoot, m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setWindowModality(Qt::WindowModal);
    m_dialog->askForProvider();
    connect(m_dialog, &QDialog::finished, this, [repositoryRoot, start, notStarted](int) {
        if (PolicyFile::load(repositoryRoot).agentChosen())
            start();
        else
            notStarted(tr("Not started: this repository has no provider yet. Choose one in Settings "
                          "(Repository → Settings…), then press Start again."));
    });
    m_dialog->open();
}

} // namespace harness::ui
