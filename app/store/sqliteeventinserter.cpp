// SqliteEventInserter: a statement prepared with sqlite3_prepare_v3 on the handle Qt's QSQLITE driver gives
// (QSqlDriver::handle()), after checking that the driver's plugin loads the same shared SQLite library
// as this code: a driver with SQLite built in (some Qt builds bundle it) keeps the QSqlQuery path.
#include "sqliteeventinserter.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>
#include <dlfcn.h>
#include <link.h>
#include <sqlite3.h>
#include <typeinfo>

namespace harness {

namespace {

QByteArray fileName(const char *path)
{
    const QByteArray p(path);
    return p.mid(p.lastIndexOf('/') + 1);
}

// Looks for the loaded object named `object` and whether its dynamic section needs `needed`.
struct NeededSearch
{
    QByteArray object;
    QByteArray needed;
    bool found = false;
};

int searchNeeded(dl_phdr_info *info, size_t, void *data)
{
    auto *search = static_cast<NeededSearch *>(data);
    if (!info->dlpi_name || search->object != info->dlpi_name)
        return 0;
    for (int i = 0; i < info->dlpi_phnum; ++i) {
        if (info->dlpi_phdr[i].p_type != PT_DYNAMIC)
            continue;
        const auto *dynamic =
                reinterpret_cast<const ElfW(Dyn) *>(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
        ElfW(Addr) strings = 0;
        for (const ElfW(Dyn) *d = dynamic; d->d_tag != DT_NULL; ++d)
            if (d->d_tag == DT_STRTAB)
                strings = d->d_un.d_ptr;
        if (strings == 0)
            return 1;
        if (strings < info->dlpi_addr) // not relocated by the loader on this platform
            strings += info->dlpi_addr;
        for (const ElfW(Dyn) *d = dynamic; d->d_tag != DT_NULL; ++d)
            if (d->d_tag == DT_NEEDED &&
                search->needed == reinterpret_cast<const char *>(strings + d->d_un.d_val))
                search->found = true;
    }
    return 1;
}

// Why Qt's SQLite driver behind db does not run on this code's SQLite library (empty when it does).
QString whyNotShared(const QSqlDatabase &db)
{
    const QSqlDriver *driver = db.driver();
    Dl_info ours {};
    Dl_info plugin {};
    if (!dladdr(reinterpret_cast<void *>(&sqlite3_libversion), &ours) || !ours.dli_fname)
        return QStringLiteral("this code's SQLite library cannot be located");
    if (!driver || !dladdr(&typeid(*driver), &plugin) || !plugin.dli_fname)
        return QStringLiteral("the SQLite driver's plugin cannot be located");
    NeededSearch search {QByteArray(plugin.dli_fname), fileName(ours.dli_fname)};
    dl_iterate_phdr(searchNeeded, &search);
    if (!search.found)
        return QStringLiteral("the driver (%1) does not load %2")
                .arg(QString::fromLocal8Bit(plugin.dli_fname), QString::fromLocal8Bit(search.needed));
    QSqlQuery version(db);
    if (!version.exec(QStringLiteral("SELECT sqlite_version()")) || !version.next() ||
        version.value(0).toString() != QString::fromLatin1(sqlite3_libversion()))
        return QStringLiteral("the driver reports another SQLite version");
    return {};
}

} // namespace

std::unique_ptr<SqliteEventInserter> SqliteEventInserter::open(const QSqlDatabase &db, QString *why)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        *why = QStringLiteral("the connection is not a SQLite one");
        return nullptr;
    }
    if (*why = whyNotShared(db); !why->isEmpty())
        return nullptr;
    sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
    if (!connection) {
        *why = QStringLiteral("the connection is closed");
        return nullptr;
    }
    sqlite3_stmt *statement = nullptr;
    const char *sql = "INSERT INTO events (log_id, run_id, seq, time, actor, kind, payload, prev_hash, hash, "
                      "runner, host) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
    if (sqlite3_prepare_v3(connection, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
        SQLITE_OK) {
        *why = QString::fromUtf8(sqlite3_errmsg(connection));
        sqlite3_finalize(statement);
        return nullptr;
    }
    return std::unique_ptr<SqliteEventInserter>(new SqliteEventInserter(connection, statement));
}

SqliteEventInserter::~SqliteEventInserter()
{
    sqlite3_finalize(m_statement);
}

Status SqliteEventInserter::insert(const Row &row)
{
    static constexpr int textColumns[] = {2, 4, 5, 6, 7, 8, 9, 10, 11};
    int rc = sqlite3_bind_int64(m_statement, 1, row.logId);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(m_statement, 3, row.seq);
    for (size_t i = 0; i < row.text.size() && rc == SQLITE_OK; ++i) {
        const QByteArray &text = row.text[i];
        // A null pointer would bind NULL; every column is NOT NULL and stores '' when empty.
        rc = sqlite3_bind_text(m_statement, textColumns[i], text.isEmpty() ? "" : text.constData(),
                               int(text.size()), SQLITE_STATIC);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_step(m_statement);
    const QString why = rc == SQLITE_DONE ? QString() : QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_reset(m_statement);
    if (!why.isEmpty())
        return Status::failure(why);
    return success();
}

} // namespace harness
