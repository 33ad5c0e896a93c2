// WelcomePage: what the window shows while no repository is open — the first steps (try the demo, open a
// repository, set up a model provider), the recent list, and what an open under way or a failed one says.
#pragma once

#include <QWidget>

class QListWidget;
class QLabel;

namespace harness::ui {

class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);
    void reload(); // re-reads the recent list
    void showError(const QString &message); // e.g. why the last open failed
    void showProgress(const QString &message); // e.g. "Opening … and its store…"; empty hides it
    QListWidget *recentList() const { return m_recent; }

Q_SIGNALS:
    void browseRequested();
    void openRequested(const QString &path);
    void demoRequested();
    void providerSetupRequested();

private:
    QListWidget *m_recent;
    QLabel *m_recentTitle;
    QLabel *m_error;
    QLabel *m_progress;
};

} // namespace harness::ui
