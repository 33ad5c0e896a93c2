// bench_eventlog: appends N events (default 1,000,000) through the store and reads them back, then
// inserts the very same rows with raw batched SQLite inserts (QSqlQuery, one transaction per batch,
// no hashing, no seq lookup) and prints both rates and their ratio, plus bytes per event.
// Usage: bench_eventlog [events] [scratch-dir]
#include "store/eventlogwriter.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>
#include <cstdio>
#include <deque>
#include <sys/resource.h>

using namespace harness;

namespace {
constexpr int kChunk = 1000; // events per appendAsync call
constexpr int kWindow = 16; // appendAsync calls in flight

Event makeEvent(qint64 i)
{
    return Event::make(QStringLiteral("R%1").arg(1 + i % 64), QStringLiteral("agent:bench-model"),
                       QStringLiteral("tool_call"),
                       {{QStringLiteral("tool"), QStringLiteral("shell")},
                        {QStringLiteral("command"), QStringLiteral("ctest -R parser --output-on-failure")},
                        {QStringLiteral("exit"), 0},
                        {QStringLiteral("i"), i}});
}

qint64 fileBytes(const QString &path)
{
    qint64 total = 0;
    for (const QString &suffix : {QString(), QStringLiteral("-wal")})
        total += QFileInfo(path + suffix).size();
    return total;
}

// CPU time of the whole process (all threads: the caller and the store's writer).
qint64 cpuMs()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return (qint64(u.ru_utime.tv_sec) + u.ru_stime.tv_sec) * 1000 +
            (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000;
}

double rate(qint64 n, qint64 ms)
{
    return ms > 0 ? double(n) * 1000.0 / double(ms) : 0.0;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 n = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1000000;
    QTemporaryDir scratch(argc > 2 ? QString::fromLocal8Bit(argv[2]) + QStringLiteral("/bench-XXXXXX")
                                   : QDir::tempPath() + QStringLiteral("/bench-eventlog-XXXXXX"));
    const QString storePath = scratch.filePath(QStringLiteral("store.sqlite"));
    const QString rawPath = scratch.filePath(QStringLiteral("raw.sqlite"));
    std::printf("bench_eventlog: %lld events, %d per append call, store batches up to %lld events\n", n,
                kChunk, qlonglong(EventLogWriter::kMaxBatchEvents));

    // 1. Store appends and the raw reference, alternating slice by slice so both meet the same machine
    //    load. The raw side inserts the very rows the store wrote (read back untimed) into a file with the
    //    same schema: plain prepared INSERTs, one transaction per batch, no hashing, no seq lookup.
    qint64 appendMs = 0, appendCpuMs = 0, rawMs = 0, rawCpuMs = 0;
    {
        auto store = Store::open(StoreLocation::sqlite(storePath));
        if (!store) {
            std::fprintf(stderr, "%s\n", qPrintable(store.errorText()));
            return 1;
        }
        {
            auto schema = Store::open(StoreLocation::sqlite(rawPath));
        }
        QSqlDatabase src = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("src"));
        src.setDatabaseName(storePath);
        QSqlDatabase dst = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("dst"));
        dst.setDatabaseName(rawPath);
        if (!src.open() || !dst.open())
            return 1;
        QSqlQuery(dst).exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        QSqlQuery select(src);
        select.setForwardOnly(true);
        select.prepare(
                QStringLiteral("SELECT log_id, run_id, seq, time, actor, kind, payload, prev_hash, hash "
                               "FROM events WHERE log_id >= ? ORDER BY log_id LIMIT ?"));
        QSqlQuery insert(dst);
        insert.prepare(QStringLiteral(
                "INSERT INTO events (log_id, run_id, seq, time, actor, kind, payload, prev_hash, "
                "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        QSqlQuery control(dst);
        const int batch = int(EventLogWriter::kMaxBatchEvents);
        std::vector<std::array<QVariant, 9>> rows;

        const qint64 slice = std::max<qint64>(kChunk, n / 10);
        for (qint64 sliceStart = 0; sliceStart < n; sliceStart += slice) {
            const qint64 sliceEnd = std::min(n, sliceStart + slice);
            // The events are made before the clock starts, as the raw side's rows are.
            std::vector<QList<Event>> chunks;
            for (qint64 i = sliceStart; i < sliceEnd; i += kChunk) {
                QList<Event> chunk;
                chunk.reserve(kChunk);
                for (qint64 j = i; j < std::min(sliceEnd, i + kChunk); ++j)
                    chunk.append(makeEvent(j));
                chunks.push_back(std::move(chunk));
            }
            std::deque<QFuture<Result<QList<Event>>>> inFlight;
            QElapsedTimer t;
            qint64 cpu0 = cpuMs();
            t.start();
            size_t next = 0;
            for (qint64 i = sliceStart; i < sliceEnd; i += kChunk) {
                inFlight.push_back((*store)->appendAsync(std::move(chunks[next++])));
                while (inFlight.size() > size_t(kWindow) || (i + kChunk >= sliceEnd && !inFlight.empty())) {
                    auto done = inFlight.front().result();
                    inFlight.pop_front();
                    if (!done) {
                        std::fprintf(stderr, "append failed: %s\n", qPrintable(done.errorText()));
                        return 1;
                    }
                }
            }
            appendMs += t.elapsed();
            appendCpuMs += cpuMs() - cpu0;
            chunks.clear();

            qint64 from = sliceStart + 1;
            while (from <= sliceEnd) {
                rows.clear();
                select.bindValue(0, from);
                select.bindValue(1, int(std::min<qint64>(batch, sliceEnd - from + 1)));
                select.exec();
                while (select.next()) {
                    std::array<QVariant, 9> row;
                    for (int c = 0; c < 9; ++c)
                        row[c] = select.value(c);
                    rows.push_back(std::move(row));
                }
                select.finish();
                if (rows.empty())
                    break;
                from = rows.back()[0].toLongLong() + 1;
                cpu0 = cpuMs();
                t.start();
                control.exec(QStringLiteral("BEGIN IMMEDIATE"));
                for (const auto &row : rows) {
                    for (int c = 0; c < 9; ++c)
                        insert.bindValue(c, row[c]);
                    if (!insert.exec()) {
                        std::fprintf(stderr, "raw insert failed: %s\n",
                                     qPrintable(insert.lastError().text()));
                        return 1;
                    }
                }
                control.exec(QStringLiteral("COMMIT"));
                rawMs += t.elapsed();
                rawCpuMs += cpuMs() - cpu0;
            }
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("src"));
    QSqlDatabase::removeDatabase(QStringLiteral("dst"));

    // 2. Reads, in pages through the log, and the audit chain check.
    qint64 readMs = 0;
    qint64 verifyMs = 0;
    qint64 read = 0;
    {
        auto store = Store::open(StoreLocation::sqlite(storePath));
        QElapsedTimer t;
        t.start();
        qint64 from = 1;
        for (;;) {
            auto page = (*store)->eventsFromLog(from, 10000);
            if (!page || page->isEmpty())
                break;
            read += page->size();
            from = page->last().logId + 1;
        }
        readMs = t.elapsed();
        t.restart();
        auto chain = (*store)->verifyChain();
        verifyMs = t.elapsed();
        if (!chain || !chain->intact || read != n) {
            std::fprintf(stderr, "read %lld of %lld events; chain %s\n", read, n,
                         chain && chain->intact ? "intact" : "BROKEN");
            return 1;
        }
    }
    const qint64 storeBytes = fileBytes(storePath);

    const double appendRate = rate(n, appendMs);
    const double rawRate = rate(n, rawMs);
    std::printf("append (store, acknowledged, hashed): %10.0f events/s  (%lld ms)\n", appendRate, appendMs);
    std::printf("raw batched inserts, same rows:       %10.0f events/s  (%lld ms)\n", rawRate, rawMs);
    std::printf("append / raw (wall clock):            %10.2f  (target >= 0.80)\n",
                rawRate > 0 ? appendRate / rawRate : 0.0);
    std::printf("append / raw (CPU time):              %10.2f  (append %lld ms CPU, raw %lld ms CPU)\n",
                appendCpuMs > 0 ? double(rawCpuMs) / double(appendCpuMs) : 0.0, appendCpuMs, rawCpuMs);
    std::printf("read back (eventsFromLog pages):      %10.0f events/s  (%lld ms)\n", rate(read, readMs),
                readMs);
    std::printf("verifyChain:                          %10.0f events/s  (%lld ms)\n", rate(read, verifyMs),
                verifyMs);
    std::printf("bytes per event (file size / events): %10.1f  (%lld bytes)\n",
                double(storeBytes) / double(n), storeBytes);
    return 0;
}
