// ApprovalBanner: the strip across the top of the window while plans or permission requests wait for
// a human — how many, the oldest one, and a button that opens the plan panel on it.
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace harness::ui {

class RepositorySession;

class ApprovalBanner : public QWidget
{
    Q_OBJECT
public:
    explicit ApprovalBanner(QWidget *parent = nullptr);
    void setSession(RepositorySession *session);
    QString text() const;

Q_SIGNALS:
    void reviewRequested(const QString &approvalId);

private:
    void refresh();
    QPointer<RepositorySession> m_session;
    QLabel *m_label;
    QPushButton *m_review;
    QString m_first;
};

} // namespace harness::ui
