// `harness log <run> [--from N] [--to N] [--json]`: one line per event (its EventDescription), or JSON
// Lines. Reads in pages so a million-event run streams without loading it whole.
#include "logcommand.h"
#include "exitcodes.h"

#include "core/events/eventdescription.h"

#include <QJsonDocument>

namespace harness {

int runLogCommand(const QStringList &args, CliContext &ctx)
{
    const QString usage = QStringLiteral("harness log <run> [--from SEQ] [--to SEQ] [--json]");
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("from"), QStringLiteral("first sequence number"), QStringLiteral("seq"),
                   QStringLiteral("1")},
                  {QStringLiteral("to"), QStringLiteral("last sequence number"), QStringLiteral("seq"),
                   QStringLiteral("-1")},
                  {QStringLiteral("json"), QStringLiteral("print JSON Lines")}});
    if (!ctx.parse(p, args, usage))
        return ctx.exitCode;
    if (p.positionalArguments().size() != 1)
        return ctx.fail(exitcode::Usage, QStringLiteral("name one run\nusage: ") + usage);
    bool okFrom = false, okTo = false;
    const qint64 from = p.value(QStringLiteral("from")).toLongLong(&okFrom);
    const qint64 to = p.value(QStringLiteral("to")).toLongLong(&okTo);
    if (!okFrom || !okTo || from < 1)
        return ctx.fail(exitcode::Usage, QStringLiteral("--from and --to take sequence numbers (1 or more)"));
    Project *project = ctx.project();
    if (!project)
        return ctx.exitCode;
    const QString runId = p.positionalArguments().constFirst();
    auto run = project->store().run(runId);
    if (!run)
        return ctx.fail(exitcode::NotFound,
                        QStringLiteral("there is no run %1; \"harness status\" lists the runs").arg(runId));
    const bool json = p.isSet(QStringLiteral("json"));
    constexpr int kPage = 5000;
    qint64 next = from;
    while (to < 0 || next <= to) {
        auto page = project->store().events(runId, next, to, kPage);
        if (!page)
            return ctx.fail(exitcode::Store, page.errorText());
        for (const auto &e : *page) {
            if (json)
                ctx.io.out << QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact) << '\n';
            else
                ctx.io.out << qSetFieldWidth(6) << Qt::right << e.seq << qSetFieldWidth(0) << "  "
                           << e.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")) << "  "
                           << qSetFieldWidth(24) << Qt::left << e.kind << qSetFieldWidth(22) << e.actor
                           << qSetFieldWidth(0) << " " << EventDescription::describe(e, 100) << '\n';
        }
        if (page->size() < kPage)
            break;
        next = page->constLast().seq + 1;
    }
    ctx.io.out.flush();
    return exitcode::Ok;
}

} // namespace harness
