// SqliteSchema: the versioned schema of a SQLite store and its migrations. A file from an older
// version is upgraded in one transaction; a newer, foreign or corrupt file is refused and left untouched.
#pragma once

#include "core/result.h"

#include <QSqlDatabase>

namespace harness {

class SqliteSchema
{
public:
    // The version this build writes. History:
    //   1: tasks, runs and the event log (run_id, seq, time, actor, kind, payload).
    //   2: the audit chain (events.prev_hash, events.hash, back-filled) and pending approvals.
    //   3: events.runner and events.host; the run queue (leases), runners and settings.
    static constexpr int kCurrentVersion = 3;
    // PRAGMA application_id of a Harness store ("HRNS").
    static constexpr int kApplicationId = 0x48524e53;

    // Reads the file's version without writing anything. Refuses a newer, foreign or corrupt file.
    static Result<int> inspect(QSqlDatabase db, const QString &describedAs);
    // Switches to WAL and migrates to kCurrentVersion inside one write transaction (safe when several
    // processes open the same new file at once). Returns the version after the upgrade.
    static Result<int> upgrade(QSqlDatabase db, const QString &describedAs);
};

} // namespace harness
