// TaskEditDialog: writes a task's contract — title, goal, acceptance criteria (one per line, optionally
// "criterion :: check command"), scope globs, constraint rule ids, interface notes and budget.
#pragma once

#include "core/task.h"

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QDoubleSpinBox;
class QLabel;
class QDialogButtonBox;

namespace harness::ui {

class TaskEditDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TaskEditDialog(QWidget *parent = nullptr);

    // The budget new tasks start with (QSettings "defaults/budget", edited in the settings dialog).
    static Budget defaultBudget();

    void setTask(const Task &task);
    // The task as edited, or an error naming the field to fix.
    Result<Task> task() const;

    QLineEdit *titleEdit() const { return m_title; }
    QPlainTextEdit *goalEdit() const { return m_goal; }
    QPlainTextEdit *criteriaEdit() const { return m_criteria; }
    QPlainTextEdit *scopeEdit() const { return m_scope; }

    void accept() override;

private:
    Task m_base;
    QLineEdit *m_title;
    QPlainTextEdit *m_goal;
    QPlainTextEdit *m_criteria;
    QPlainTextEdit *m_scope;
    QLineEdit *m_constraints;
    QPlainTextEdit *m_notes;
    QSpinBox *m_maxTokens;
    QDoubleSpinBox *m_maxCost;
    QSpinBox *m_maxIterations;
    QSpinBox *m_maxMinutes;
    QLabel *m_error;
};

} // namespace harness::ui
