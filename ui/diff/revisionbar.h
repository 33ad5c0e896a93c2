// RevisionBar: the Diff view's controls — which two revisions (the run's checkpoints, any branch, a
// recent commit; optionally from where they forked), cumulative or one iteration, and the view options
// (unified / side by side, context, previous / next change, reload, live) in a bar whose overflow menu
// works at any width.
#pragma once

#include "reviewtarget.h"

#include <QWidget>

class QAction;
class QActionGroup;
class QComboBox;
class QToolButton;

namespace harness::ui {

class OverflowBar;

class RevisionBar : public QWidget
{
    Q_OBJECT
public:
    explicit RevisionBar(QWidget *parent = nullptr);

    // The run's checkpoints first, then branches and recent commits, in both pickers.
    void setRevisions(const QList<Checkpoint> &checkpoints, const QList<Checkpoint> &branches,
                      const QList<Checkpoint> &recentCommits);
    // Shows the range in the pickers (entries whose revision matches).
    void showRange(const QString &from, const QString &to);
    int toCheckpointIndex() const; // index among the checkpoints, -1 for a branch or commit
    void setSideBySide(bool on);
    void setContextLines(int lines);
    void setLive(bool on);
    bool isLive() const;
    bool fromMergeBase() const;

    QComboBox *fromCombo() const { return m_from; }
    QComboBox *toCombo() const { return m_to; }
    OverflowBar *actionBar() const { return m_bar; }
    QAction *reloadAction() const { return m_reload; }
    QAction *liveAction() const { return m_live; }
    QAction *previousAction() const { return m_previous; }
    QAction *nextAction() const { return m_next; }
    QAction *sideBySideAction() const { return m_sideBySide; }
    QAction *contextAction() const { return m_context; }

Q_SIGNALS:
    void rangeChosen(const QString &from, const QString &to);
    void cumulativeRequested();
    void iterationRequested(int checkpointIndex);
    void mergeBaseToggled(bool on);
    void sideBySideToggled(bool on);
    void contextLinesChosen(int lines);
    void previousRequested();
    void nextRequested();
    void reloadRequested();
    void liveToggled(bool on);

private:
    void fill(QComboBox *combo, const QList<Checkpoint> &checkpoints, const QList<Checkpoint> &branches,
              const QList<Checkpoint> &recentCommits);

    int m_checkpointCount = 0;
    QComboBox *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QAction *m_mergeBase = nullptr;
    OverflowBar *m_bar = nullptr;
    QAction *m_unified = nullptr;
    QAction *m_sideBySide = nullptr;
    QAction *m_context = nullptr;
    QActionGroup *m_contextGroup = nullptr;
    QAction *m_previous = nullptr;
    QAction *m_next = nullptr;
    QAction *m_reload = nullptr;
    QAction *m_live = nullptr;
};

} // namespace harness::ui
