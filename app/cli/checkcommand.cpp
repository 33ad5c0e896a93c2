// The `harness check` subcommand: option parsing, the rule engine run, text / JSON / SARIF output.
#include "checkcommand.h"

#include "rules/ruleengine.h"
#include "rules/ruleset.h"
#include "rules/sourcetree.h"
#include "verify/sarifwriter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace harness {

namespace {

constexpr int kClean = 0;
constexpr int kViolations = 1;
constexpr int kBadInput = 2;

struct CheckOptions
{
    QString path;
    QString changedSince;
    QString format = QStringLiteral("text");
    QString rulesFile;
    QString output;
    QString compileCommands;
    bool help = false;
};

int usage(QTextStream &err, const QString &message)
{
    err << "harness check: " << message << "\n"
        << "Run \"harness check --help\" for the options." << Qt::endl;
    return kBadInput;
}

// Returns an error message, or an empty string when the options are fine.
QString parse(const QStringList &args, CheckOptions &o)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString a = args.at(i);
        QString value;
        bool hasValue = false;
        if (a.startsWith(QLatin1String("--")) && a.contains(QLatin1Char('='))) {
            value = a.section(QLatin1Char('='), 1);
            a = a.section(QLatin1Char('='), 0, 0);
            hasValue = true;
        }
        auto take = [&](QString &target) -> QString {
            if (!hasValue) {
                if (i + 1 >= args.size())
                    return QStringLiteral("%1 needs a value").arg(a);
                value = args.at(++i);
            }
            target = value;
            return QString();
        };
        QString problem;
        if (a == QLatin1String("-h") || a == QLatin1String("--help"))
            o.help = true;
        else if (a == QLatin1String("--changed-since"))
            problem = take(o.changedSince);
        else if (a == QLatin1String("--format"))
            problem = take(o.format);
        else if (a == QLatin1String("--rules"))
            problem = take(o.rulesFile);
        else if (a == QLatin1String("--output") || a == QLatin1String("-o"))
            problem = take(o.output);
        else if (a == QLatin1String("--compile-commands"))
            problem = take(o.compileCommands);
        else if (a.startsWith(QLatin1Char('-')) && a != QLatin1String("-"))
            problem = QStringLiteral("unknown option \"%1\"").arg(a);
        else if (!o.path.isEmpty())
            problem = QStringLiteral("give one PATH to check (got \"%1\" and \"%2\")").arg(o.path, a);
        else
            o.path = a;
        if (!problem.isEmpty())
            return problem;
    }
    if (!QStringList {QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("sarif")}.contains(
                o.format))
        return QStringLiteral("--format must be text, json or sarif (got \"%1\")").arg(o.format);
    if (o.changedSince.trimmed().isEmpty() && args.contains(QStringLiteral("--changed-since")))
        return QStringLiteral("--changed-since needs a revision");
    return QString();
}

QByteArray asJson(const CheckReport &report, const QString &root, const QString &rulesFile,
                  const QString &changedSince)
{
    QJsonArray findings;
    QSet<QString> files;
    for (const Finding &f : report.findings) {
        findings.append(f.toJson());
        files.insert(f.file);
    }
    QJsonObject o {{QStringLiteral("root"), root},
                   {QStringLiteral("rules_file"), rulesFile},
                   {QStringLiteral("files_checked"), report.filesChecked},
                   {QStringLiteral("files_in_tree"), report.filesInTree},
                   {QStringLiteral("files_with_findings"), int(files.size())},
                   {QStringLiteral("elapsed_ms"), report.elapsedMs},
                   {QStringLiteral("findings"), findings}};
    if (!changedSince.isEmpty())
        o.insert(QStringLiteral("changed_since"), changedSince);
    if (!report.compileCommands.isEmpty())
        o.insert(QStringLiteral("compile_commands"), report.compileCommands);
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

QByteArray asText(const CheckReport &report, const QString &changedSince)
{
    QString text;
    QSet<QString> files;
    for (const Finding &f : report.findings) {
        files.insert(f.file);
        QString where = f.file;
        if (f.line > 0)
            where += QStringLiteral(":%1").arg(f.line);
        if (f.column > 0)
            where += QStringLiteral(":%1").arg(f.column);
        text += QStringLiteral("%1: %2: %3 [%4]\n").arg(where, severityName(f.severity), f.message, f.rule);
    }
    const QString scope = changedSince.isEmpty()
            ? QStringLiteral("%1 files").arg(report.filesChecked)
            : QStringLiteral("%1 files changed since %2").arg(report.filesChecked).arg(changedSince);
    if (report.findings.isEmpty())
        text += QStringLiteral("harness check: no violations in %1 (%2 ms).\n")
                        .arg(scope)
                        .arg(report.elapsedMs);
    else
        text += QStringLiteral("harness check: %1 finding(s) in %2 file(s); checked %3 (%4 ms).\n")
                        .arg(report.findings.size())
                        .arg(files.size())
                        .arg(scope)
                        .arg(report.elapsedMs);
    return text.toUtf8();
}

} // namespace

QString checkCommandHelp()
{
    return QStringLiteral(
            "Usage: harness check [PATH] [--changed-since REV] [--format text|json|sarif] [--rules FILE]\n"
            "                     [--output FILE] [--compile-commands FILE]\n"
            "\n"
            "Checks the tree at PATH (default: the current directory) against its constraint rules:\n"
            "layer directions, file-size limits, forbidden patterns and imports, and secrets.\n"
            "\n"
            "  --changed-since REV      check only the files changed since REV (plus untracked files)\n"
            "  --format FORMAT          text (default), json, or sarif (SARIF 2.1.0 for code scanning)\n"
            "  --rules FILE             the rules file (default: PATH/.harness/rules.json)\n"
            "  --output FILE            write the report to FILE instead of standard output\n"
            "  --compile-commands FILE  resolve C/C++ includes with this compile_commands.json\n"
            "                           (default: PATH/compile_commands.json or PATH/build/...)\n"
            "\n"
            "Exit status: 0 no violations, 1 violations found (errors or warnings), 2 bad input\n"
            "(bad options, missing path, invalid rules file, unknown revision).\n");
}

int runCheckCommand(const QStringList &args, QTextStream &out, QTextStream &err)
{
    CheckOptions o;
    if (const QString problem = parse(args, o); !problem.isEmpty())
        return usage(err, problem);
    if (o.help) {
        out << checkCommandHelp() << Qt::flush;
        return kClean;
    }
    const QString root = QDir(o.path.isEmpty() ? QDir::currentPath() : o.path).absolutePath();
    if (!QFileInfo(root).isDir())
        return usage(
                err,
                QStringLiteral("\"%1\" is not a directory; pass the root of the tree to check").arg(o.path));
    const QString rulesFile = o.rulesFile.isEmpty()
            ? QDir(root).filePath(QStringLiteral(".harness/rules.json"))
            : QFileInfo(o.rulesFile).absoluteFilePath();
    if (!QFileInfo::exists(rulesFile))
        return usage(err,
                     QStringLiteral("no rules file at %1; create .harness/rules.json (\"harness init\") or "
                                    "pass --rules FILE")
                             .arg(rulesFile));
    auto rules = RuleSet::load(rulesFile);
    if (!rules) {
        err << "harness check: the rules file is invalid: " << rules.errorText() << Qt::endl;
        return kBadInput;
    }
    std::optional<QStringList> changed;
    if (!o.changedSince.isEmpty()) {
        auto files = SourceTree::changedFiles(root, o.changedSince);
        if (!files) {
            err << "harness check: " << files.errorText() << Qt::endl;
            return kBadInput;
        }
        changed = *files;
    }
#if defined(__GLIBC__)
    // The check reads thousands of files into short-lived buffers: keep freed memory for the next file
    // instead of handing it back to the system and faulting fresh pages in for each one (a command-line
    // process that ends after the check).
    mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif
    auto report = RuleEngine::run(
            root, *rules, changed,
            o.compileCommands.isEmpty() ? QString() : QFileInfo(o.compileCommands).absoluteFilePath());
    if (!report) {
        err << "harness check: " << report.errorText() << Qt::endl;
        return kBadInput;
    }
    QByteArray document;
    if (o.format == QLatin1String("json"))
        document = asJson(*report, root, rulesFile, o.changedSince);
    else if (o.format == QLatin1String("sarif"))
        document = SarifWriter::write(report->findings, &*rules, root);
    else
        document = asText(*report, o.changedSince);
    if (!o.output.isEmpty()) {
        QSaveFile file(o.output);
        if (!file.open(QIODevice::WriteOnly) || file.write(document) != document.size() || !file.commit()) {
            err << "harness check: cannot write " << o.output << ": " << file.errorString() << Qt::endl;
            return kBadInput;
        }
        if (o.format != QLatin1String("text"))
            out << asText(*report, o.changedSince);
    } else {
        out << QString::fromUtf8(document);
    }
    out.flush();
    bool violations = false;
    for (const Finding &f : report->findings)
        violations |= f.severity != Severity::Info;
    return violations ? kViolations : kClean;
}

} // namespace harness
