// BudgetMeter: progress bars with the figures as their text.
#include "budgetmeter.h"

#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>

namespace harness::ui {

namespace {
void setBar(QProgressBar *bar, double spent, double limit, const QString &text)
{
    const int percent = limit > 0 ? int(qMin(100.0, spent / limit * 100.0)) : 0;
    bar->setValue(percent);
    bar->setFormat(text);
    const QString color = limit <= 0 ? QStringLiteral("#9aa3ad")
            : spent >= limit         ? QStringLiteral("#d73a49")
            : spent >= 0.8 * limit   ? QStringLiteral("#f0a202")
                                     : QStringLiteral("#2ea043");
    bar->setStyleSheet(
            QStringLiteral("QProgressBar { text-align: center; } QProgressBar::chunk { background: %1; }")
                    .arg(color));
}
} // namespace

BudgetMeter::BudgetMeter(QWidget *parent)
    : QWidget(parent), m_tokens(new QProgressBar(this)), m_cost(new QProgressBar(this))
{
    setObjectName(QStringLiteral("budgetMeter"));
    m_tokens->setObjectName(QStringLiteral("budgetTokens"));
    m_cost->setObjectName(QStringLiteral("budgetCost"));
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Tokens:"), m_tokens);
    form->addRow(tr("Cost:"), m_cost);
    clear();
}

void BudgetMeter::setSpent(qint64 tokens, double cost, const Budget &limits)
{
    setBar(m_tokens, double(tokens), double(limits.maxTokens),
           limits.maxTokens > 0 ? tr("%L1 of %L2 tokens").arg(tokens).arg(limits.maxTokens)
                                : tr("%L1 tokens (no limit)").arg(tokens));
    setBar(m_cost, cost, limits.maxCost,
           limits.maxCost > 0 ? tr("$%1 of $%2").arg(cost, 0, 'f', 2).arg(limits.maxCost, 0, 'f', 2)
                              : tr("$%1 (no limit)").arg(cost, 0, 'f', 2));
}

void BudgetMeter::clear()
{
    setBar(m_tokens, 0, 0, tr("no run"));
    setBar(m_cost, 0, 0, tr("no run"));
}

QString BudgetMeter::tokensText() const
{
    return m_tokens->format();
}

QString BudgetMeter::costText() const
{
    return m_cost->format();
}

int BudgetMeter::tokensPercent() const
{
    return m_tokens->value();
}

} // namespace harness::ui
