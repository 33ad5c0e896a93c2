// UiFixture: what the workbench view tests share — a real git repository in a QTemporaryDir with a real
// SQLite store, helpers that fill the store the way the engine does (tasks, runs, events, approvals),
// and a RepositorySession over it whose first snapshot has arrived.
#pragma once

#include "common/repositorysession.h"
#include "core/plan.h"
#include "store/store.h"

#include <QDir>
#include <QJsonArray>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace harness::ui::test {

class UiFixture
{
public:
    UiFixture()
    {
        // Keep QSettings (recent list, geometry) and XDG data inside the scratch folder.
        QStandardPaths::setTestModeEnabled(true);
        qputenv("XDG_DATA_HOME", QByteArray(m_dir.path().toUtf8() + "/xdg-data"));
        repo = m_dir.path() + QStringLiteral("/repo");
        QDir().mkpath(repo);
        git({QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        auto opened = Store::open(StoreLocation::sqlite(m_dir.path() + QStringLiteral("/state.sqlite")));
        if (!opened)
            qFatal("store: %s", qPrintable(opened.errorText()));
        store = std::shared_ptr<Store>(std::move(opened.value()));
    }

    QString path(const QString &name) const { return m_dir.path() + QLatin1Char('/') + name; }
    QString storePath() const { return path(QStringLiteral("state.sqlite")); }

    void git(const QStringList &args) const
    {
        QProcess p;
        p.setWorkingDirectory(repo);
        p.start(QStringLiteral("git"), args);
        p.waitForFinished(30000);
    }

    RepositorySession *session(QObject *parent = nullptr)
    {
        auto *s = new RepositorySession(repo, store, parent);
        s->setPollInterval(100);
        s->waitForRefresh();
        return s;
    }

    Task addTask(const QString &title, const QStringList &dependsOn = {}, TaskState state = TaskState::Open)
    {
        Task t;
        t.title = title;
        t.contract.goal = QStringLiteral("Goal of ") + title;
        t.contract.criteria = {{QStringLiteral("tests pass"), QStringLiteral("ctest")}};
        t.contract.scope = {QStringLiteral("src/**")};
        t.contract.budget.maxTokens = 100000;
        t.contract.budget.maxCost = 2.0;
        t.dependsOn = dependsOn;
        t.state = state;
        auto added = store->addTask(t);
        if (!added)
            qFatal("addTask: %s", qPrintable(added.errorText()));
        return *added;
    }

    Run addRun(const QString &taskId)
    {
        Run r;
        r.taskId = taskId;
        r.baseRef = QStringLiteral("main");
        r.targetBranch = QStringLiteral("main");
        auto added = store->addRun(r);
        if (!added)
            qFatal("addRun: %s", qPrintable(added.errorText()));
        r = *added;
        r.branch = QStringLiteral("harness/%1/%2").arg(taskId, r.id);
        if (const Status updated = store->updateRun(r); !updated)
            qFatal("updateRun: %s", qPrintable(updated.errorText()));
        return r;
    }

    // `at` sets the event's time (invalid: now).
    Event append(const QString &runId, const QString &actor, const QString &kind,
                 const QJsonObject &payload = {}, const QDateTime &at = {})
    {
        Event made = Event::make(runId, actor, kind, payload);
        if (at.isValid())
            made.time = at;
        auto e = store->append(made);
        if (!e)
            qFatal("append: %s", qPrintable(e.errorText()));
        return *e;
    }

    static Plan samplePlan()
    {
        Plan p;
        p.summary = QStringLiteral("Add a Kelvin conversion with tests");
        p.steps = {{QStringLiteral("Add kelvin_to_celsius"), {QStringLiteral("src/units.py")}},
                   {QStringLiteral("Test the conversion"), {QStringLiteral("tests/test_units.py")}}};
        p.risks = {QStringLiteral("Rounding of negative temperatures")};
        p.testsToAdd = {QStringLiteral("test_kelvin_zero")};
        return p;
    }

    Approval addPlanApproval(const QString &runId, const Plan &plan = samplePlan())
    {
        Approval a;
        a.runId = runId;
        a.kind = ApprovalKind::Plan;
        a.subject = plan.toJson();
        a.subjectHash = plan.hash();
        auto added = store->addApproval(a);
        if (!added)
            qFatal("addApproval: %s", qPrintable(added.errorText()));
        return *added;
    }

private:
    QTemporaryDir m_dir; // declared first: destroyed last, after the store has closed

public:
    QString repo;
    std::shared_ptr<Store> store;
};

// Fetches every page of a lazily filled model (AuditModel, EventListModel) and waits for the last one.
template<typename LazyModel>
void drainFetches(LazyModel &model)
{
    while (model.canFetchMore({}) || model.isFetching()) {
        if (model.canFetchMore({}))
            model.fetchMore({});
        QTest::qWait(5);
    }
}

} // namespace harness::ui::test
