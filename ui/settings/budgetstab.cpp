// BudgetsTab: spin boxes whose zero reads "no limit".
#include "budgetstab.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace harness::ui {

BudgetsTab::BudgetsTab(bool hasRepository, QWidget *parent)
    : QWidget(parent), m_maxTokens(new QSpinBox(this)), m_maxCost(new QDoubleSpinBox(this)),
      m_maxIterations(new QSpinBox(this)), m_maxMinutes(new QSpinBox(this)), m_planRounds(new QSpinBox(this)),
      m_turns(new QSpinBox(this))
{
    m_maxTokens->setRange(0, 2'000'000'000);
    m_maxTokens->setSingleStep(10000);
    m_maxTokens->setSpecialValueText(tr("no limit"));
    m_maxCost->setRange(0, 100000);
    m_maxCost->setPrefix(QStringLiteral("$ "));
    m_maxCost->setSpecialValueText(tr("no limit"));
    m_maxIterations->setRange(1, 100);
    m_maxMinutes->setRange(0, 24 * 60);
    m_maxMinutes->setSuffix(tr(" min"));
    m_maxMinutes->setSpecialValueText(tr("no limit"));
    m_planRounds->setRange(1, 50);
    m_turns->setRange(1, 1000);
    auto *form = new QFormLayout(this);
    form->addRow(new QLabel(tr("<b>New tasks start with</b>"), this));
    form->addRow(tr("Max tokens:"), m_maxTokens);
    form->addRow(tr("Max cost:"), m_maxCost);
    form->addRow(tr("Max iterations:"), m_maxIterations);
    form->addRow(tr("Max wall time:"), m_maxMinutes);
    form->addRow(new QLabel(tr("<b>Every run of this project</b>"), this));
    form->addRow(tr("Plans before escalating:"), m_planRounds);
    form->addRow(tr("Model turns per iteration:"), m_turns);
    m_planRounds->setEnabled(hasRepository);
    m_turns->setEnabled(hasRepository);
}

void BudgetsTab::setBudget(const Budget &b)
{
    m_maxTokens->setValue(int(qMin<qint64>(b.maxTokens, m_maxTokens->maximum())));
    m_maxCost->setValue(b.maxCost);
    m_maxIterations->setValue(b.maxIterations);
    m_maxMinutes->setValue(int(b.maxWallSeconds / 60));
}

Budget BudgetsTab::budget() const
{
    Budget b;
    b.maxTokens = m_maxTokens->value();
    b.maxCost = m_maxCost->value();
    b.maxIterations = m_maxIterations->value();
    b.maxWallSeconds = m_maxMinutes->value() * 60;
    return b;
}

void BudgetsTab::setForm(const PolicyForm &form)
{
    m_planRounds->setValue(form.maxPlanRounds);
    m_turns->setValue(form.maxTurnsPerIteration);
}

void BudgetsTab::applyTo(PolicyForm &form) const
{
    form.maxPlanRounds = m_planRounds->value();
    form.maxTurnsPerIteration = m_turns->value();
}

} // namespace harness::ui
