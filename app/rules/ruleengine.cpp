// RuleEngine: one parallel pass per file (read, count, extract imports, match patterns, scan secrets),
// then the layer check over the resolved dependencies.
#include "ruleengine.h"

#include "dependencyresolver.h"
#include "importextractor.h"
#include "secretscanner.h"
#include "sourcetree.h"
#include "textwindows.h"

#include "core/worktreereader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cstring>

namespace harness {

namespace {

struct CompiledLimit
{
    const LimitRule *rule;
    QList<PathGlob> paths;
    QList<PathGlob> exclude;
};

struct CompiledForbidden
{
    const ForbiddenRule *rule;
    QList<PathGlob> paths;
    QList<PathGlob> exclude;
    QRegularExpression pattern;
    QList<PathGlob> imports;
    QList<QByteArray> literals; // every match contains one of these (searched before the expression)
};

// The alternatives of a pattern's top level ("a|b(c|d)|e" -> "a", "b(c|d)", "e"); one part when the
// pattern has no top-level alternation. Escapes, classes and groups are skipped over.
QStringList topLevelAlternatives(const QString &pattern)
{
    QStringList out;
    qsizetype start = 0;
    int depth = 0;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('\\')) {
            ++i;
        } else if (c == QLatin1Char('[')) {
            ++i; // "[]...]" and "[^]...]": a ']' right after the opening is a member
            if (i < pattern.size() && pattern.at(i) == QLatin1Char('^'))
                ++i;
            if (i < pattern.size() && pattern.at(i) == QLatin1Char(']'))
                ++i;
            while (i < pattern.size() && pattern.at(i) != QLatin1Char(']'))
                i += pattern.at(i) == QLatin1Char('\\') ? 2 : 1;
        } else if (c == QLatin1Char('(')) {
            ++depth;
        } else if (c == QLatin1Char(')')) {
            --depth;
        } else if (c == QLatin1Char('|') && depth == 0) {
            out << pattern.mid(start, i - start);
            start = i + 1;
        }
    }
    out << pattern.mid(start);
    return out;
}

// The longest run of plain characters that every match of the expression must contain ("printf" in
// "\bprintf\s*\("), or an empty array when that is not certain (alternations, options, classes).
QByteArray requiredLiteral(const QString &pattern)
{
    // anything that changes how later characters match (top-level alternation, inline options, named
    // references, property classes) or that is hard to read reliably: no pre-filter, always run; a
    // non-capturing group "(?:" is a group like any other (what is inside a group never counts)
    if (topLevelAlternatives(pattern).size() > 1 ||
        QString(pattern).remove(QLatin1String("(?:")).contains(QLatin1String("(?")) ||
        pattern.contains(QLatin1String("[]")) || pattern.contains(QLatin1String("[^]")) ||
        pattern.contains(QLatin1String("\\Q")))
        return {};
    static const QString kSimpleEscapes = QStringLiteral("bBsSdDwWAzZGntrfveR");
    QByteArray best, current;
    auto flush = [&] {
        if (current.size() > best.size())
            best = current;
        current.clear();
    };
    int depth = 0; // inside (...) groups, which may be optional or repeated
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        const QChar next = i + 1 < pattern.size() ? pattern.at(i + 1) : QChar();
        const bool quantified =
                next == QLatin1Char('?') || next == QLatin1Char('*') || next == QLatin1Char('{');
        if (c == QLatin1Char('\\')) {
            ++i;
            const QChar after = i + 1 < pattern.size() ? pattern.at(i + 1) : QChar();
            const bool afterQuantifies =
                    after == QLatin1Char('?') || after == QLatin1Char('*') || after == QLatin1Char('{');
            if (!next.isLetterOrNumber() && next.unicode() < 128 && !next.isNull()) {
                if (depth == 0 && !afterQuantifies) {
                    current += char(next.unicode()); // an escaped punctuation character matches itself
                    continue;
                }
            } else if (!kSimpleEscapes.contains(next)) {
                // \x41, \0123, \1, \cA, \p{L}, \k<name>, ...: a code or reference, not literal text
                if (QStringLiteral("pPNkgou").contains(next))
                    return {};
                while (i + 1 < pattern.size() && pattern.at(i + 1).isLetterOrNumber())
                    ++i;
            }
            flush();
            continue;
        }
        if ((c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char(' ') ||
             c == QLatin1Char('#') || c == QLatin1Char('"') || c == QLatin1Char(':') ||
             c == QLatin1Char('/') || c == QLatin1Char('<') || c == QLatin1Char('>') ||
             c == QLatin1Char('=')) &&
            c.unicode() < 128 && depth == 0 && !quantified) {
            current += char(c.unicode());
            continue;
        }
        if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')'))
            depth = qMax(0, depth - 1);
        else if (c == QLatin1Char('[')) {
            while (i < pattern.size() && pattern.at(i) != QLatin1Char(']'))
                i += pattern.at(i) == QLatin1Char('\\') ? 2 : 1;
        } else if (c == QLatin1Char('{')) {
            while (i < pattern.size() &&
                   pattern.at(i) != QLatin1Char('}')) // a counted quantifier: {2}, {1,3}
                ++i;
        }
        flush();
    }
    flush();
    return best.size() >= 3 ? best : QByteArray();
}

// Literals one of which every match of the expression contains: the required literal of each top-level
// alternative, or none (no pre-filter) when an alternative has none.
QList<QByteArray> requiredLiterals(const QString &pattern)
{
    QList<QByteArray> out;
    for (const QString &alternative : topLevelAlternatives(pattern)) {
        const QByteArray literal = requiredLiteral(alternative);
        if (literal.isEmpty())
            return {};
        out << literal;
    }
    return out;
}

bool containsAny(const QByteArray &content, const QList<QByteArray> &literals)
{
    for (const QByteArray &l : literals)
        if (content.contains(l))
            return true;
    return literals.isEmpty();
}

// A file larger than this is checked on its first bytes.
constexpr qint64 kMaxCheckedFileBytes = 64 * 1024 * 1024;
// A file is binary (and not checked) when a NUL byte is among its first kSniffBytes.
constexpr qsizetype kSniffBytes = 8192;

bool isBinary(const QByteArray &content)
{
    return std::memchr(content.constData(), 0, size_t(qMin(content.size(), kSniffBytes))) != nullptr;
}

struct FileScan
{
    QString path;
    bool regular = false; // a regular file of the work tree
    SourceLanguage language = SourceLanguage::None;
    QList<Import> imports; // resolved into dependencies once the whole tree is indexed
    QList<Dependency> dependencies;
    QList<Finding> findings;
};

bool applies(const QList<PathGlob> &paths, const QList<PathGlob> &exclude, const QString &file)
{
    return PathGlob::matchesAny(paths, file) && !PathGlob::matchesAny(exclude, file);
}

int countLines(const QByteArray &content)
{
    if (content.isEmpty())
        return 0;
    int n = int(TextWindows::countNewlines(content.constData(), content.constData() + content.size()));
    if (!content.endsWith('\n'))
        ++n;
    return n;
}

Finding makeFinding(const QString &file, int line, int column, Severity severity, const QString &rule,
                    const QString &message)
{
    Finding f;
    f.file = file;
    f.line = line;
    f.column = column;
    f.severity = severity;
    f.rule = rule;
    f.message = message;
    f.source = QString::fromLatin1(RuleEngine::kSource);
    return f;
}

bool importMatches(const QList<PathGlob> &globs, const QString &spec)
{
    for (const PathGlob &g : globs) {
        if (g.matches(spec))
            return true;
        // "QtWidgets" also forbids "QtWidgets/QWidget"; "os" also forbids "os.path"
        const QString &p = g.pattern();
        if (spec.startsWith(p) && spec.size() > p.size() &&
            (spec.at(p.size()) == QLatin1Char('/') || spec.at(p.size()) == QLatin1Char('.')))
            return true;
    }
    return false;
}

} // namespace

Result<CheckReport> RuleEngine::run(const QString &root, const RuleSet &rules,
                                    const std::optional<QStringList> &changedFiles,
                                    const QString &compileCommands)
{
    QElapsedTimer timer;
    timer.start();
    // A whole check reads every file of the tree anyway: the read itself tells which paths git lists are
    // regular files (no stat of each file before).
    auto tree = SourceTree::listFiles(root, rules.exclude,
                                      changedFiles ? SourceTree::Listing::RegularFiles
                                                   : SourceTree::Listing::Unconfirmed);
    if (!tree)
        return tree.error();

    CheckReport report;
    QStringList toCheck;
    if (changedFiles) {
        const QSet<QString> inTree(tree->begin(), tree->end());
        for (const QString &f : *changedFiles)
            if (inTree.contains(f))
                toCheck << f;
    } else {
        toCheck = *tree;
    }

    QList<CompiledLimit> limits;
    for (const LimitRule &l : rules.limits)
        limits.append({&l, PathGlob::compile(l.paths), PathGlob::compile(l.excludePaths)});
    QList<CompiledForbidden> forbidden;
    for (const ForbiddenRule &f : rules.forbidden) {
        CompiledForbidden c {&f,
                             PathGlob::compile(f.paths),
                             PathGlob::compile(f.excludePaths),
                             {},
                             PathGlob::compile(f.imports)};
        if (!f.pattern.isEmpty()) {
            c.pattern = QRegularExpression(f.pattern, QRegularExpression::MultilineOption);
            c.pattern.optimize();
            c.literals = requiredLiterals(f.pattern);
        }
        forbidden.append(c);
    }
    const SecretScanner secrets(rules.secrets);
    // Every file is opened below the root without following links (a link could lead anywhere).
    const WorktreeReader reader(root);

    const std::function<FileScan(const QString &)> scanFile = [&](const QString &path) {
        FileScan scan;
        scan.path = path;
        // Images, archives and other binaries are told by their first bytes: the read stops there (one
        // read for every file). The reader opens below the root, follows no link and reads no FIFO or
        // device.
        WorktreeRead read =
                reader.read(path, kMaxCheckedFileBytes, WorktreeReader::OverLimit::Truncate, kSniffBytes);
        // a regular file (the tree lists no other) the read was refused (permissions) is still one
        scan.regular = read.ok() ||
                (read.status == WorktreeRead::Status::Error &&
                 reader.entry(path).type == WorktreeEntry::Type::File);
        if (!read.ok() || isBinary(read.data))
            return scan;
        const QByteArray content = std::move(read.data);
        int lines = -1; // counted when a limit applies to the file
        for (const CompiledLimit &l : limits) {
            if (!applies(l.paths, l.exclude, path))
                continue;
            if (lines < 0)
                lines = countLines(content);
            if (lines > l.rule->maxLines)
                scan.findings.append(makeFinding(path, l.rule->maxLines + 1, 0, l.rule->severity, l.rule->id,
                                                 QStringLiteral("%1 has %2 lines; the limit is %3. %4")
                                                         .arg(path)
                                                         .arg(lines)
                                                         .arg(l.rule->maxLines)
                                                         .arg(l.rule->message)));
        }
        const SourceLanguage lang = ImportExtractor::languageOf(path);
        QList<Import> &imports = scan.imports;
        scan.language = lang;
        if (lang != SourceLanguage::None)
            imports = ImportExtractor::extract(lang, content);
        QString text;
        bool converted = false;
        for (const CompiledForbidden &f : forbidden) {
            if (!applies(f.paths, f.exclude, path))
                continue;
            if (!f.imports.isEmpty()) {
                for (const Import &imp : std::as_const(imports))
                    if (importMatches(f.imports, imp.spec))
                        scan.findings.append(
                                makeFinding(path, imp.line, imp.column, f.rule->severity, f.rule->id,
                                            QStringLiteral("\"%1\" must not be imported here. %2")
                                                    .arg(imp.spec, f.rule->message)));
            }
            if (f.pattern.isValid() && !f.rule->pattern.isEmpty() && containsAny(content, f.literals)) {
                if (!converted) {
                    text = QString::fromUtf8(content);
                    converted = true;
                }
                auto it = f.pattern.globalMatch(text);
                qsizetype counted = 0;
                int line = 1;
                qsizetype lineStart = 0;
                int lastLine = 0;
                while (it.hasNext()) {
                    const auto m = it.next();
                    if (m.capturedLength(0) == 0 && m.capturedStart(0) >= text.size())
                        break;
                    for (; counted < m.capturedStart(0); ++counted)
                        if (text.at(counted) == QLatin1Char('\n')) {
                            ++line;
                            lineStart = counted + 1;
                        }
                    if (line == lastLine)
                        continue; // one finding per line and rule
                    lastLine = line;
                    scan.findings.append(makeFinding(
                            path, line, int(m.capturedStart(0) - lineStart) + 1, f.rule->severity, f.rule->id,
                            QStringLiteral("\"%1\" is forbidden here. %2")
                                    .arg(m.captured(0).trimmed().left(120), f.rule->message)));
                }
            }
        }
        scan.findings += secrets.scanContent(path, content);
        return scan;
    };
    QList<FileScan> scans = QtConcurrent::blockingMapped(toCheck, scanFile);
    if (!changedFiles) { // the tree: the paths the reads found to be regular files
        tree->clear();
        scans.removeIf([](const FileScan &scan) { return !scan.regular; });
        for (const FileScan &scan : std::as_const(scans))
            tree->append(scan.path);
    }
    report.filesInTree = int(tree->size());
    report.filesChecked = int(scans.size());

    // then the dependencies: the tree indexed (the suffix index, the layers), each import resolved
    DependencyResolver resolver(root, *tree);
    if (!compileCommands.isEmpty()) {
        if (!resolver.loadCompileCommands(compileCommands)) {
            return Result<CheckReport>::failure(
                    QStringLiteral("cannot read this compile_commands.json; pass a file written by CMake "
                                   "(CMAKE_EXPORT_COMPILE_COMMANDS=ON)"),
                    compileCommands);
        }
        report.compileCommands = compileCommands;
    } else {
        report.compileCommands = resolver.loadDefaultCompileCommands();
    }
    // the layer of every file of the tree, computed once (in parallel) and shared read-only by the
    // dependency pass
    const LayerMap layers(rules);
    QHash<QString, int> layerOf;
    if (!rules.layers.isEmpty()) {
        const QList<int> indexes =
                QtConcurrent::blockingMapped(*tree, [&](const QString &f) { return layers.indexOf(f); });
        layerOf.reserve(tree->size());
        for (qsizetype i = 0; i < tree->size(); ++i)
            if (indexes.at(i) >= 0)
                layerOf.insert(tree->at(i), indexes.at(i));
    }

    const std::function<void(FileScan &)> resolveFile = [&](FileScan &scan) {
        const QString &path = scan.path;
        const SourceLanguage lang = scan.language;
        const QList<Import> imports = std::move(scan.imports);
        const int fromLayer = layerOf.value(path, -1);
        scan.dependencies.reserve(imports.size());
        for (const Import &imp : std::as_const(imports)) {
            Dependency d {path, resolver.resolve(path, lang, imp), imp.spec, imp.line, imp.column};
            if (!d.to.isEmpty() && fromLayer >= 0) {
                const int toLayer = layerOf.value(d.to, -1);
                if (!layers.allows(fromLayer, toLayer)) {
                    const Layer &a = layers.layer(fromLayer);
                    const Layer &b = layers.layer(toLayer);
                    const QString allowed = a.allow.isEmpty() ? QStringLiteral("no other layer")
                                                              : a.allow.join(QStringLiteral(", "));
                    QString message = QStringLiteral("%1 (layer \"%2\") depends on %3 (layer \"%4\"), but "
                                                     "\"%2\" may depend only on: %5. "
                                                     "Move the code into a layer \"%2\" may use, or invert "
                                                     "the dependency through an "
                                                     "interface in a lower layer.")
                                              .arg(path, a.name, d.to, b.name, allowed);
                    if (!a.message.isEmpty())
                        message += QLatin1Char(' ') + a.message;
                    scan.findings.append(makeFinding(path, d.line, d.column, a.severity, a.id, message));
                }
            }
            scan.dependencies.append(std::move(d));
        }
    };
    QtConcurrent::blockingMap(scans, resolveFile);

    QList<Dependency> deps;
    for (FileScan &scan : scans) {
        report.findings += scan.findings;
        for (Dependency &d : scan.dependencies)
            deps.append(std::move(d));
    }
    report.graph = DependencyGraph(std::move(deps));
    std::sort(report.findings.begin(), report.findings.end(), [](const Finding &a, const Finding &b) {
        return std::tie(a.file, a.line, a.column, a.rule) < std::tie(b.file, b.line, b.column, b.rule);
    });
    report.elapsedMs = timer.elapsed();
    return report;
}

Result<QList<Finding>> RuleEngine::check(const QString &root, const RuleSet &rules,
                                         const std::optional<QStringList> &changedFiles)
{
    auto report = run(root, rules, changedFiles);
    if (!report)
        return report.error();
    return report->findings;
}

} // namespace harness
