// SqlStore: tasks, runs, approvals and the event log in SQLite or PostgreSQL. Writes other than events
// are single statements or write-locked transactions, so ids stay unique across processes.
#include "sqlstore.h"
#include "eventrow.h"
#include "postgresschema.h"
#include "sqliteschema.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QVariant>

namespace harness {

namespace {

// "T12" -> 12 for prefix 'T'; 0 when the id has another shape.
qint64 idNumber(const QString &id, QChar prefix)
{
    if (id.size() < 2 || id.at(0) != prefix)
        return 0;
    bool ok = false;
    const qint64 n = id.mid(1).toLongLong(&ok);
    return ok && n > 0 ? n : 0;
}

QString jsonText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObject(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}

template<typename T>
QFuture<Result<T>> readyFuture(Result<T> value)
{
    QPromise<Result<T>> promise;
    promise.start();
    promise.addResult(std::move(value));
    promise.finish();
    return promise.future();
}

// The stored row -> value, with the id and creation time taken from the row's own columns.
template<typename T>
Result<T> fromRow(const QSqlQuery &q, QChar prefix)
{
    QJsonObject o = jsonObject(q.value(2));
    o.insert(QStringLiteral("id"), QString(prefix) + QString::number(q.value(0).toLongLong()));
    o.insert(QStringLiteral("created"), q.value(1).toString());
    return T::fromJson(o);
}

// "a task id (T1, T2, ...)"
QString idShape(const QString &noun, QChar prefix)
{
    const bool vowel = QStringLiteral("aeiou").contains(noun.at(0));
    return QStringLiteral("%1 %2 id (%3%4, %3%5, ...)")
            .arg(vowel ? QStringLiteral("an") : QStringLiteral("a"), noun, QString(prefix))
            .arg(1)
            .arg(2);
}

} // namespace

SqlStore::SqlStore(const StoreLocation &location)
    : m_location(location), m_connections(location),
      m_notifier(std::make_unique<StoreNotifier>(m_connections))
{
    m_connections.setChangeHook(
            [notifier = m_notifier.get()](const QStringList &keys) { notifier->changedHere(keys); });
}

SqlStore::~SqlStore()
{
    m_writer.reset(); // commits what is queued before the connections go
    m_connections.setChangeHook({});
    m_notifier.reset(); // its thread closes its own connection
}

void SqlStore::setOrigin(const QString &runner, const QString &host)
{
    m_writer->setOrigin(runner, host.isEmpty() ? QSysInfo::machineHostName() : host);
}

Result<std::unique_ptr<SqlStore>> SqlStore::open(const StoreLocation &location)
{
    using R = Result<std::unique_ptr<SqlStore>>;
    const bool sqlite = location.backend == StoreLocation::Backend::Sqlite;
    if (sqlite && location.sqlitePath.trimmed().isEmpty())
        return R::failure(QStringLiteral("No SQLite store path was given."));
    if (!sqlite && location.postgresHost.isEmpty())
        return R::failure(
                QStringLiteral(
                        "Cannot open the store: %1 has no host. Fix HARNESS_STORE or the store setting "
                        "(postgres://user@host:port/database).")
                        .arg(location.describe()));
    std::unique_ptr<SqlStore> store(new SqlStore(location));
    if (sqlite) {
        const QFileInfo file(location.sqlitePath);
        if (!QDir().mkpath(file.absolutePath()))
            return R::failure(
                    QStringLiteral("Cannot create the folder %1 for %2. Check its permissions or set "
                                   "HARNESS_STORE to a writable path.")
                            .arg(file.absolutePath(), location.describe()));
        if (file.exists() && file.isDir())
            return R::failure(
                    QStringLiteral("%1 is a folder, not a database file.").arg(location.describe()));
    }
    auto db = store->db();
    if (!db)
        return R::failure(db.errorText());
    auto found = sqlite ? SqliteSchema::inspect(*db, location.describe())
                        : PostgresSchema::inspect(*db, location.describe());
    if (!found)
        return R(found.error());
    auto upgraded = sqlite ? SqliteSchema::upgrade(*db, location.describe())
                           : PostgresSchema::upgrade(*db, store->m_connections, location.describe());
    if (!upgraded)
        return R(upgraded.error());
    store->m_schemaVersion = *upgraded;
    store->m_writer = std::make_unique<EventLogWriter>(store->m_connections);
    store->setOrigin(QString(), QString());
    return R(std::move(store));
}

Result<QSqlDatabase> SqlStore::db()
{
    return m_connections.forCurrentThread();
}

Result<QSqlQuery> SqlStore::execute(const QString &sql, const QVariantList &values, const QString &doing)
{
    return m_connections.execute(sql, values, doing);
}

template<typename T>
Result<T> SqlStore::readRow(const QString &table, const QString &id, QChar prefix, const QString &noun)
{
    const qint64 num = idNumber(id, prefix);
    if (num == 0)
        return Result<T>::failure(QStringLiteral("\"%1\" is not %2").arg(id, idShape(noun, prefix)),
                                  QStringLiteral("id"));
    auto q = execute(QStringLiteral("SELECT num, created, data FROM %1 WHERE num = ?").arg(table), {num},
                     QStringLiteral("read %1 %2 from").arg(noun, id));
    if (!q)
        return q.error();
    if (!q->next())
        return Result<T>::failure(QStringLiteral("There is no %1 %2 in %3.").arg(noun, id, where()));
    return fromRow<T>(*q, prefix);
}

template<typename T>
Result<QList<T>> SqlStore::readRows(QSqlQuery &q, const QString &noun, QChar prefix)
{
    QList<T> out;
    while (q.next()) {
        auto row = fromRow<T>(q, prefix);
        if (!row)
            return Result<QList<T>>::failure(QStringLiteral("%1 %2%3 in %4 is unreadable: %5")
                                                     .arg(noun.at(0).toUpper() + noun.mid(1), QString(prefix))
                                                     .arg(q.value(0).toLongLong())
                                                     .arg(where(), row.errorText()));
        out.append(std::move(*row));
    }
    return out;
}

// ---- tasks ----

Result<Task> SqlStore::addTask(Task task)
{
    task.id.clear();
    task.created = EventRow::normalizedTime(QDateTime::currentDateTimeUtc());
    auto valid = Task::fromJson(task.toJson());
    if (!valid)
        return valid.error();
    auto q = execute(
            QStringLiteral(
                    "INSERT INTO tasks (title, state, created, data) VALUES (?, ?, ?, ?) RETURNING num"),
            {task.title, taskStateName(task.state), EventRow::timeText(task.created),
             jsonText(task.toJson())},
            QStringLiteral("add the task to"));
    if (!q)
        return q.error();
    if (!q->next())
        return Result<Task>::failure(QStringLiteral("%1 gave the new task no number.").arg(where()));
    task.id = QStringLiteral("T%1").arg(q->value(0).toLongLong());
    m_connections.announce({StoreNotifier::kTasks});
    return task;
}

Status SqlStore::updateTask(const Task &task)
{
    auto valid = Task::fromJson(task.toJson());
    if (!valid)
        return valid.error();
    const qint64 num = idNumber(task.id, QLatin1Char('T'));
    if (num == 0)
        return Status::failure(QStringLiteral("\"%1\" is not %2")
                                       .arg(task.id, idShape(QStringLiteral("task"), QLatin1Char('T'))),
                               QStringLiteral("id"));
    auto q = execute(QStringLiteral("UPDATE tasks SET title = ?, state = ?, data = ? WHERE num = ?"),
                     {task.title, taskStateName(task.state), jsonText(task.toJson()), num},
                     QStringLiteral("update task %1 in").arg(task.id));
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Status::failure(QStringLiteral("There is no task %1 in %2.").arg(task.id, where()));
    m_connections.announce({StoreNotifier::kTasks});
    return success();
}

Result<Task> SqlStore::task(const QString &id)
{
    return readRow<Task>(QStringLiteral("tasks"), id, QLatin1Char('T'), QStringLiteral("task"));
}

Result<QList<Task>> SqlStore::tasks()
{
    auto q = execute(QStringLiteral("SELECT num, created, data FROM tasks ORDER BY num"), {},
                     QStringLiteral("read the tasks from"));
    if (!q)
        return q.error();
    return readRows<Task>(*q, QStringLiteral("task"), QLatin1Char('T'));
}

// ---- runs ----

Result<Run> SqlStore::addRun(Run run)
{
    if (idNumber(run.taskId, QLatin1Char('T')) == 0)
        return Result<Run>::failure(
                QStringLiteral("\"%1\" is not %2")
                        .arg(run.taskId, idShape(QStringLiteral("task"), QLatin1Char('T'))),
                QStringLiteral("task"));
    auto owner = task(run.taskId);
    if (!owner)
        return Result<Run>::failure(QStringLiteral("Cannot add a run: %1").arg(owner.errorText()),
                                    QStringLiteral("task"));
    run.id.clear();
    run.created = EventRow::normalizedTime(QDateTime::currentDateTimeUtc());
    auto q = execute(
            QStringLiteral("INSERT INTO runs (task_id, created, data) VALUES (?, ?, ?) RETURNING num"),
            {run.taskId, EventRow::timeText(run.created), jsonText(run.toJson())},
            QStringLiteral("add the run to"));
    if (!q)
        return q.error();
    if (!q->next())
        return Result<Run>::failure(QStringLiteral("%1 gave the new run no number.").arg(where()));
    run.id = QStringLiteral("R%1").arg(q->value(0).toLongLong());
    m_connections.announce({run.id, StoreNotifier::kTasks});
    return run;
}

Status SqlStore::updateRun(const Run &run)
{
    auto valid = Run::fromJson(run.toJson());
    if (!valid)
        return valid.error();
    const qint64 num = idNumber(run.id, QLatin1Char('R'));
    if (num == 0)
        return Status::failure(QStringLiteral("\"%1\" is not %2")
                                       .arg(run.id, idShape(QStringLiteral("run"), QLatin1Char('R'))),
                               QStringLiteral("id"));
    auto q = execute(QStringLiteral("UPDATE runs SET task_id = ?, data = ? WHERE num = ?"),
                     {run.taskId, jsonText(run.toJson()), num},
                     QStringLiteral("update run %1 in").arg(run.id));
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Status::failure(QStringLiteral("There is no run %1 in %2.").arg(run.id, where()));
    m_connections.announce({run.id});
    return success();
}

Result<Run> SqlStore::run(const QString &id)
{
    return readRow<Run>(QStringLiteral("runs"), id, QLatin1Char('R'), QStringLiteral("run"));
}

Result<QList<Run>> SqlStore::runs(const QString &taskId)
{
    auto q = taskId.isEmpty()
            ? execute(QStringLiteral("SELECT num, created, data FROM runs ORDER BY num"), {},
                      QStringLiteral("read the runs from"))
            : execute(QStringLiteral("SELECT num, created, data FROM runs WHERE task_id = ? ORDER BY num"),
                      {taskId}, QStringLiteral("read the runs from"));
    if (!q)
        return q.error();
    return readRows<Run>(*q, QStringLiteral("run"), QLatin1Char('R'));
}

// ---- event log ----

QFuture<Result<QList<Event>>> SqlStore::appendAsync(QList<Event> events)
{
    for (qsizetype i = 0; i < events.size(); ++i) {
        const Event &e = events.at(i);
        if (i > 0 && e.kind == events.at(i - 1).kind && e.actor == events.at(i - 1).actor)
            continue; // as valid as the one before it
        if (Status valid = EventRow::validate(e, i); !valid)
            return readyFuture(Result<QList<Event>>(valid.error()));
    }
    if (m_beforeAppend && !events.isEmpty()) {
        if (Status ready = m_beforeAppend(events); !ready)
            return readyFuture(Result<QList<Event>>(ready.error()));
    }
    return m_writer->enqueue(std::move(events));
}

Status SqlStore::flush()
{
    auto done = m_writer->enqueue({}).result();
    if (!done)
        return done.error();
    return success();
}

Result<QList<Event>> SqlStore::events(const QString &runId, qint64 fromSeq, qint64 toSeq, int limit)
{
    // A run's engine reads its new events before every step: the statement is prepared once per
    // connection, and reset after the read so it holds no snapshot between steps.
    static const QString sql =
            QStringLiteral(
                    "SELECT %1 FROM events WHERE run_id = ? AND seq >= ? AND seq <= ? ORDER BY seq LIMIT ?")
                    .arg(EventRow::columns());
    auto q = m_connections.executeKept(sql,
                                       {EventRow::text(runId), fromSeq,
                                        toSeq < 0 ? std::numeric_limits<qint64>::max() : toSeq,
                                        limit < 0 ? std::numeric_limits<qint64>::max() : qint64(limit)},
                                       QStringLiteral("read the events of run \"%1\" from").arg(runId));
    if (!q)
        return q.error();
    QSqlQuery &rows = **q;
    QList<Event> out;
    while (rows.next())
        out.append(EventRow::read(rows));
    rows.finish();
    return out;
}

namespace {
// The rows of a log read, up to limit (< 0: all), each through read.
QList<Event> readEvents(QSqlQuery &query, int limit, Event (*read)(const QSqlQuery &))
{
    QList<Event> out;
    if (limit > 0)
        out.reserve(limit);
    while (query.next())
        out.append(read(query));
    return out;
}
} // namespace

Result<QList<Event>> SqlStore::eventsFromLog(qint64 fromLogId, int limit)
{
    auto q = execute(QStringLiteral("SELECT %1 FROM events WHERE log_id >= ? ORDER BY log_id LIMIT ?")
                             .arg(EventRow::columns()),
                     {fromLogId, limit < 0 ? std::numeric_limits<qint64>::max() : qint64(limit)},
                     QStringLiteral("read the event log from"));
    if (!q)
        return q.error();
    return readEvents(*q, limit, EventRow::read);
}

Result<QList<Event>> SqlStore::eventHeadsFromLog(qint64 fromLogId, int limit, const QStringList &payloadKinds)
{
    QVariantList values;
    QStringList marks;
    for (const QString &kind : payloadKinds) {
        values << kind;
        marks << QStringLiteral("?");
    }
    const QString payload = marks.isEmpty()
            ? QStringLiteral("NULL")
            : QStringLiteral("CASE WHEN kind IN (%1) THEN payload END").arg(marks.join(QLatin1Char(',')));
    values << fromLogId << (limit < 0 ? std::numeric_limits<qint64>::max() : qint64(limit));
    auto q = execute(QStringLiteral("SELECT log_id, run_id, seq, time, actor, kind, %1 FROM events WHERE "
                                    "log_id >= ? ORDER BY log_id LIMIT ?")
                             .arg(payload),
                     values, QStringLiteral("read the event log from"));
    if (!q)
        return q.error();
    return readEvents(*q, limit, EventRow::readHead);
}

Result<qint64> SqlStore::eventCount(const QString &runId)
{
    auto q = execute(QStringLiteral("SELECT count(*) FROM events WHERE run_id = ?"), {EventRow::text(runId)},
                     QStringLiteral("count the events in"));
    if (!q)
        return q.error();
    if (!q->next())
        return Result<qint64>::failure(QStringLiteral("Cannot count the events in %1.").arg(where()));
    return q->value(0).toLongLong();
}

Result<qint64> SqlStore::lastLogId()
{
    auto q = execute(QStringLiteral("SELECT COALESCE(MAX(log_id), 0) FROM events"), {},
                     QStringLiteral("read the event log of"));
    if (!q)
        return q.error();
    if (!q->next())
        return Result<qint64>::failure(QStringLiteral("Cannot read the event log of %1.").arg(where()));
    return q->value(0).toLongLong();
}

// ---- approvals ----

Result<Approval> SqlStore::addApproval(Approval approval)
{
    approval.id.clear();
    approval.state = ApprovalState::Pending;
    approval.decidedBy.clear();
    approval.feedback.clear();
    approval.decided = {};
    approval.created = EventRow::normalizedTime(QDateTime::currentDateTimeUtc());
    auto valid = Approval::fromJson(approval.toJson());
    if (!valid)
        return valid.error();
    auto q =
            execute(QStringLiteral("INSERT INTO approvals (run_id, kind, state, subject_hash, created, data) "
                                   "VALUES (?, ?, ?, ?, ?, ?) RETURNING num"),
                    {approval.runId, approvalKindName(approval.kind), approvalStateName(approval.state),
                     EventRow::text(approval.subjectHash), EventRow::timeText(approval.created),
                     jsonText(approval.toJson())},
                    QStringLiteral("add the approval to"));
    if (!q)
        return q.error();
    if (!q->next())
        return Result<Approval>::failure(QStringLiteral("%1 gave the new approval no number.").arg(where()));
    approval.id = QStringLiteral("A%1").arg(q->value(0).toLongLong());
    m_connections.announce({approval.runId, StoreNotifier::kApprovals});
    return approval;
}

Result<Approval> SqlStore::approval(const QString &id)
{
    return readRow<Approval>(QStringLiteral("approvals"), id, QLatin1Char('A'), QStringLiteral("approval"));
}

Result<QList<Approval>> SqlStore::approvals(bool pendingOnly, const QString &runId)
{
    QString sql = QStringLiteral("SELECT num, created, data FROM approvals WHERE 1 = 1");
    QVariantList values;
    if (pendingOnly)
        sql += QStringLiteral(" AND state = 'pending'");
    if (!runId.isEmpty()) {
        sql += QStringLiteral(" AND run_id = ?");
        values << runId;
    }
    sql += QStringLiteral(" ORDER BY num");
    auto q = execute(sql, values, QStringLiteral("read the approvals from"));
    if (!q)
        return q.error();
    return readRows<Approval>(*q, QStringLiteral("approval"), QLatin1Char('A'));
}

Result<Approval> SqlStore::decideApproval(const QString &id, ApprovalState decision, const QString &actor,
                                          const QString &feedback, const QByteArray &expectedSubjectHash)
{
    using R = Result<Approval>;
    if (decision == ApprovalState::Pending)
        return R::failure(
                QStringLiteral("A decision must be approved, rejected or changes_requested, not pending."),
                QStringLiteral("decision"));
    if (!isValidActor(actor))
        return R::failure(QStringLiteral("\"%1\" must be human:<name>, agent:<model> or harness").arg(actor),
                          QStringLiteral("actor"));
    const qint64 num = idNumber(id, QLatin1Char('A'));
    if (num == 0)
        return R::failure(QStringLiteral("\"%1\" is not %2")
                                  .arg(id, idShape(QStringLiteral("approval"), QLatin1Char('A'))),
                          QStringLiteral("id"));
    auto db = this->db();
    if (!db)
        return db.error();
    QSqlQuery control(*db);
    // The check and the update form one write transaction: two deciders (a workbench and
    // `harness approve` in another shell) cannot both decide the same approval.
    if (Status locked = m_connections.beginWrite(*db); !locked) {
        control = QSqlQuery();
        const bool alive = m_connections.isAlive(*db);
        db = Result<QSqlDatabase>::failure(QString());
        if (!alive)
            m_connections.dropCurrentThread(); // the next try connects again
        return R::failure(
                QStringLiteral("Cannot lock %1 to decide %2: %3").arg(where(), id, locked.errorText()));
    }
    auto abort = [&](R result) {
        control.exec(QStringLiteral("ROLLBACK"));
        return result;
    };
    QSqlQuery q(*db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT num, created, data FROM approvals WHERE num = ?"));
    q.addBindValue(num);
    if (!q.exec())
        return abort(R::failure(QStringLiteral("Cannot read approval %1 from %2: %3")
                                        .arg(id, where(), q.lastError().text())));
    if (!q.next())
        return abort(R::failure(QStringLiteral("There is no approval %1 in %2.").arg(id, where())));
    auto current = fromRow<Approval>(q, QLatin1Char('A'));
    q.finish();
    if (!current)
        return abort(current);
    Approval a = *current;
    if (!a.isPending())
        return abort(R::failure(
                QStringLiteral("Approval %1 was already decided (%2 by %3); it is no longer pending, so it "
                               "cannot be decided again.")
                        .arg(id, approvalStateName(a.state), a.decidedBy)));
    if (!expectedSubjectHash.isEmpty() && expectedSubjectHash != a.subjectHash)
        return abort(R::failure(
                QStringLiteral("Approval %1 was made for a different subject (hash %2) than the one you "
                               "reviewed (hash %3). Review the current subject and decide again.")
                        .arg(id, QString::fromLatin1(a.subjectHash.left(12)),
                             QString::fromLatin1(expectedSubjectHash.left(12))),
                QStringLiteral("subject_hash")));
    a.state = decision;
    a.decidedBy = actor;
    a.feedback = feedback;
    a.decided = EventRow::normalizedTime(QDateTime::currentDateTimeUtc());
    QSqlQuery u(*db);
    u.prepare(QStringLiteral("UPDATE approvals SET state = ?, data = ? WHERE num = ?"));
    u.addBindValue(approvalStateName(a.state));
    u.addBindValue(jsonText(a.toJson()));
    u.addBindValue(num);
    if (!u.exec())
        return abort(R::failure(QStringLiteral("Cannot record the decision on %1 in %2: %3")
                                        .arg(id, where(), u.lastError().text())));
    if (!control.exec(QStringLiteral("COMMIT")))
        return abort(R::failure(QStringLiteral("Cannot commit the decision on %1 in %2: %3")
                                        .arg(id, where(), control.lastError().text())));
    // The waiting run hears of it at once, in this process and (NOTIFY) in every other.
    m_connections.announce({a.runId, StoreNotifier::kApprovals});
    return a;
}

// ---- audit chain ----

Result<ChainVerification> SqlStore::verifyChain()
{
    auto db = this->db();
    if (!db)
        return db.error();
    QSqlQuery q(*db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM events ORDER BY log_id").arg(EventRow::columns())))
        return Result<ChainVerification>::failure(
                QStringLiteral("Cannot read the event log of %1: %2").arg(where(), q.lastError().text()));
    ChainVerification v;
    QByteArray previousHash;
    qint64 previousLogId = 0;
    while (q.next()) {
        const Event e = EventRow::read(q);
        ++v.eventsChecked;
        QString broken;
        if (e.prevHash != previousHash) {
            broken = previousLogId == 0
                    ? QStringLiteral("event %1 is the first in the log but names a predecessor (prev_hash "
                                     "%2): events "
                                     "before it were removed")
                              .arg(e.logId)
                              .arg(QString::fromLatin1(e.prevHash.left(12)))
                    : QStringLiteral("event %1 names prev_hash %2, but its predecessor (event %3) has hash "
                                     "%4: an event "
                                     "between them was removed or inserted, or the predecessor was rewritten")
                              .arg(e.logId)
                              .arg(QString::fromLatin1(e.prevHash.left(12)))
                              .arg(previousLogId)
                              .arg(QString::fromLatin1(previousHash.left(12)));
        } else if (e.computeHash() != e.hash) {
            broken = QStringLiteral(
                             "event %1's content does not match its stored hash: it was changed after it was "
                             "written")
                             .arg(e.logId);
        }
        if (!broken.isEmpty()) {
            v.intact = false;
            v.firstBrokenLogId = e.logId;
            v.reason = broken;
            return v;
        }
        previousHash = e.hash;
        previousLogId = e.logId;
    }
    return v;
}

} // namespace harness
