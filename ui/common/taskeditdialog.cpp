// TaskEditDialog: a form over Contract; validation happens on accept and names the bad field.
#include "taskeditdialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace harness::ui {

namespace {
QStringList nonEmptyLines(const QString &text)
{
    QStringList out;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const QString t = line.trimmed();
        if (!t.isEmpty())
            out.append(t);
    }
    return out;
}
} // namespace

Budget TaskEditDialog::defaultBudget()
{
    const QJsonObject o =
            QJsonDocument::fromJson(QSettings().value(QStringLiteral("defaults/budget")).toString().toUtf8())
                    .object();
    auto b = Budget::fromJson(o);
    return b ? *b : Budget {};
}

TaskEditDialog::TaskEditDialog(QWidget *parent)
    : QDialog(parent), m_title(new QLineEdit(this)), m_goal(new QPlainTextEdit(this)),
      m_criteria(new QPlainTextEdit(this)), m_scope(new QPlainTextEdit(this)),
      m_constraints(new QLineEdit(this)), m_notes(new QPlainTextEdit(this)), m_maxTokens(new QSpinBox(this)),
      m_maxCost(new QDoubleSpinBox(this)), m_maxIterations(new QSpinBox(this)),
      m_maxMinutes(new QSpinBox(this)), m_error(new QLabel(this))
{
    setWindowTitle(tr("Task contract"));
    m_title->setObjectName(QStringLiteral("taskTitle"));
    m_goal->setObjectName(QStringLiteral("taskGoal"));
    m_criteria->setObjectName(QStringLiteral("taskCriteria"));
    m_scope->setObjectName(QStringLiteral("taskScope"));
    m_goal->setPlaceholderText(tr("What should be true when the task is done?"));
    m_criteria->setPlaceholderText(tr("One criterion per line; add \" :: command\" to prove it by a command "
                                      "that exits with status 0"));
    m_scope->setPlaceholderText(tr("Path globs the agent may touch, one per line (e.g. src/parser/**)"));
    m_constraints->setPlaceholderText(tr("Rule ids, separated by commas"));
    for (QPlainTextEdit *e : {m_goal, m_criteria, m_scope, m_notes})
        e->setTabChangesFocus(true);
    m_goal->setFixedHeight(70);
    m_criteria->setFixedHeight(80);
    m_scope->setFixedHeight(60);
    m_notes->setFixedHeight(50);
    m_maxTokens->setRange(0, 2'000'000'000);
    m_maxTokens->setSingleStep(10000);
    m_maxTokens->setSpecialValueText(tr("no limit"));
    m_maxCost->setRange(0, 100000);
    m_maxCost->setDecimals(2);
    m_maxCost->setPrefix(QStringLiteral("$ "));
    m_maxCost->setSpecialValueText(tr("no limit"));
    m_maxIterations->setRange(1, 100);
    m_maxIterations->setValue(3);
    m_maxMinutes->setRange(0, 24 * 60);
    m_maxMinutes->setSuffix(tr(" min"));
    m_maxMinutes->setSpecialValueText(tr("no limit"));
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Goal:"), m_goal);
    form->addRow(tr("&Acceptance criteria:"), m_criteria);
    form->addRow(tr("&Scope:"), m_scope);
    form->addRow(tr("&Constraints:"), m_constraints);
    form->addRow(tr("&Interface notes:"), m_notes);
    form->addRow(tr("Max &tokens:"), m_maxTokens);
    form->addRow(tr("Max c&ost:"), m_maxCost);
    form->addRow(tr("Max ite&rations:"), m_maxIterations);
    form->addRow(tr("Max &wall time:"), m_maxMinutes);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &TaskEditDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &TaskEditDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(560, 560);
    Task fresh;
    fresh.contract.budget = defaultBudget();
    setTask(fresh);
}

void TaskEditDialog::setTask(const Task &task)
{
    m_base = task;
    m_title->setText(task.title);
    m_goal->setPlainText(task.contract.goal);
    QStringList criteria;
    for (const AcceptanceCriterion &c : task.contract.criteria)
        criteria.append(c.checkCommand.isEmpty() ? c.text : c.text + QStringLiteral(" :: ") + c.checkCommand);
    m_criteria->setPlainText(criteria.join(QLatin1Char('\n')));
    m_scope->setPlainText(task.contract.scope.join(QLatin1Char('\n')));
    m_constraints->setText(task.contract.constraints.join(QStringLiteral(", ")));
    m_notes->setPlainText(task.contract.interfaceNotes);
    m_maxTokens->setValue(int(qMin<qint64>(task.contract.budget.maxTokens, m_maxTokens->maximum())));
    m_maxCost->setValue(task.contract.budget.maxCost);
    m_maxIterations->setValue(task.contract.budget.maxIterations);
    m_maxMinutes->setValue(task.contract.budget.maxWallSeconds / 60);
}

Result<Task> TaskEditDialog::task() const
{
    Task t = m_base;
    t.title = m_title->text().trimmed();
    if (t.title.isEmpty())
        return Result<Task>::failure(tr("A task needs a title."), tr("Title"));
    t.contract.goal = m_goal->toPlainText().trimmed();
    if (t.contract.goal.isEmpty())
        return Result<Task>::failure(tr("Say what the task should achieve."), tr("Goal"));
    t.contract.criteria.clear();
    for (const QString &line : nonEmptyLines(m_criteria->toPlainText())) {
        AcceptanceCriterion c;
        const int sep = line.indexOf(QStringLiteral("::"));
        c.text = (sep < 0 ? line : line.left(sep)).trimmed();
        c.checkCommand = sep < 0 ? QString() : line.mid(sep + 2).trimmed();
        if (c.text.isEmpty())
            return Result<Task>::failure(tr("A criterion has a check command but no text: \"%1\".").arg(line),
                                         tr("Acceptance criteria"));
        t.contract.criteria.append(c);
    }
    t.contract.scope = nonEmptyLines(m_scope->toPlainText());
    t.contract.constraints.clear();
    for (const QString &id : m_constraints->text().split(QLatin1Char(',')))
        if (!id.trimmed().isEmpty())
            t.contract.constraints.append(id.trimmed());
    t.contract.interfaceNotes = m_notes->toPlainText().trimmed();
    t.contract.budget.maxTokens = m_maxTokens->value();
    t.contract.budget.maxCost = m_maxCost->value();
    t.contract.budget.maxIterations = m_maxIterations->value();
    t.contract.budget.maxWallSeconds = m_maxMinutes->value() * 60;
    return t;
}

void TaskEditDialog::accept()
{
    const Result<Task> t = task();
    if (!t) {
        m_error->setText(t.errorText());
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace harness::ui
