// Store: opening a store for a location, and the append helpers every implementation shares.
#include "store.h"
#include "sqlstore.h"

namespace harness {

Result<std::unique_ptr<Store>> Store::open(const StoreLocation &location)
{
    auto store = SqlStore::open(location);
    if (!store)
        return store.error();
    return std::unique_ptr<Store>(std::move(*store));
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
