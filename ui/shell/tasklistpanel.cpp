// TaskListPanel: a tree view over TaskListModel, adding tasks through TaskEditDialog and TaskService (one
// transaction with its task_added event) on the store thread.
#include "tasklistpanel.h"
#include "common/emptystate.h"
#include "common/repositorysession.h"
#include "common/taskeditdialog.h"
#include "orchestration/taskservice.h"
#include "tasklistmodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace harness::ui {

TaskListPanel::TaskListPanel(QWidget *parent)
    : QWidget(parent), m_model(new TaskListModel(this)), m_view(new QTreeView(this)),
      m_stack(new QStackedWidget(this)), m_empty(new EmptyState(tr("No repository is open"), {}, this)),
      m_newTask(new QPushButton(tr("New Task…"), this))
{
    setObjectName(QStringLiteral("taskListPanel"));
    m_view->setObjectName(QStringLiteral("taskList"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setSectionResizeMode(TaskListModel::TitleColumn, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(TaskListModel::IdColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(TaskListModel::RunsColumn, QHeaderView::ResizeToContents);
    // The state says which runner drives a task ("Running on build-3"): shown whole, never elided; the
    // dependencies take only the room they need, leaving the rest to the title.
    m_view->header()->setSectionResizeMode(TaskListModel::StateColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(TaskListModel::DependsColumn, QHeaderView::ResizeToContents);
    m_newTask->setObjectName(QStringLiteral("newTaskButton"));
    m_newTask->setEnabled(false);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_view);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_newTask, 0, Qt::AlignLeft);

    connect(m_newTask, &QPushButton::clicked, this, &TaskListPanel::newTask);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (m_session && current.isValid())
                    m_session->selectTask(current.data(TaskListModel::TaskIdRole).toString());
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this]() {
        updateEmptyState();
        syncSelection();
    });
    updateEmptyState();
}

void TaskListPanel::setSession(RepositorySession *session, RunTracker *tracker)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_model->setSession(session, tracker);
    m_newTask->setEnabled(session != nullptr);
    if (session)
        connect(session, &RepositorySession::currentTaskChanged, this, &TaskListPanel::syncSelection);
    updateEmptyState();
}

void TaskListPanel::updateEmptyState()
{
    if (!m_session) {
        m_empty->setText(tr("No repository is open"), tr("Open a repository to see its tasks."));
        m_stack->setCurrentWidget(m_empty);
    } else if (m_model->rowCount() == 0) {
        m_empty->setText(tr("No tasks yet"),
                         tr("A task is a contract: a goal, acceptance criteria, a scope and a budget. "
                            "Create one with \"New Task…\"."));
        m_stack->setCurrentWidget(m_empty);
    } else {
        m_stack->setCurrentWidget(m_view);
    }
}

void TaskListPanel::syncSelection()
{
    if (!m_session)
        return;
    const int row = m_model->rowOfTask(m_session->currentTaskId());
    const QModelIndex current = m_view->currentIndex();
    if (row >= 0 && current.row() != row)
        m_view->setCurrentIndex(m_model->index(row, 0));
}

void TaskListPanel::newTask()
{
    if (!m_session)
        return;
    TaskEditDialog dialog(this);
    dialog.setWindowTitle(tr("New Task"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Task task = dialog.task().value();
    const QString actor = RepositorySession::userActor();
    m_session->worker()->post(
            this, [task, actor](Store &store) { return TaskService(store).addTask(task, actor); },
            [this](const Result<Task> &added) {
                if (!added) {
                    Q_EMIT errorOccurred(tr("The task could not be saved: %1").arg(added.errorText()));
                    return;
                }
                m_session->selectTask(added->id);
                m_session->refresh();
                Q_EMIT taskAdded(added->id);
            });
}

} // namespace harness::ui
