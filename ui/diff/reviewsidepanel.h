// ReviewSidePanel: the right side of the Diff view — where the selected run stands (and why an action
// is off), the reviewer's comments with Remove and "Send as feedback", and the decision: Merge or
// Discard, with the outcome of the last action in one place.
#pragma once

#include "linecomment.h"
#include "reviewcontroller.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace harness::ui {

class ReviewSidePanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReviewSidePanel(QWidget *parent = nullptr);

    void setStatus(const ReviewStatus &status);
    void setComments(const QList<LineComment> &comments);
    void setResult(const QString &text, bool error);
    // While an action runs, every action button is off.
    void setBusy(bool busy);

    QString statusText() const;
    QString resultText() const;
    int currentComment() const;
    QListWidget *commentList() const { return m_commentList; }
    QPushButton *sendButton() const { return m_sendButton; }
    QPushButton *mergeButton() const { return m_mergeButton; }
    QPushButton *discardButton() const { return m_discardButton; }

Q_SIGNALS:
    void sendRequested();
    void mergeRequested();
    void discardRequested();
    void removeRequested(int index);
    void commentActivated(int index);

private:
    void updateButtons();

    ReviewStatus m_status;
    bool m_hasComments = false;
    bool m_busy = false;
    QLabel *m_statusLabel = nullptr;
    QListWidget *m_commentList = nullptr;
    QPushButton *m_removeButton = nullptr;
    QPushButton *m_sendButton = nullptr;
    QPushButton *m_mergeButton = nullptr;
    QPushButton *m_discardButton = nullptr;
    QLabel *m_resultLabel = nullptr;
};

} // namespace harness::ui
