// GateConfig: parsing and validation of gates.json, errors located with the rules' JsonTextLocator.
#include "gateconfig.h"

#include "core/jsonreader.h"
#include "rules/jsontextlocator.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace harness {

QString gateKindName(GateKind kind)
{
    switch (kind) {
    case GateKind::Command:
        return QStringLiteral("command");
    case GateKind::Rules:
        return QStringLiteral("rules");
    case GateKind::Secrets:
        return QStringLiteral("secrets");
    case GateKind::Coverage:
        return QStringLiteral("coverage");
    case GateKind::TestIntegrity:
        return QStringLiteral("test-integrity");
    case GateKind::HeldOutTests:
        return QStringLiteral("held-out-tests");
    case GateKind::Acceptance:
        return QStringLiteral("acceptance");
    case GateKind::Scope:
        return QStringLiteral("scope");
    }
    return QStringLiteral("command");
}

namespace {

const QStringList kFormats {QStringLiteral("none"),  QStringLiteral("gcc"),    QStringLiteral("ctest"),
                            QStringLiteral("junit"), QStringLiteral("pytest"), QStringLiteral("eslint"),
                            QStringLiteral("sarif"), QStringLiteral("regex")};

void rejectUnknownKeys(JsonReader &r, const QJsonObject &o, const QStringList &known)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key())) {
            r.fail(it.key(),
                   QStringLiteral("unknown key \"%1\"; expected one of: %2")
                           .arg(it.key(), known.join(QStringLiteral(", "))));
            return;
        }
}

Gate readGate(JsonReader &r, const QJsonObject &o)
{
    rejectUnknownKeys(r, o,
                      {QStringLiteral("id"), QStringLiteral("kind"), QStringLiteral("command"),
                       QStringLiteral("workdir"), QStringLiteral("timeout_s"),
                       QStringLiteral("stop_on_failure"), QStringLiteral("network"), QStringLiteral("parser"),
                       QStringLiteral("scope"), QStringLiteral("rules"), QStringLiteral("report"),
                       QStringLiteral("format"), QStringLiteral("threshold"), QStringLiteral("test_paths"),
                       QStringLiteral("tests_gate")});
    Gate g;
    g.id = r.string(QStringLiteral("id"));
    const QString kind = r.string(QStringLiteral("kind"));
    bool known = false;
    for (GateKind k : {GateKind::Command, GateKind::Rules, GateKind::Secrets, GateKind::Coverage,
                       GateKind::TestIntegrity, GateKind::HeldOutTests})
        if (gateKindName(k) == kind) {
            g.kind = k;
            known = true;
        }
    if (r.ok() && !known)
        r.fail(QStringLiteral("kind"),
               QStringLiteral("must be command, rules, secrets, coverage, test-integrity or held-out-tests "
                              "(got \"%1\")")
                       .arg(kind));
    g.command = r.optionalString(QStringLiteral("command"));
    g.workdir = r.optionalString(QStringLiteral("workdir"));
    g.timeoutSeconds = int(r.integer(QStringLiteral("timeout_s"), false, 600));
    g.stopOnFailure = r.boolean(QStringLiteral("stop_on_failure"), true);
    auto network = NetworkPolicy::fromJson(o.value(QStringLiteral("network")),
                                           r.fieldPath(QStringLiteral("network")));
    if (network)
        g.network = *network;
    else
        r.adopt(network.error());
    g.scope = r.optionalString(QStringLiteral("scope"), QStringLiteral("changed"));
    g.rulesFile = r.optionalString(QStringLiteral("rules"));
    g.coverageReport = r.optionalString(QStringLiteral("report"));
    g.coverageFormat = r.optionalString(QStringLiteral("format"));
    g.threshold = r.number(QStringLiteral("threshold"), false, 80.0);
    g.testPaths = r.stringList(QStringLiteral("test_paths"));
    g.testsGate = r.optionalString(QStringLiteral("tests_gate"));
    const QJsonValue pv = o.value(QStringLiteral("parser"));
    if (pv.isString()) {
        g.parser.format = pv.toString();
    } else if (pv.isObject()) {
        const QJsonObject po = pv.toObject();
        JsonReader pr(po, r.fieldPath(QStringLiteral("parser")));
        rejectUnknownKeys(pr, po,
                          {QStringLiteral("format"), QStringLiteral("report"), QStringLiteral("pattern"),
                           QStringLiteral("severity"), QStringLiteral("rule")});
        g.parser.format = pr.string(QStringLiteral("format"));
        g.parser.report = pr.optionalString(QStringLiteral("report"));
        g.parser.pattern = pr.optionalString(QStringLiteral("pattern"));
        g.parser.severity = pr.optionalString(QStringLiteral("severity"), QStringLiteral("error"));
        g.parser.rule = pr.optionalString(QStringLiteral("rule"));
        if (pr.ok() && g.parser.format == QLatin1String("regex")) {
            const QRegularExpression rx(g.parser.pattern);
            if (g.parser.pattern.isEmpty())
                pr.fail(QStringLiteral("pattern"),
                        QStringLiteral(
                                "the regex parser needs a pattern with named groups file, line and message"));
            else if (!rx.isValid())
                pr.fail(QStringLiteral("pattern"),
                        QStringLiteral("invalid regular expression: %1").arg(rx.errorString()));
            else if (!rx.namedCaptureGroups().contains(QStringLiteral("message")))
                pr.fail(QStringLiteral("pattern"),
                        QStringLiteral("needs a named group (?<message>...) at least"));
        }
        if (pr.ok() &&
            !QStringList {QStringLiteral("info"), QStringLiteral("warning"), QStringLiteral("error"),
                          QStringLiteral("note")}
                     .contains(g.parser.severity))
            pr.fail(QStringLiteral("severity"), QStringLiteral("must be info, warning or error"));
        if (!pr.ok())
            r.adopt(pr.error());
    } else if (!pv.isUndefined() && !pv.isNull()) {
        r.fail(QStringLiteral("parser"),
               QStringLiteral("must be a format name or an object with \"format\""));
    }
    if (g.parser.format.isEmpty())
        g.parser.format = QStringLiteral("none");
    if (!r.ok())
        return g;
    if (!kFormats.contains(g.parser.format))
        r.fail(QStringLiteral("parser"),
               QStringLiteral("unknown format \"%1\"; use one of: %2")
                       .arg(g.parser.format, kFormats.join(QStringLiteral(", "))));
    else if (g.kind == GateKind::Command && g.command.trimmed().isEmpty())
        r.fail(QStringLiteral("command"), QStringLiteral("a command gate needs a command line to run"));
    else if (g.timeoutSeconds <= 0)
        r.fail(QStringLiteral("timeout_s"), QStringLiteral("must be a positive number of seconds"));
    else if (g.workdir.startsWith(QLatin1Char('/')) ||
             g.workdir.split(QLatin1Char('/')).contains(QStringLiteral("..")))
        r.fail(QStringLiteral("workdir"),
               QStringLiteral("must be a path inside the worktree, relative to its root"));
    else if ((g.kind == GateKind::Rules || g.kind == GateKind::Secrets) &&
             g.scope != QLatin1String("changed") && g.scope != QLatin1String("tree"))
        r.fail(QStringLiteral("scope"), QStringLiteral("must be \"changed\" or \"tree\""));
    else if (g.kind == GateKind::Coverage && g.coverageReport.isEmpty())
        r.fail(QStringLiteral("report"),
               QStringLiteral("a coverage gate needs the report file (lcov .info, .gcov or Cobertura XML)"));
    else if (g.kind == GateKind::Coverage && !g.coverageFormat.isEmpty() &&
             !QStringList {QStringLiteral("lcov"), QStringLiteral("gcov"), QStringLiteral("cobertura")}
                      .contains(g.coverageFormat))
        r.fail(QStringLiteral("format"), QStringLiteral("must be lcov, gcov or cobertura"));
    else if (g.kind == GateKind::HeldOutTests && !g.command.trimmed().isEmpty() &&
             !QStringList {QStringLiteral("pytest"), QStringLiteral("junit"), QStringLiteral("ctest")}
                      .contains(g.parser.format))
        r.fail(QStringLiteral("parser"),
               QStringLiteral("a held-out-tests gate reads its command's test results: use the pytest, junit "
                              "or ctest parser"));
    else if (g.threshold < 0 || g.threshold > 100)
        r.fail(QStringLiteral("threshold"), QStringLiteral("must be a percentage between 0 and 100"));
    return g;
}

} // namespace

Result<GateConfig> GateConfig::fromJsonText(const QByteArray &text, const QString &fileName)
{
    JsonTextLocator locator(text);
    auto fail = [&](const QString &path, const QString &message, qsizetype offset = -1) {
        const TextPosition pos =
                offset >= 0 ? locator.positionOfOffset(offset) : locator.positionOfPath(path);
        QString where = fileName;
        if (pos.line > 0)
            where += QStringLiteral(":%1:%2").arg(pos.line).arg(pos.column);
        return Result<GateConfig>(
                Error {message, path.isEmpty() ? where : where + QStringLiteral(": ") + path});
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QString(),
                    QStringLiteral("not valid JSON (%1); fix the syntax at this position")
                            .arg(parseError.errorString()),
                    parseError.offset);
    if (!doc.isObject())
        return fail(QString(), QStringLiteral("the top level must be an object with a \"gates\" array"), 0);
    const QJsonObject root = doc.object();
    JsonReader top(root);
    rejectUnknownKeys(top, root, {QStringLiteral("version"), QStringLiteral("gates")});
    const int version = int(top.integer(QStringLiteral("version"), false, 1));
    if (top.ok() && version != 1)
        top.fail(QStringLiteral("version"), QStringLiteral("only version 1 is supported"));
    const QJsonArray gates = top.array(QStringLiteral("gates"), true);
    GateConfig config;
    QSet<QString> ids;
    for (qsizetype i = 0; i < gates.size() && top.ok(); ++i) {
        const QString path = QStringLiteral("gates[%1]").arg(i);
        if (!gates.at(i).isObject())
            return fail(path, QStringLiteral("must be an object"));
        const QJsonObject o = gates.at(i).toObject();
        JsonReader r(o, path);
        Gate g = readGate(r, o);
        if (!r.ok())
            return fail(r.error().field, r.error().message);
        if (ids.contains(g.id))
            return fail(path + QStringLiteral(".id"),
                        QStringLiteral("gate id \"%1\" is used twice").arg(g.id));
        ids.insert(g.id);
        config.gates.append(g);
    }
    if (!top.ok())
        return fail(top.error().field, top.error().message);
    for (qsizetype i = 0; i < config.gates.size(); ++i) {
        const Gate &g = config.gates.at(i);
        if (g.testsGate.isEmpty())
            continue;
        const Gate *named = config.gate(g.testsGate);
        if (!named || named->kind != GateKind::Command)
            return fail(QStringLiteral("gates[%1].tests_gate").arg(i),
                        QStringLiteral("must be the id of a command gate (got \"%1\")").arg(g.testsGate));
    }
    return config;
}

Result<GateConfig> GateConfig::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result<GateConfig>::failure(
                QStringLiteral("cannot read the gates file (%1); create .harness/gates.json")
                        .arg(f.errorString()),
                path);
    return fromJsonText(f.readAll(), path);
}

const Gate *GateConfig::gate(const QString &id) const
{
    for (const Gate &g : gates)
        if (g.id == id)
            return &g;
    return nullptr;
}

} // namespace harness
