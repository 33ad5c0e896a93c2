// SqliteEventInserter: the event log writer's INSERT run through SQLite's own API on the writer's Qt
// connection (same connection, same transaction), binding the UTF-8 fields as they are: Qt Sql's per-row
// binding (QVariant per value, UTF-16 text) was most of the cost of an append. Used only when Qt's SQLite
// driver runs on the very SQLite library this code links; otherwise the writer binds through QSqlQuery.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <array>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace harness {

class SqliteEventInserter
{
public:
    // The inserter on db's connection, or nothing (with the reason in *why) when the driver does not
    // share this process's SQLite library with this code, or the statement cannot be prepared.
    static std::unique_ptr<SqliteEventInserter> open(const QSqlDatabase &db, QString *why);
    ~SqliteEventInserter(); // finalizes the statement: call before the connection closes
    SqliteEventInserter(const SqliteEventInserter &) = delete;
    SqliteEventInserter &operator=(const SqliteEventInserter &) = delete;

    // One row of the events table, in EventRow::columns() order: log_id, run_id, seq, time, actor, kind,
    // payload, prev_hash, hash, runner, host. The text is UTF-8, stored as TEXT; views are not copied.
    struct Row
    {
        qint64 logId = 0;
        qint64 seq = 0;
        // run_id, time, actor, kind, payload, prev_hash, hash, runner, host
        std::array<QByteArray, 9> text;
    };
    Status insert(const Row &row);

private:
    SqliteEventInserter(sqlite3 *db, sqlite3_stmt *statement) : m_db(db), m_statement(statement) { }
    sqlite3 *m_db;
    sqlite3_stmt *m_statement;
};

} // namespace harness
