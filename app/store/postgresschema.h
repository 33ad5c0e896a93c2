// PostgresSchema: the schema of a PostgreSQL store (the same tables and version numbers as the SQLite
// store; a PostgreSQL store starts at version 2 and is upgraded in one transaction). A newer or foreign
// database is refused untouched.
#pragma once

#include "sqlconnections.h"

namespace harness {

class PostgresSchema
{
public:
    static constexpr int kCurrentVersion = 3;

    // Reads the version without writing anything (0 for an empty database).
    static Result<int> inspect(QSqlDatabase db, const QString &describedAs);
    // Creates or upgrades the schema under the store's write lock, so concurrent first opens are safe.
    static Result<int> upgrade(QSqlDatabase db, const SqlConnections &connections,
                               const QString &describedAs);
};

} // namespace harness
