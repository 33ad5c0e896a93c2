// ScopeGate: both sides of a rename count; a path is reported once.
#include "scopegate.h"

#include "core/pathglob.h"

namespace harness {

std::optional<Gate> ScopeGate::fromContract(const Contract &contract)
{
    if (contract.scope.isEmpty())
        return std::nullopt;
    Gate g;
    g.id = QStringLiteral("contract-scope");
    g.kind = GateKind::Scope;
    g.paths = contract.scope;
    g.stopOnFailure = false;
    return g;
}

QList<Finding> ScopeGate::check(const Diff &diff, const QStringList &scope)
{
    const QList<PathGlob> globs = PathGlob::compile(scope);
    QList<Finding> out;
    QStringList seen;
    const QString scopeText = scope.join(QStringLiteral(", "));
    for (const DiffFile &file : diff.files) {
        for (const QString &path : {file.oldPath, file.newPath}) {
            if (path.isEmpty() || seen.contains(path) || PathGlob::matchesAny(globs, path))
                continue;
            seen << path;
            Finding f;
            f.file = path;
            f.severity = Severity::Error;
            f.rule = QString::fromLatin1(kRule);
            f.needsHuman = true;
            const QString what = file.isAdded()                            ? QStringLiteral("creates")
                    : file.isDeleted()                                     ? QStringLiteral("deletes")
                    : file.oldPath != file.newPath && path == file.oldPath ? QStringLiteral("moves away")
                                                                           : QStringLiteral("changes");
            f.message = QStringLiteral(
                                "The change %1 %2, outside the task's scope (%3). Undo it, or have a human "
                                "accept it (harness accept, or Accept… in the Gates view).")
                                .arg(what, path, scopeText);
            out << f;
        }
    }
    return out;
}

} // namespace harness
