// BudgetMeter: tokens and money spent against the task's limits, as two bars that turn amber past 80 %
// and red at the limit; "no limit" shows the spend alone.
#pragma once

#include "core/budget.h"

#include <QWidget>

class QLabel;
class QProgressBar;

namespace harness::ui {

class BudgetMeter : public QWidget
{
    Q_OBJECT
public:
    explicit BudgetMeter(QWidget *parent = nullptr);
    void setSpent(qint64 tokens, double cost, const Budget &limits);
    void clear();
    QString tokensText() const;
    QString costText() const;
    int tokensPercent() const;

private:
    QProgressBar *m_tokens;
    QProgressBar *m_cost;
};

} // namespace harness::ui
