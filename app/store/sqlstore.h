// SqlStore: the Store over Qt Sql — the embedded SQLite file in WAL mode, or a PostgreSQL database for
// teams; both shared safely by several processes (a headless run, a workbench, `harness approve`).
#pragma once

#include "eventlogwriter.h"
#include "runnerroster.h"
#include "runqueue.h"
#include "sqlconnections.h"
#include "store.h"
#include "storenotifier.h"
#include "tasktransaction.h"

#include <QSqlQuery>
#include <QVariantList>

namespace harness {

class SqlStore final : public Store
{
public:
    // Opens or creates the store, refusing a newer, foreign or corrupt one (left untouched).
    static Result<std::unique_ptr<SqlStore>> open(const StoreLocation &location);
    ~SqlStore() override;

    StoreLocation location() const override { return m_location; }
    int schemaVersion() const override { return m_schemaVersion; }

    Result<Task> addTask(Task task) override;
    Status updateTask(const Task &task) override;
    Result<Task> task(const QString &id) override;
    Result<QList<Task>> tasks() override;
    // See changeTasks() in tasktransaction.h.
    Result<QList<Event>> changeTasks(const std::function<Status(TaskTransaction &)> &work);

    Result<Run> addRun(Run run) override;
    Status updateRun(const Run &run) override;
    Result<Run> run(const QString &id) override;
    Result<QList<Run>> runs(const QString &taskId = {}) override;

    QFuture<Result<QList<Event>>> appendAsync(QList<Event> events) override;
    Status flush() override;
    Result<QList<Event>> events(const QString &runId, qint64 fromSeq = 1, qint64 toSeq = -1,
                                int limit = -1) override;
    Result<QList<Event>> eventsFromLog(qint64 fromLogId, int limit) override;
    Result<QList<Event>> eventHeadsFromLog(qint64 fromLogId, int limit,
                                           const QStringList &payloadKinds) override;
    Result<qint64> eventCount(const QString &runId) override;
    Result<qint64> lastLogId() override;

    Result<Approval> addApproval(Approval approval) override;
    Result<Approval> approval(const QString &id) override;
    Result<QList<Approval>> approvals(bool pendingOnly, const QString &runId = {}) override;
    Result<Approval> decideApproval(const QString &id, ApprovalState decision, const QString &actor,
                                    const QString &feedback,
                                    const QByteArray &expectedSubjectHash = {}) override;

    Result<ChainVerification> verifyChain() override;

    RunQueue &queue() override { return m_queue; }
    RunnerRoster &roster() override { return m_roster; }
    StoreNotifier &notifier() override { return *m_notifier; }
    void setOrigin(const QString &runner, const QString &host) override;
    void setFence(const QString &runId, qint64 token) override { m_writer->setFence(runId, token); }
    void clearFence(const QString &runId) override { m_writer->clearFence(runId); }
    void setBeforeAppend(BeforeAppend hook) override { m_beforeAppend = std::move(hook); }

private:
    explicit SqlStore(const StoreLocation &location);
    Result<QSqlDatabase> db();
    QString where() const { return m_location.describe(); }
    // Prepares the statement on this thread's connection, binds the values in order and runs it; a
    // failure reads "Cannot <doing> <where>: <driver message>" (doing ends in "to", "in" or "from").
    Result<QSqlQuery> execute(const QString &sql, const QVariantList &values, const QString &doing);
    // One row by its number ("There is no task T9 in ..." when absent), and every row in order.
    template<typename T>
    Result<T> readRow(const QString &table, const QString &id, QChar prefix, const QString &noun);
    template<typename T>
    Result<QList<T>> readRows(QSqlQuery &q, const QString &noun, QChar prefix);

    StoreLocation m_location;
    int m_schemaVersion = 0;
    SqlConnections m_connections;
    RunQueue m_queue {m_connections};
    RunnerRoster m_roster {m_connections};
    std::unique_ptr<StoreNotifier> m_notifier;
    std::unique_ptr<EventLogWriter> m_writer;
    BeforeAppend m_beforeAppend;
};

} // namespace harness
