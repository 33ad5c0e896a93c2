// BudgetsTab: the budget new tasks start with (kept in the user's settings) and the limits of every run
// of this repository (plans before escalating, model turns per iteration, kept in policy.json).
#pragma once

#include "core/budget.h"
#include "orchestration/policyform.h"

#include <QWidget>

class QDoubleSpinBox;
class QSpinBox;

namespace harness::ui {

class BudgetsTab : public QWidget
{
    Q_OBJECT
public:
    BudgetsTab(bool hasRepository, QWidget *parent = nullptr);

    void setBudget(const harness::Budget &budget);
    harness::Budget budget() const;
    void setForm(const harness::PolicyForm &form);
    void applyTo(harness::PolicyForm &form) const;

    QSpinBox *maxTokens() const { return m_maxTokens; }
    QSpinBox *planRounds() const { return m_planRounds; }

private:
    QSpinBox *m_maxTokens;
    QDoubleSpinBox *m_maxCost;
    QSpinBox *m_maxIterations;
    QSpinBox *m_maxMinutes;
    QSpinBox *m_planRounds;
    QSpinBox *m_turns;
};

} // namespace harness::ui
