// SandboxTab: whether bubblewrap is usable here (probed once, off the GUI thread), the network the
// agent's commands may use, and the explicit opt-in to run commands without the sandbox.
#pragma once

#include "orchestration/policyform.h"
#include "runtime/sandbox.h"

#include <QFutureWatcher>
#include <QWidget>

class QCheckBox;
class QLabel;

namespace harness::ui {

class SandboxTab : public QWidget
{
    Q_OBJECT
public:
    SandboxTab(bool hasRepository, QWidget *parent = nullptr);
    ~SandboxTab() override;

    // `networkDescription`: the mode in force as policy.json gives it (its allow-list is edited there).
    void setForm(const harness::PolicyForm &form, const QString &networkDescription);
    void applyTo(harness::PolicyForm &form) const;

    QLabel *status() const { return m_status; }
    bool isProbing() const { return m_probe.isRunning(); }

Q_SIGNALS:
    void probed(bool available);

private:
    QFutureWatcher<harness::SandboxStatus> m_probe;
    QLabel *m_status;
    QCheckBox *m_network;
    QLabel *m_networkMode;
    QCheckBox *m_allowUnsandboxed;
};

} // namespace harness::ui
