// `harness audit verify` walks the chain and names the first broken link; `harness audit export`
// writes the trail as JSON Lines or CSV.
#include "auditcommand.h"
#include "exitcodes.h"

#include <QJsonDocument>

namespace harness {

namespace {

QString csvField(QString s)
{
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n'))) {
        s.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        return QLatin1Char('"') + s + QLatin1Char('"');
    }
    return s;
}

int verify(CliContext &ctx)
{
    Project *project = ctx.project();
    if (!project)
        return ctx.exitCode;
    auto result = project->store().verifyChain();
    if (!result)
        return ctx.fail(exitcode::Store, result.errorText());
    if (result->intact) {
        ctx.io.out << "audit chain intact: " << result->eventsChecked << " events verified" << Qt::endl;
        return exitcode::Ok;
    }
    ctx.io.out << "audit chain BROKEN at event " << result->firstBrokenLogId << ": " << result->reason
               << Qt::endl
               << "(" << result->eventsChecked << " events checked; everything before event "
               << result->firstBrokenLogId << " is intact)" << Qt::endl;
    return exitcode::Failed;
}

int exportTrail(const QStringList &args, CliContext &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("format"), QStringLiteral("jsonl or csv"), QStringLiteral("format"),
                 QStringLiteral("jsonl")});
    if (!ctx.parse(p, args, QStringLiteral("harness audit export [--format jsonl|csv]")))
        return ctx.exitCode;
    const QString format = p.value(QStringLiteral("format"));
    if (format != QLatin1String("jsonl") && format != QLatin1String("csv"))
        return ctx.fail(exitcode::Usage, QStringLiteral("--format must be jsonl or csv"));
    Project *project = ctx.project();
    if (!project)
        return ctx.exitCode;
    if (format == QLatin1String("csv"))
        ctx.io.out << "log_id,run,seq,time,actor,kind,payload,prev_hash,hash\n";
    qint64 next = 1;
    constexpr int kPage = 5000;
    for (;;) {
        auto page = project->store().eventsFromLog(next, kPage);
        if (!page)
            return ctx.fail(exitcode::Store, page.errorText());
        for (const auto &e : *page) {
            if (format == QLatin1String("jsonl")) {
                ctx.io.out << QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact) << '\n';
            } else {
                ctx.io.out << e.logId << ',' << csvField(e.runId) << ',' << e.seq << ','
                           << e.time.toUTC().toString(Qt::ISODateWithMs) << ',' << csvField(e.actor) << ','
                           << csvField(e.kind) << ','
                           << csvField(QString::fromUtf8(
                                      QJsonDocument(e.payload).toJson(QJsonDocument::Compact)))
                           << ',' << QString::fromLatin1(e.prevHash) << ',' << QString::fromLatin1(e.hash)
                           << '\n';
            }
        }
        if (page->size() < kPage)
            break;
        next = page->constLast().logId + 1;
    }
    ctx.io.out.flush();
    return exitcode::Ok;
}

} // namespace

int runAuditCommand(const QStringList &args, CliContext &ctx)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("verify") && args.size() == 1)
        return verify(ctx);
    if (sub == QLatin1String("export"))
        return exportTrail(args.mid(1), ctx);
    return ctx.fail(
            exitcode::Usage,
            QStringLiteral("usage: harness audit verify | harness audit export [--format jsonl|csv]"));
}

} // namespace harness
