// committedOfKind: a run's events of one kind, read once the store has committed what the lower layers
// recorded fire-and-forget. A failed flush or read fails the calling test (and returns nothing).
#pragma once

#include "store/store.h"

#include <QTest>

namespace harness::test {

inline QList<Event> committedOfKind(Store &store, const QString &runId, QLatin1StringView kind)
{
    if (const Status flushed = store.flush(); !flushed) {
        QTest::qFail(qPrintable(flushed.errorText()), __FILE__, __LINE__);
        return {};
    }
    const auto events = store.events(runId);
    if (!events) {
        QTest::qFail(qPrintable(events.errorText()), __FILE__, __LINE__);
        return {};
    }
    QList<Event> out;
    for (const Event &e : *events)
        if (e.kind == kind)
            out << e;
    return out;
}

} // namespace harness::test
