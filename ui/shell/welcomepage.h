// WelcomePage: what the window shows while no repository is open — an Open button and the recent list.
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
    QListWidget *recentList() const { return m_recent; }

Q_SIGNALS:
    void browseRequested();
    void openRequested(const QString &path);

private:
    QListWidget *m_recent;
    QLabel *m_recentTitle;
    QLabel *m_error;
};

} // namespace harness::ui
