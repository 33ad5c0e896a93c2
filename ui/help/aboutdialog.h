// AboutDialog: the workbench's version and the versions in use — Qt, the syntax highlighter, the graph
// layout, the keychain backend, git and bubblewrap (whether the sandbox is usable here) — copyable for
// a bug report. The outside programs are asked on a worker thread.
#pragma once

#include <QDialog>
#include <QFutureWatcher>

#include "orchestration/toolversions.h"

class QTextBrowser;

namespace harness::ui {

class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);
    ~AboutDialog() override;
    QString text() const; // what the dialog shows, as plain text
    bool isProbing() const { return m_probe.isRunning(); }

Q_SIGNALS:
    void probed();

private:
    void render();

    QTextBrowser *m_text;
    QFutureWatcher<ToolVersions> m_probe;
    std::optional<ToolVersions> m_tools;
};

} // namespace harness::ui
