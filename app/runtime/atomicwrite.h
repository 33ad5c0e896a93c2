// AtomicWrite: a file's whole new content, replaced at once — written to a new file without a name
// (O_TMPFILE), named beside the target when complete and renamed over it, so a reader sees the old
// content or the new, never a part, and a harness killed while writing leaves nothing behind. A link at the
// target is replaced, never written through. Unlike QSaveFile the data is not synced to the disk first: the
// agent's writes are as durable as the run's own log (SQLite in WAL mode, synchronous=NORMAL), which nothing
// of a killed process loses; each iteration's checkpoint commits them to git.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace harness {

struct AtomicWrite
{
    // Creates missing parent folders; an existing file keeps its permission bits, a new one gets
    // 0666 less the umask.
    static Status replace(const QString &path, const QByteArray &data);
};

} // namespace harness
