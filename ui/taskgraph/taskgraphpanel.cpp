// TaskGraphPanel: layouts run in QtConcurrent (Graphviz serialized inside GraphLayout); edits go through
// TaskService on the store thread and come back through the session's change signals.
#include "taskgraphpanel.h"
#include "common/emptystate.h"
#include "common/messageline.h"
#include "common/repositorysession.h"
#include "common/runtracker.h"
#include "common/taskeditdialog.h"
#include "common/taskstatestyle.h"
#include "orchestration/taskservice.h"
#include "taskgraphview.h"
#include "tasknodeitem.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace harness::ui {

namespace {
QString structureKey(const QList<Task> &tasks)
{
    QStringList parts;
    for (const Task &t : tasks)
        parts.append(t.id + QLatin1Char(':') + t.dependsOn.join(QLatin1Char(',')));
    return parts.join(QLatin1Char(';'));
}

// The states and their colours as one wrapping line: a narrow window gives it a second line.
QWidget *legend(QWidget *parent)
{
    QStringList entries;
    const auto entry = [&entries](const QColor &color, const QString &label) {
        entries << QStringLiteral("<span style='color:%1'>&#9632;</span>&nbsp;%2")
                           .arg(color.name(), label.toHtmlEscaped());
    };
    for (TaskState s : TaskStateStyle::allStates()) {
        entry(TaskStateStyle::color(s), TaskStateStyle::label(s));
        if (s == TaskState::Open) // its run waits for the runners
            entry(TaskStateStyle::queuedColor(), TaskStateStyle::queuedLabel());
    }
    auto *w = new QLabel(entries.join(QStringLiteral(" &nbsp;&nbsp; ")), parent);
    w->setObjectName(QStringLiteral("taskGraphLegend"));
    w->setTextFormat(Qt::RichText);
    w->setWordWrap(true);
    w->setMinimumWidth(10);
    w->setContentsMargins(4, 0, 4, 0);
    return w;
}

// "Queued — waiting in the runners' queue for a runner to claim it": the state, then what the runners do.
QString stateLine(const TaskLook &look)
{
    if (look.detail.isEmpty())
        return look.label;
    return QCoreApplication::translate("TaskGraphPanel", "%1 — %2")
            .arg(look.label, look.detail.left(1).toLower() + look.detail.mid(1));
}

QString htmlList(const QStringList &items)
{
    if (items.isEmpty())
        return QStringLiteral("<i>%1</i>").arg(QCoreApplication::translate("TaskGraphPanel", "none"));
    QString out = QStringLiteral("<ul style='margin:0'>");
    for (const QString &i : items)
        out += QStringLiteral("<li>") + i.toHtmlEscaped() + QStringLiteral("</li>");
    return out + QStringLiteral("</ul>");
}
} // namespace

TaskGraphPanel::TaskGraphPanel(QWidget *parent)
    : QWidget(parent), m_view(new TaskGraphView(this)), m_stack(new QStackedWidget(this)),
      m_empty(new EmptyState(tr("No repository is open"), {}, this)), m_message(new QLabel(this)),
      m_inspector(new QTextBrowser(this)), m_runs(new QListWidget(this)), m_addSubtask(new QToolButton(this))
{
    setObjectName(QStringLiteral("taskGraphPanel"));
    auto *bar = new QHBoxLayout;
    auto button = [this, bar](const QString &text, const QString &tip, auto slot) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        bar->addWidget(b);
        connect(b, &QToolButton::clicked, this, slot);
        return b;
    };
    button(tr("Zoom In"), tr("Zoom in (Ctrl+wheel)"), [this]() { m_view->zoomIn(); });
    button(tr("Zoom Out"), tr("Zoom out (Ctrl+wheel)"), [this]() { m_view->zoomOut(); });
    button(tr("Fit"), tr("Fit the whole graph in the view"), [this]() { m_view->fit(); });
    m_addSubtask->setText(tr("Add Subtask…"));
    m_addSubtask->setObjectName(QStringLiteral("addSubtaskButton"));
    m_addSubtask->setToolTip(tr("Add a subtask to the selected task; the selected task then waits for it"));
    m_addSubtask->setEnabled(false);
    bar->addWidget(m_addSubtask);
    connect(m_addSubtask, &QToolButton::clicked, this, &TaskGraphPanel::addSubtask);
    auto *hint =
            new QLabel(tr("Drag from one task onto another: the second then waits for the first."), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    hint->setWordWrap(true);
    hint->setMinimumWidth(10); // a narrow window wraps the hint instead of widening
    bar->addWidget(hint, 1);

    m_message->setObjectName(QStringLiteral("taskGraphMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_inspector->setObjectName(QStringLiteral("taskInspector"));
    m_inspector->setOpenLinks(false);
    m_runs->setObjectName(QStringLiteral("taskRuns"));

    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_inspector, 3);
    sideLayout->addWidget(new QLabel(tr("Runs of this task:"), side));
    sideLayout->addWidget(m_runs, 1);
    auto *split = new QSplitter(this);
    split->addWidget(m_view);
    split->addWidget(side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(split);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(legend(this));
    layout->addWidget(m_message);
    layout->addWidget(m_stack, 1);

    connect(m_view, &TaskGraphView::taskSelected, this, [this](const QString &id) {
        if (m_session)
            m_session->selectTask(id);
    });
    connect(m_view, &TaskGraphView::dependencyDropped, this, &TaskGraphPanel::addDependency);
    connect(m_runs, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (m_session && item)
            m_session->selectRun(item->data(Qt::UserRole).toString());
    });
    connect(&m_layoutWatcher, &QFutureWatcher<Result<GraphLayout>>::finished, this, [this]() {
        const Result<GraphLayout> layout = m_layoutWatcher.result();
        if (m_session && layout) {
            const bool first = m_view->scene()->items().isEmpty();
            m_engine = layout->engine;
            m_view->setGraph(m_session->tasks(), *layout);
            if (first)
                m_view->fit();
            m_view->selectTask(m_session->currentTaskId());
            if (m_tracker)
                for (const Run &r : m_session->runs())
                    updateProgress(r.id);
        } else if (!layout) {
            showMessage(tr("The graph could not be laid out: %1").arg(layout.errorText()), true);
        }
        if (m_layoutPending) {
            m_layoutPending = false;
            startLayout();
            return;
        }
        Q_EMIT layoutFinished();
    });
    setSession(nullptr, nullptr);
}

TaskGraphPanel::~TaskGraphPanel()
{
    m_layoutWatcher.waitForFinished();
}

void TaskGraphPanel::setSession(RepositorySession *session, RunTracker *tracker)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    if (m_tracker)
        disconnect(m_tracker, nullptr, this, nullptr);
    m_session = session;
    m_tracker = tracker;
    m_structureKey.clear();
    m_view->setGraph({}, {});
    m_view->resetTransform();
    m_inspector->clear();
    m_runs->clear();
    m_message->hide();
    if (!session) {
        m_empty->setText(tr("No repository is open"), tr("Open a repository to see its task graph."));
        m_stack->setCurrentWidget(m_empty);
        m_addSubtask->setEnabled(false);
        return;
    }
    connect(session, &RepositorySession::tasksChanged, this, &TaskGraphPanel::onTasksChanged);
    connect(session, &RepositorySession::runsChanged, this,
            [this]() { showInspector(m_session->currentTaskId()); });
    connect(session, &RepositorySession::currentTaskChanged, this, [this](const QString &id) {
        m_view->selectTask(id);
        showInspector(id);
    });
    if (tracker) {
        connect(tracker, &RunTracker::runUpdated, this, &TaskGraphPanel::updateProgress);
        connect(tracker, &RunTracker::runUpdated, this, [this](const QString &runId) {
            if (m_session && m_session->runById(runId).taskId == m_session->currentTaskId())
                showInspector(m_session->currentTaskId());
        });
    }
    onTasksChanged();
}

void TaskGraphPanel::onTasksChanged()
{
    if (!m_session)
        return;
    const QList<Task> &tasks = m_session->tasks();
    if (tasks.isEmpty()) {
        m_empty->setText(tr("No tasks yet"),
                         tr("Create a task in the task list; it appears here as a node."));
        m_stack->setCurrentIndex(0);
    } else {
        m_stack->setCurrentIndex(1);
    }
    const QString key = structureKey(tasks);
    if (key != m_structureKey) {
        m_structureKey = key;
        startLayout();
    } else {
        m_view->updateTasks(tasks);
    }
    showInspector(m_session->currentTaskId());
}

void TaskGraphPanel::startLayout()
{
    if (m_layoutWatcher.isRunning()) {
        m_layoutPending = true;
        return;
    }
    GraphLayoutInput input;
    for (const Task &t : m_session->tasks()) {
        input.nodes.append({t.id, TaskNodeItem::preferredSize()});
        for (const QString &dep : t.dependsOn)
            input.edges.append({dep, t.id});
    }
    m_layoutWatcher.setFuture(QtConcurrent::run([input]() { return GraphLayout::compute(input); }));
}

void TaskGraphPanel::showInspector(const QString &taskId)
{
    m_addSubtask->setEnabled(m_session && !taskId.isEmpty());
    if (!m_session || taskId.isEmpty()) {
        m_inspector->setHtml(
                QStringLiteral("<p><i>%1</i></p>").arg(tr("Select a task to see its contract and runs.")));
        m_runs->clear();
        return;
    }
    const Task t = m_session->taskById(taskId);
    const Contract &c = t.contract;
    const TaskLook look = TaskStateStyle::look(
            t.state, m_tracker ? m_tracker->summary(m_tracker->latestRunOf(taskId)) : RunSummary {});
    QStringList criteria;
    for (const AcceptanceCriterion &a : c.criteria)
        criteria.append(a.checkCommand.isEmpty() ? a.text : a.text + QStringLiteral(" — ") + a.checkCommand);
    auto limit = [this](double v, const QString &text) {
        return v <= 0 ? tr("no limit") : text;
    };
    QString html = QStringLiteral("<h3>%1 · %2</h3><p><b>%3</b> %4</p>")
                           .arg(t.id.toHtmlEscaped(), t.title.toHtmlEscaped(), tr("State:"),
                                stateLine(look).toHtmlEscaped());
    html += QStringLiteral("<p><b>%1</b><br>%2</p>").arg(tr("Goal"), c.goal.toHtmlEscaped());
    // A heading, then its list on lines of its own (or "none" after a colon), never run together.
    const auto section = [](const QString &title, const QStringList &items) {
        return items.isEmpty() ? QStringLiteral("<p><b>%1:</b> %2</p>").arg(title, htmlList(items))
                               : QStringLiteral("<p><b>%1:</b></p>%2").arg(title, htmlList(items));
    };
    html += section(tr("Acceptance criteria"), criteria);
    html += section(tr("Scope"), c.scope);
    html += section(tr("Constraints"), c.constraints);
    if (!c.interfaceNotes.isEmpty())
        html += QStringLiteral("<p><b>%1</b><br>%2</p>")
                        .arg(tr("Interface notes"), c.interfaceNotes.toHtmlEscaped());
    html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(tr("Depends on:"),
                         t.dependsOn.isEmpty() ? tr("nothing") : t.dependsOn.join(QStringLiteral(", ")));
    html += QStringLiteral("<p><b>%1</b> %2 · %3 · %4 · %5</p>")
                    .arg(tr("Budget:"),
                         limit(double(c.budget.maxTokens), tr("%L1 tokens").arg(c.budget.maxTokens)),
                         limit(c.budget.maxCost, tr("$%1").arg(c.budget.maxCost, 0, 'f', 2)),
                         tr("%n iteration(s)", nullptr, c.budget.maxIterations),
                         limit(c.budget.maxWallSeconds, tr("%1 min").arg(c.budget.maxWallSeconds / 60)));
    m_inspector->setHtml(html);

    const QString currentRun = m_session->currentRunId();
    m_runs->blockSignals(true);
    m_runs->clear();
    for (const Run &r : m_session->runsOfTask(taskId)) {
        const RunSummary f = m_tracker ? m_tracker->summary(r.id) : RunSummary {};
        QString text = r.id + QStringLiteral("  ") +
                r.created.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm"));
        if (!f.step.isEmpty())
            text += QStringLiteral("  ·  ") + tr("%1, iteration %2").arg(f.step).arg(f.iteration);
        if (f.finished)
            text += QStringLiteral("  ·  ") + f.outcome;
        if (!f.runner.isEmpty())
            text += QStringLiteral("  ·  ") + tr("runner %1").arg(f.runnerText());
        else if (f.queued && !f.finished)
            text += QStringLiteral("  ·  ") + tr("queued for the runners");
        auto *item = new QListWidgetItem(text, m_runs);
        item->setData(Qt::UserRole, r.id);
        if (r.id == currentRun)
            m_runs->setCurrentItem(item);
    }
    if (m_runs->count() == 0)
        new QListWidgetItem(tr("No runs yet — start one from the run controls."), m_runs);
    m_runs->blockSignals(false);
}

void TaskGraphPanel::updateProgress(const QString &runId)
{
    if (!m_session || !m_tracker)
        return;
    const Run run = m_session->runById(runId);
    if (run.taskId.isEmpty() || m_tracker->latestRunOf(run.taskId) != runId)
        return;
    const Task task = m_session->taskById(run.taskId);
    const RunSummary f = m_tracker->summary(runId);
    m_view->setNewestRun(run.taskId, f);
    const TaskLook look = TaskStateStyle::look(task.state, f);
    if (look.queued) { // waiting for a runner: no progress yet, the node says where it is
        m_view->setProgress(run.taskId, -1, tr("queued for the runners"));
    } else if (task.state == TaskState::Running || task.state == TaskState::AwaitingApproval ||
               !look.runner.isEmpty()) {
        QString label = f.step.isEmpty() ? QString() : tr("%1 #%2").arg(f.step).arg(f.iteration);
        if (!f.runner.isEmpty()) // driven by a runner elsewhere: the node says which
            label = label.isEmpty() ? f.runner : tr("%1 · %2").arg(label, f.runner);
        m_view->setProgress(run.taskId, f.progress(), label);
    } else
        m_view->setProgress(run.taskId, -1, {});
}

void TaskGraphPanel::showMessage(const QString &text, bool error)
{
    showMessageLine(m_message, text, error);
}

void TaskGraphPanel::addSubtask()
{
    if (!m_session || m_session->currentTaskId().isEmpty())
        return;
    const Task parent = m_session->taskById(m_session->currentTaskId());
    TaskEditDialog dialog(this);
    dialog.setWindowTitle(tr("New Subtask of %1").arg(parent.id));
    Task draft;
    draft.parentId = parent.id;
    draft.contract.scope = parent.contract.scope;
    draft.contract.constraints = parent.contract.constraints;
    dialog.setTask(draft);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Task sub = dialog.task().value();
    const QString parentId = parent.id;
    const QString actor = RepositorySession::userActor();
    m_session->worker()->post(
            this,
            [sub, parentId, actor](Store &store) {
                return TaskService(store).addSubtask(parentId, sub, actor);
            },
            [this, parentId](const Result<Task> &added) {
                if (!added) {
                    showMessage(tr("The subtask could not be added: %1").arg(added.errorText()), true);
                    return;
                }
                showMessage(tr("Added %1 as a subtask of %2; %2 now waits for it.").arg(added->id, parentId),
                            false);
                m_session->refresh();
                m_session->selectTask(added->id);
            });
}

void TaskGraphPanel::addDependency(const QString &prerequisite, const QString &dependent)
{
    if (!m_session)
        return;
    if (m_session->taskById(dependent).dependsOn.contains(prerequisite)) {
        showMessage(tr("%1 already waits for %2.").arg(dependent, prerequisite), false);
        return;
    }
    // The cycle check runs in the service, on the tasks as they are in the store at that moment.
    const QString actor = RepositorySession::userActor();
    m_session->worker()->post(
            this,
            [prerequisite, dependent, actor](Store &store) {
                return TaskService(store).addDependency(dependent, prerequisite, actor);
            },
            [this, prerequisite, dependent](const Status &s) {
                if (!s) {
                    const QString why = s.errorText();
                    showMessage(why.startsWith(QLatin1String("Refused"))
                                        ? why
                                        : tr("The dependency could not be saved: %1").arg(why),
                                true);
                    return;
                }
                showMessage(tr("%1 now waits for %2.").arg(dependent, prerequisite), false);
                m_session->refresh();
                Q_EMIT dependencyAdded(prerequisite, dependent);
            });
}

} // namespace harness::ui
