// changeTasks: the SQL stores run the transaction on the calling thread's connection. SqlStore::changeTasks
// is defined here, beside the transaction it drives (sqlstore.cpp holds the store's single statements).
#include "tasktransaction.h"
#include "eventrow.h"
#include "sqlstore.h"

#include <QSqlError>
#include <QSqlQuery>

namespace harness {

namespace {
// The task operations of a transaction, on the store's connection of the calling thread (the one that
// holds the write lock).
class SqlTaskTransaction final : public TaskTransaction
{
public:
    explicit SqlTaskTransaction(SqlStore &store) : m_store(store) { }
    Result<QList<Task>> tasks() override { return m_store.tasks(); }
    Result<Task> addTask(Task task) override { return m_store.addTask(std::move(task)); }
    Status updateTask(const Task &task) override { return m_store.updateTask(task); }
    void record(Event event) override { events.append(std::move(event)); }
    QList<Event> events;

private:
    SqlStore &m_store;
};
} // namespace

Result<QList<Event>> SqlStore::changeTasks(const std::function<Status(TaskTransaction &)> &work)
{
    using R = Result<QList<Event>>;
    auto db = this->db();
    if (!db)
        return db.error();
    QSqlQuery control(*db);
    if (Status locked = m_connections.beginWrite(*db); !locked)
        return R::failure(
                QStringLiteral("Cannot lock %1 to change the tasks: %2").arg(where(), locked.errorText()));
    auto abort = [&](const Error &error) {
        control.exec(QStringLiteral("ROLLBACK"));
        return R(error);
    };
    SqlTaskTransaction transaction(*this);
    if (Status done = work(transaction); !done)
        return abort(done.error());
    for (qsizetype i = 0; i < transaction.events.size(); ++i) {
        if (Status valid = EventRow::validate(transaction.events.at(i), i); !valid)
            return abort(valid.error());
    }
    if (Status appended =
                EventLogWriter::appendInTransaction(*db, transaction.events, where(), m_writer->origin());
        !appended)
        return abort(appended.error());
    if (!control.exec(QStringLiteral("COMMIT")))
        return abort(Error {QStringLiteral("Cannot commit the task change in %1: %2")
                                    .arg(where(), control.lastError().text()),
                            {}});
    return transaction.events;
}

Result<QList<Event>> changeTasks(Store &store, const std::function<Status(TaskTransaction &)> &work)
{
    if (auto *sql = dynamic_cast<SqlStore *>(&store))
        return sql->changeTasks(work);
    return Result<QList<Event>>::failure(
            QStringLiteral("The store at %1 cannot change tasks in one transaction.")
                    .arg(store.location().describe()));
}

} // namespace harness
