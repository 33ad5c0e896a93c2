// TimelinePanel: wires the loader (store thread) to the painted view and the lazy event table.
#include "timelinepanel.h"
#include "common/emptystate.h"
#include "common/repositorysession.h"
#include "eventlistmodel.h"
#include "eventtext.h"
#include "timelineloader.h"
#include "timelineview.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace harness::ui {

TimelinePanel::TimelinePanel(QWidget *parent)
    : QWidget(parent), m_view(new TimelineView(this)), m_stack(new QStackedWidget(this)),
      m_empty(new EmptyState(tr("No repository is open"), {}, this)), m_status(new QLabel(this)),
      m_summary(new QLabel(this)), m_events(new EventListModel(this)), m_table(new QTableView(this)),
      m_detail(new QPlainTextEdit(this)), m_raw(new QToolButton(this))
{
    setObjectName(QStringLiteral("timelinePanel"));
    auto *bar = new QHBoxLayout;
    auto button = [this, bar](const QString &text, const QString &tip, auto slot) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        bar->addWidget(b);
        connect(b, &QToolButton::clicked, m_view, slot);
        return b;
    };
    button(tr("Zoom In"), tr("Zoom in on the time axis (Ctrl+wheel)"), &TimelineView::zoomIn);
    button(tr("Zoom Out"), tr("Zoom out on the time axis (Ctrl+wheel)"), &TimelineView::zoomOut);
    button(tr("Fit"), tr("Show the whole time span"), &TimelineView::zoomToFit);
    button(tr("Now"), tr("Scroll to the newest events and follow them"), &TimelineView::scrollToEnd);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    bar->addWidget(m_status, 1);

    m_summary->setObjectName(QStringLiteral("timelineBarSummary"));
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Select a bar to see what went into the context, the model's response, tool calls, "
                          "logs, tokens and cost."));
    m_table->setObjectName(QStringLiteral("timelineEvents"));
    m_table->setModel(m_events);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(20);
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int c : {int(EventListModel::SeqColumn), int(EventListModel::TimeColumn),
                  int(EventListModel::ActorColumn), int(EventListModel::KindColumn)})
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_table->setWordWrap(false);
    m_detail->setObjectName(QStringLiteral("timelineEventDetail"));
    m_detail->setReadOnly(true);
    m_detail->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    m_raw->setObjectName(QStringLiteral("rawJsonButton"));
    m_raw->setText(tr("Raw JSON"));
    m_raw->setToolTip(tr("Show the event exactly as the log stores it"));
    m_raw->setCheckable(true);
    auto *detailPane = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->setSpacing(2);
    auto *detailBar = new QHBoxLayout;
    detailBar->addStretch(1);
    detailBar->addWidget(m_raw);
    detailLayout->addLayout(detailBar);
    detailLayout->addWidget(m_detail, 1);
    auto *details = new QSplitter(Qt::Horizontal, this);
    details->addWidget(m_table);
    details->addWidget(detailPane);
    details->setStretchFactor(0, 3);
    details->setStretchFactor(1, 2);
    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_summary);
    lowerLayout->addWidget(details, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(lower);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(split);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    connect(m_view, &TimelineView::barSelected, this, &TimelinePanel::onBarSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showEventDetail(current.row()); });
    connect(m_raw, &QToolButton::toggled, this, [this] { showEventDetail(m_table->currentIndex().row()); });
    connect(m_events, &EventListModel::fetched, this, [this]() {
        // Keep fetching while the table is not yet full.
        if (m_table->verticalScrollBar()->maximum() == 0 && m_events->canFetchMore({}))
            m_events->fetchMore({});
        if (!m_table->currentIndex().isValid() && m_events->rowCount() > 0)
            m_table->setCurrentIndex(m_events->index(0, 0));
    });
    setSession(nullptr);
}

void TimelinePanel::setSession(RepositorySession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    delete m_loader;
    m_loader = nullptr;
    m_session = session;
    m_events->setSession(session);
    m_view->setData({});
    m_detail->clear();
    if (!session) {
        m_empty->setText(tr("No repository is open"),
                         tr("Open a repository to see the timeline of its runs."));
        m_stack->setCurrentWidget(m_empty);
        m_status->clear();
        return;
    }
    m_empty->setText(tr("No runs yet"),
                     tr("When a task runs, each phase and iteration appears here as a bar, "
                        "live."));
    m_stack->setCurrentWidget(m_empty);
    m_loader = new TimelineLoader(session, this);
    connect(m_loader, &TimelineLoader::dataChanged, this, &TimelinePanel::onDataChanged);
    connect(m_loader, &TimelineLoader::loadError, this, [this](const QString &m) { m_status->setText(m); });
    connect(m_loader, &TimelineLoader::caughtUp, this, [this]() {
        m_status->setText(tr("%L1 events in %n lane(s)", nullptr, int(m_loader->data().lanes.size()))
                                  .arg(m_loader->data().eventsSeen));
    });
    connect(session, &RepositorySession::tasksChanged, this, [this]() {
        QHash<QString, QString> titles;
        for (const Task &t : m_session->tasks())
            titles.insert(t.id, t.title);
        m_view->setTaskTitles(titles);
    });
    connect(session, &RepositorySession::currentRunChanged, this, &TimelinePanel::selectRunBar);
    QHash<QString, QString> titles;
    for (const Task &t : session->tasks())
        titles.insert(t.id, t.title);
    m_view->setTaskTitles(titles);
}

void TimelinePanel::onDataChanged()
{
    const TimelineData &data = m_loader->data();
    m_view->setData(data);
    if (!data.isEmpty())
        m_stack->setCurrentIndex(1);
    if (m_loader->isCatchingUp())
        m_status->setText(tr("Reading the event log… %L1 events so far").arg(data.eventsSeen));
    if (const TimelineBar *b = m_view->selectedBar()) {
        if (b->open || m_events->rowCount() < b->events)
            m_events->markMayGrow();
        m_summary->setText(m_summary->property("prefix").toString() +
                           tr("%L1 events · %L2 tokens · $%3 · %n tool call(s)", nullptr, b->toolCalls)
                                   .arg(b->events)
                                   .arg(b->tokens)
                                   .arg(b->cost, 0, 'f', 4) +
                           (b->open ? tr(" · running") : QString()));
        if (m_events->canFetchMore({}) &&
            m_table->verticalScrollBar()->value() >= m_table->verticalScrollBar()->maximum())
            m_events->fetchMore({});
    }
    if (m_session && !m_session->currentRunId().isEmpty() && !m_view->selectedBar())
        selectRunBar(m_session->currentRunId());
}

void TimelinePanel::showRun(const QString &runId)
{
    const TimelineData &data = m_view->data();
    for (int lane = 0; lane < data.lanes.size(); ++lane)
        for (int i = int(data.lanes[lane].bars.size()) - 1; i >= 0; --i)
            if (data.lanes[lane].bars[i].runId == runId) {
                m_view->selectBar(lane, i);
                m_view->ensureBarVisible(lane, i);
                // The run's last events are where it stopped.
                if (m_events->rowCount() > 0)
                    m_table->scrollToBottom();
                return;
            }
}

void TimelinePanel::selectRunBar(const QString &runId)
{
    const TimelineBar *current = m_view->selectedBar();
    if (current && current->runId == runId)
        return;
    const TimelineData &data = m_view->data();
    for (int lane = 0; lane < data.lanes.size(); ++lane)
        for (int i = int(data.lanes[lane].bars.size()) - 1; i >= 0; --i)
            if (data.lanes[lane].bars[i].runId == runId) {
                m_view->selectBar(lane, i);
                return;
            }
}

void TimelinePanel::onBarSelected(int lane, int barIndex)
{
    const TimelineBar &b = m_view->data().lanes[lane].bars[barIndex];
    const QString prefix = tr("%1 · %2 · %3, iteration %4 — ")
                                   .arg(m_view->data().lanes[lane].taskId, b.runId, b.phase)
                                   .arg(b.iteration);
    m_summary->setProperty("prefix", prefix);
    m_summary->setText(prefix +
                       tr("%L1 events · %L2 tokens · $%3 · %n tool call(s)", nullptr, b.toolCalls)
                               .arg(b.events)
                               .arg(b.tokens)
                               .arg(b.cost, 0, 'f', 4) +
                       (b.open ? tr(" · running") : QString()));
    m_detail->clear();
    m_events->setRange(b.runId, b.fromSeq, b.open ? -1 : b.toSeq);
    m_events->fetchMore({});
    if (m_session)
        m_session->selectRun(b.runId);
    Q_EMIT barSelected(b.runId, b.fromSeq, b.toSeq);
}

void TimelinePanel::showEventDetail(int row)
{
    if (row < 0 || row >= m_events->rowCount()) {
        m_detail->clear();
        return;
    }
    const Event &e = m_events->event(row);
    const QString text = m_raw->isChecked() ? EventText::rawJson(e) : EventText::body(e);
    m_detail->setPlainText(text);
}

} // namespace harness::ui
