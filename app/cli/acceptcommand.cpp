// The accept command: FindingAcceptance does the work; without a finding id it lists what waits.
#include "acceptcommand.h"
#include "exitcodes.h"

#include "orchestration/findingacceptance.h"

namespace harness {

int runAcceptCommand(const QStringList &args, CliContext &ctx)
{
    const QString usage = QStringLiteral("harness accept <run> <finding> [--reason TEXT]");
    QCommandLineParser p;
    p.addOption({QStringLiteral("reason"), QStringLiteral("why the finding is accepted (recorded)"),
                 QStringLiteral("text")});
    if (!ctx.parse(p, args, usage))
        return ctx.exitCode;
    const QStringList positional = p.positionalArguments();
    if (positional.isEmpty() || positional.size() > 2)
        return ctx.fail(exitcode::Usage,
                        QStringLiteral("name a run and one of its findings\nusage: ") + usage);
    Project *project = ctx.project();
    if (!project)
        return ctx.exitCode;
    const QString runId = positional.first();
    if (!project->store().run(runId))
        return ctx.fail(exitcode::NotFound, QStringLiteral("there is no run %1").arg(runId));
    FindingAcceptance acceptance(project->store());
    if (positional.size() == 1) {
        auto waiting = acceptance.awaiting(runId);
        if (!waiting)
            return ctx.fail(exitcode::Store, waiting.errorText());
        if (waiting->isEmpty())
            ctx.io.out << "run " << runId << " has no finding that waits for a human" << Qt::endl;
        for (const Finding &f : *waiting)
            ctx.io.out << f.id() << "  " << f.rule
                       << (f.file.isEmpty() ? QString() : QStringLiteral(" ") + f.file) << "\n    "
                       << f.message << '\n';
        ctx.io.out.flush();
        return exitcode::Ok;
    }
    auto accepted = acceptance.accept(runId, positional.at(1), p.value(QStringLiteral("reason")),
                                      CliContext::humanActor());
    if (!accepted)
        return ctx.fail(exitcode::Failed, accepted.errorText());
    ctx.io.out << "finding " << accepted->id() << " of run " << runId << " accepted by "
               << CliContext::humanActor() << ": " << accepted->rule
               << (accepted->file.isEmpty() ? QString() : QStringLiteral(" ") + accepted->file) << Qt::endl;
    auto left = acceptance.awaiting(runId);
    if (left && !left->isEmpty())
        ctx.io.out << left->size() << " more finding(s) wait for a human (harness accept " << runId << ")"
                   << Qt::endl;
    return exitcode::Ok;
}

} // namespace harness
