// Store: opening a store for a location, and the append helpers every implementation shares.
#include "store.h"
#include "sqlitestore.h"

namespace harness {

Result<std::unique_ptr<Store>> Store::open(const StoreLocation &location)
{
    switch (location.backend) {
    case StoreLocation::Backend::Sqlite: {
        auto store = SqliteStore::open(location);
        if (!store)
            return store.error();
        return std::unique_ptr<Store>(std::move(*store));
    }
    case StoreLocation::Backend::Postgres:
        if (location.postgresHost.isEmpty())
            return Result<std::unique_ptr<Store>>::failure(
                    QStringLiteral(
                            "Cannot open the store: %1 has no host. Fix HARNESS_STORE or the store setting "
                            "(postgres://user@host:port/database).")
                            .arg(location.describe()));
        return Result<std::unique_ptr<Store>>::failure(
                QStringLiteral(
                        "Cannot open %1: this build has no PostgreSQL store yet. Use a SQLite file path "
                        "for HARNESS_STORE instead.")
                        .arg(location.describe()));
    }
    return Result<std::unique_ptr<Store>>::failure(QStringLiteral("Unknown store backend."));
}

Result<Event> Store::append(Event event)
{
    auto appended = append(QList<Event> {std::move(event)});
    if (!appended)
        return appended.error();
    if (appended->isEmpty())
        return Result<Event>::failure(QStringLiteral("The store acknowledged no event."));
    return appended->constFirst();
}

void Store::record(Event event)
{
    // Fire and forget: the future is dropped; a failed batch is reported by the writer's warning.
    appendAsync(QList<Event> {std::move(event)});
}

} // namespace harness
