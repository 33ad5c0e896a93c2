// store_append_child: a separate process that appends events to a store, for the crash and the
// cross-process tests. After each acknowledged batch it prints "ack <log ids>" and flushes stdout.
// Usage: store_append_child <database path or postgres:// URL> [--events N] [--run RUN] [--max-batch N]
// [--seed N]
#include "store/store.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QStringList>
#include <cstdio>

using namespace harness;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr,
                     "usage: store_append_child <database> [--events N] [--run RUN] [--max-batch N]\n");
        return 2;
    }
    auto option = [&](const QString &name, const QString &fallback) {
        const qsizetype i = args.indexOf(name);
        return i > 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
    };
    const qint64 total = option(QStringLiteral("--events"), QStringLiteral("-1")).toLongLong();
    const QString run = option(QStringLiteral("--run"), QString());
    const int maxBatch = option(QStringLiteral("--max-batch"), QStringLiteral("40")).toInt();
    QRandomGenerator random(option(QStringLiteral("--seed"), QStringLiteral("1")).toUInt());

    auto location = StoreLocation::parse(args.at(1));
    if (!location) {
        std::fprintf(stderr, "%s\n", qPrintable(location.errorText()));
        return 2;
    }
    auto store = Store::open(*location);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.errorText()));
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);
    qint64 written = 0;
    while (total < 0 || written < total) {
        const int n =
                int(std::min<qint64>(1 + random.bounded(maxBatch), total < 0 ? maxBatch : total - written));
        QList<Event> batch;
        for (int i = 0; i < n; ++i) {
            const QString runId = run.isEmpty() ? QStringLiteral("R%1").arg(1 + random.bounded(3)) : run;
            batch.append(Event::make(
                    runId, QStringLiteral("harness"), QStringLiteral("tool_call"),
                    {{QStringLiteral("pid"), qint64(app.applicationPid())},
                     {QStringLiteral("n"), written + i},
                     {QStringLiteral("text"), QStringLiteral("x").repeated(int(random.bounded(200)))}}));
        }
        auto appended = (*store)->append(std::move(batch));
        if (!appended) {
            std::fprintf(stderr, "%s\n", qPrintable(appended.errorText()));
            return 1;
        }
        QByteArray line = "ack";
        for (const Event &e : std::as_const(*appended))
            line += ' ' + QByteArray::number(e.logId);
        line += '\n';
        std::fputs(line.constData(), stdout);
        std::fflush(stdout);
        written += n;
    }
    return 0;
}
