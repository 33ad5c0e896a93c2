// changeTasks: the SQL stores run the transaction on the calling thread's connection (SqlStore::changeTasks).
#include "tasktransaction.h"
#include "sqlstore.h"

namespace harness {

Result<QList<Event>> changeTasks(Store &store, const std::function<Status(TaskTransaction &)> &work)
{
    if (auto *sql = dynamic_cast<SqlStore *>(&store))
        return sql->changeTasks(work);
    return Result<QList<Event>>::failure(
            QStringLiteral("The store at %1 cannot change tasks in one transaction.")
                    .arg(store.location().describe()));
}

} // namespace harness
