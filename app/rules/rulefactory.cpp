// RuleFactory: builds the rule, gives it a unique id, validates the amended RuleSet.
#include "rulefactory.h"

#include "dependencygraph.h"
#include "dependencyresolver.h"
#include "importextractor.h"
#include "sourcetree.h"

#include "core/worktreereader.h"
#include <QDate>
#include <QDir>

#include <QFile>
#include <QRegularExpression>

namespace harness {

namespace {

QString slug(const QString &text)
{
    QString s;
    for (QChar c : text.toLower()) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            s += c;
        else if (!s.endsWith(QLatin1Char('-')) && !s.isEmpty())
            s += QLatin1Char('-');
        if (s.size() >= 32)
            break;
    }
    while (s.endsWith(QLatin1Char('-')))
        s.chop(1);
    return s.isEmpty() ? QStringLiteral("rule") : s;
}

QString uniqueId(const RuleSet &rules, const QString &stem)
{
    const QStringList ids = rules.ruleIds();
    if (!ids.contains(stem))
        return stem;
    for (int i = 2;; ++i)
        if (!ids.contains(QStringLiteral("%1-%2").arg(stem).arg(i)))
            return QStringLiteral("%1-%2").arg(stem).arg(i);
}

QString dirGlob(const QString &file)
{
    const qsizetype slash = file.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QStringLiteral("**") : file.left(slash) + QStringLiteral("/**");
}

Result<QStringList> readLines(const QString &root, const QString &file)
{
    const WorktreeRead read = WorktreeReader::readFile(root, file, 64 * 1024 * 1024);
    if (!read.ok())
        return Result<QStringList>::failure(
                QStringLiteral("cannot read the file the finding names (%1)").arg(read.describe()), file);
    QStringList lines = QString::fromUtf8(read.data).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

Result<RuleProposal> validated(RuleProposal p)
{
    if (Status s = p.rules.validate(); !s)
        return Result<RuleProposal>::failure(
                QStringLiteral("the new rule would make the rules invalid: %1").arg(s.error().message),
                s.error().field);
    return p;
}

} // namespace

RuleOrigin RuleFactory::originFor(const QString &runId, const Finding &finding, const QString &incident)
{
    RuleOrigin o;
    o.run = runId;
    o.finding = finding.toJson();
    o.incident = incident.isEmpty() ? finding.message : incident;
    o.created = QDate::currentDate().toString(Qt::ISODate);
    return o;
}

Result<RuleProposal> RuleFactory::forbidLine(const RuleSet &base, const QString &file,
                                             const QString &lineText, Severity severity, const QString &why,
                                             const RuleOrigin &origin)
{
    const QString text = lineText.trimmed();
    if (text.isEmpty())
        return Result<RuleProposal>::failure(
                QStringLiteral("the line is empty, so there is no pattern to forbid; pick a line with code"),
                file);
    ForbiddenRule r;
    r.id = uniqueId(base, QStringLiteral("forbid-") + slug(text));
    r.paths = QStringList {dirGlob(file)};
    r.pattern = QRegularExpression::escape(text);
    r.severity = severity;
    r.message = QStringLiteral("Do not write \"%1\" here.").arg(text.left(120));
    if (!why.isEmpty())
        r.message += QStringLiteral(" It was flagged before: %1").arg(why.left(300));
    r.origin = origin;
    RuleProposal p;
    p.kind = NewRuleKind::ForbiddenPattern;
    p.ruleId = r.id;
    p.summary = QStringLiteral("Forbid \"%1\" in %2").arg(text.left(60), r.paths.first());
    p.rules = base;
    p.rules.forbidden.append(r);
    return validated(p);
}

Result<RuleProposal> RuleFactory::limitFile(const RuleSet &base, const QString &file, int maxLines,
                                            Severity severity, const RuleOrigin &origin)
{
    if (maxLines <= 0)
        return Result<RuleProposal>::failure(
                QStringLiteral("the file is empty, so there is no length to cap"), file);
    LimitRule r;
    r.id = uniqueId(base, QStringLiteral("limit-") + slug(file));
    r.paths = QStringList {file};
    r.maxLines = maxLines;
    r.severity = severity;
    r.message = QStringLiteral("Do not make %1 longer than %2 lines: split it into smaller classes or files "
                               "with one job each.")
                        .arg(file)
                        .arg(maxLines);
    r.origin = origin;
    RuleProposal p;
    p.kind = NewRuleKind::Limit;
    p.ruleId = r.id;
    p.summary = QStringLiteral("Limit %1 to %2 lines").arg(file).arg(maxLines);
    p.rules = base;
    p.rules.limits.append(r);
    return validated(p);
}

Result<RuleProposal> RuleFactory::forbidEdge(const RuleSet &base, const QString &root, const QString &file,
                                             const QString &lineText, Severity severity,
                                             const RuleOrigin &origin)
{
    const SourceLanguage lang = ImportExtractor::languageOf(file);
    const QList<Import> imports = ImportExtractor::extract(lang, lineText.toUtf8());
    if (imports.isEmpty())
        return Result<RuleProposal>::failure(
                QStringLiteral("the line imports nothing, so there is no dependency to forbid; pick an "
                               "#include or import line"),
                file);
    auto tree = SourceTree::listFiles(root, base.exclude);
    if (!tree)
        return tree.error();
    DependencyResolver resolver(root, *tree);
    resolver.loadDefaultCompileCommands();
    const QString target = resolver.resolve(file, lang, imports.first());
    if (target.isEmpty())
        return Result<RuleProposal>::failure(
                QStringLiteral("\"%1\" is outside the tree; forbid it with a forbidden-import rule instead")
                        .arg(imports.first().spec),
                file);
    RuleProposal p;
    p.kind = NewRuleKind::LayerEdge;
    p.rules = base;
    RuleSet &rules = p.rules;
    auto ensureLayer = [&](const QString &path) -> int {
        LayerMap map(rules);
        const int index = map.indexOf(path);
        if (index >= 0)
            return index;
        const QString glob = dirGlob(path);
        QString name = glob == QLatin1String("**") ? QStringLiteral("root")
                                                   : glob.chopped(3).section(QLatin1Char('/'), -1);
        QString unique = name;
        for (int i = 2; rules.layerByName(unique); ++i)
            unique = QStringLiteral("%1-%2").arg(name).arg(i);
        Layer l;
        l.name = unique;
        l.id = uniqueId(rules, QStringLiteral("layer-") + unique);
        l.paths = QStringList {glob};
        l.severity = severity;
        l.origin = origin;
        // a new layer keeps every existing direction open except the one being forbidden
        for (const Layer &other : std::as_const(rules.layers))
            l.allow << other.name;
        for (Layer &other : rules.layers)
            other.allow << unique;
        rules.layers.append(l);
        return int(rules.layers.size() - 1);
    };
    const int from = ensureLayer(file);
    const int to = ensureLayer(target);
    if (from == to)
        return Result<RuleProposal>::failure(
                QStringLiteral("%1 and %2 are in the same layer (\"%3\"); a layer may always use itself")
                        .arg(file, target, rules.layers.at(from).name),
                file);
    Layer &a = rules.layers[from];
    const QString toName = rules.layers.at(to).name;
    if (!a.allow.contains(toName))
        return Result<RuleProposal>::failure(
                QStringLiteral("layer \"%1\" already may not depend on layer \"%2\"").arg(a.name, toName),
                file);
    a.allow.removeAll(toName);
    if (a.origin.isEmpty())
        a.origin = origin;
    if (a.message.isEmpty())
        a.message = QStringLiteral("Keep \"%1\" independent of \"%2\".").arg(a.name, toName);
    p.ruleId = a.id;
    p.summary = QStringLiteral("Forbid layer \"%1\" (%2) from depending on layer \"%3\" (%4)")
                        .arg(a.name, file, toName, target);
    return validated(p);
}

Result<RuleProposal> RuleFactory::fromFinding(const RuleSet &base, const QString &root,
                                              const Finding &finding, NewRuleKind kind,
                                              const RuleOrigin &origin)
{
    if (finding.file.isEmpty())
        return Result<RuleProposal>::failure(
                QStringLiteral("the finding names no file, so no rule can be made from it"),
                QStringLiteral("file"));
    auto lines = readLines(root, finding.file);
    if (!lines)
        return lines.error();
    if (kind == NewRuleKind::Limit)
        return limitFile(base, finding.file, int(lines->size()), finding.severity, origin);
    if (finding.line < 1 || finding.line > lines->size())
        return Result<RuleProposal>::failure(QStringLiteral("line %1 is not in the file (it has %2 lines)")
                                                     .arg(finding.line)
                                                     .arg(lines->size()),
                                             finding.file);
    const QString text = lines->at(finding.line - 1);
    if (kind == NewRuleKind::LayerEdge)
        return forbidEdge(base, root, finding.file, text, finding.severity, origin);
    return forbidLine(base, finding.file, text, finding.severity, finding.message, origin);
}

Result<RuleProposal> RuleFactory::fromHunk(const RuleSet &base, const QString &root, const Diff &diff,
                                           const DiffHunk &hunk, NewRuleKind kind, const RuleOrigin &origin)
{
    const QString path = diff.files.at(size_t(hunk.file)).path();
    if (kind == NewRuleKind::Limit) {
        int before = hunk.oldStart + hunk.oldCount - 1;
        auto lines = readLines(root, path);
        if (lines) {
            int added = 0, removed = 0;
            for (const DiffLine &l : diff.linesOf(hunk))
                added += l.kind == DiffLineKind::Added, removed += l.kind == DiffLineKind::Removed;
            before = int(lines->size()) - added + removed;
        }
        return limitFile(base, path, before, Severity::Error, origin);
    }
    for (const DiffLine &l : diff.linesOf(hunk)) {
        const QString text = diff.lineText(l);
        if (l.kind != DiffLineKind::Added || text.trimmed().isEmpty())
            continue;
        if (kind == NewRuleKind::LayerEdge) {
            if (ImportExtractor::extract(ImportExtractor::languageOf(path), diff.lineBytes(l).toByteArray())
                        .isEmpty())
                continue;
            return forbidEdge(base, root, path, text, Severity::Error, origin);
        }
        return forbidLine(base, path, text, Severity::Error, QString(), origin);
    }
    return Result<RuleProposal>::failure(kind == NewRuleKind::LayerEdge
                                                 ? QStringLiteral("the hunk adds no import or #include line")
                                                 : QStringLiteral("the hunk adds no line with code"),
                                         path);
}

} // namespace harness
