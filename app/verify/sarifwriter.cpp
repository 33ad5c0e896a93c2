// SarifWriter: builds the SARIF object; rules referenced only by findings get a generic description.
#include "sarifwriter.h"

#include "rules/secretscanner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace harness {

namespace {

QString level(Severity s)
{
    switch (s) {
    case Severity::Error:
        return QStringLiteral("error");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Info:
        return QStringLiteral("note");
    }
    return QStringLiteral("error");
}

QString uriFor(const QString &path)
{
    return QString::fromUtf8(QUrl::toPercentEncoding(QDir::fromNativeSeparators(path), "/"));
}

} // namespace

SarifWriter::SarifWriter(QString toolName, QString toolVersion)
    : m_toolName(std::move(toolName)), m_toolVersion(std::move(toolVersion))
{ }

void SarifWriter::addRule(const RuleInfo &rule)
{
    for (const RuleInfo &r : std::as_const(m_rules))
        if (r.id == rule.id)
            return;
    m_rules.append(rule);
}

void SarifWriter::addRules(const RuleSet &rules)
{
    auto origin = [](const RuleOrigin &o) {
        QJsonObject p;
        if (!o.isEmpty())
            p.insert(QStringLiteral("origin"), o.toJson());
        return p;
    };
    for (const Layer &l : rules.layers)
        addRule({l.id,
                 QStringLiteral("Layer \"%1\" (%2) may depend only on: %3")
                         .arg(l.name, l.paths.join(QStringLiteral(", ")),
                              l.allow.isEmpty() ? QStringLiteral("no other layer")
                                                : l.allow.join(QStringLiteral(", "))),
                 l.message.isEmpty()
                         ? QStringLiteral(
                                   "Move the code into a layer this one may use, or invert the dependency.")
                         : l.message,
                 l.severity, origin(l.origin)});
    for (const LimitRule &l : rules.limits)
        addRule({l.id,
                 QStringLiteral("Files in %1 have at most %2 lines")
                         .arg(l.paths.join(QStringLiteral(", ")))
                         .arg(l.maxLines),
                 l.message, l.severity, origin(l.origin)});
    for (const ForbiddenRule &f : rules.forbidden)
        addRule({f.id,
                 f.pattern.isEmpty() ? QStringLiteral("Forbidden imports in %1: %2")
                                               .arg(f.paths.join(QStringLiteral(", ")),
                                                    f.imports.join(QStringLiteral(", ")))
                                     : QStringLiteral("Forbidden pattern in %1: %2")
                                               .arg(f.paths.join(QStringLiteral(", ")), f.pattern),
                 f.message, f.severity, origin(f.origin)});
    QList<SecretPattern> secrets = rules.secrets.patterns;
    if (rules.secrets.builtin)
        secrets += SecretScanner::builtinPatterns();
    for (const SecretPattern &s : secrets)
        addRule({s.id, QStringLiteral("Secret: %1").arg(s.id), s.message, s.severity, origin(s.origin)});
    if (rules.secrets.entropy > 0)
        addRule({QStringLiteral("generic-secret"),
                 QStringLiteral("High-entropy value assigned to a secret-looking name"),
                 QStringLiteral("Read credentials at run time from the environment or the OS keychain."),
                 Severity::Error,
                 {}});
}

void SarifWriter::addFindings(const QList<Finding> &findings)
{
    m_findings += findings;
    for (const Finding &f : findings)
        addRule({f.rule.isEmpty() ? QStringLiteral("finding") : f.rule,
                 f.rule.isEmpty() ? QStringLiteral("Finding") : f.rule, QString(), f.severity,
                 f.source.isEmpty() ? QJsonObject() : QJsonObject {{QStringLiteral("source"), f.source}}});
}

QJsonObject SarifWriter::toJson(const QString &root) const
{
    QJsonArray rules;
    QHash<QString, int> index;
    for (const RuleInfo &r : m_rules) {
        QJsonObject o {{QStringLiteral("id"), r.id},
                       {QStringLiteral("name"), r.id},
                       {QStringLiteral("shortDescription"),
                        QJsonObject {{QStringLiteral("text"), r.description.left(1000)}}},
                       {QStringLiteral("defaultConfiguration"),
                        QJsonObject {{QStringLiteral("level"), level(r.severity)}}}};
        if (!r.help.isEmpty()) {
            o.insert(QStringLiteral("fullDescription"), QJsonObject {{QStringLiteral("text"), r.help}});
            o.insert(QStringLiteral("help"), QJsonObject {{QStringLiteral("text"), r.help}});
        }
        if (!r.properties.isEmpty())
            o.insert(QStringLiteral("properties"), r.properties);
        index.insert(r.id, int(rules.size()));
        rules.append(o);
    }
    QJsonArray results;
    for (const Finding &f : m_findings) {
        const QString ruleId = f.rule.isEmpty() ? QStringLiteral("finding") : f.rule;
        QJsonObject result {
                {QStringLiteral("ruleId"), ruleId},
                {QStringLiteral("ruleIndex"), index.value(ruleId)},
                {QStringLiteral("level"), level(f.severity)},
                {QStringLiteral("message"),
                 QJsonObject {{QStringLiteral("text"), f.message.isEmpty() ? ruleId : f.message}}}};
        if (!f.file.isEmpty()) {
            QJsonObject physical {{QStringLiteral("artifactLocation"),
                                   QJsonObject {{QStringLiteral("uri"), uriFor(f.file)},
                                                {QStringLiteral("uriBaseId"), QStringLiteral("%SRCROOT%")}}}};
            if (f.line > 0) {
                QJsonObject region {{QStringLiteral("startLine"), f.line}};
                if (f.column > 0)
                    region.insert(QStringLiteral("startColumn"), f.column);
                physical.insert(QStringLiteral("region"), region);
            }
            result.insert(QStringLiteral("locations"),
                          QJsonArray {QJsonObject {{QStringLiteral("physicalLocation"), physical}}});
        }
        // a stable identity across runs, so code scanning tracks one alert per problem
        const QByteArray identity =
                (ruleId + QLatin1Char('\n') + f.file + QLatin1Char('\n') + f.message).toUtf8();
        result.insert(QStringLiteral("partialFingerprints"),
                      QJsonObject {{QStringLiteral("harnessFinding/v1"),
                                    QString::fromLatin1(
                                            QCryptographicHash::hash(identity, QCryptographicHash::Sha256)
                                                    .toHex()
                                                    .left(32))}});
        results.append(result);
    }
    QJsonObject driver {{QStringLiteral("name"), m_toolName},
                        {QStringLiteral("version"), m_toolVersion},
                        {QStringLiteral("semanticVersion"), m_toolVersion},
                        {QStringLiteral("informationUri"),
                         QStringLiteral("https://github.com/harness-workbench/harness-workbench")},
                        {QStringLiteral("rules"), rules}};
    QJsonObject run {{QStringLiteral("tool"), QJsonObject {{QStringLiteral("driver"), driver}}},
                     {QStringLiteral("columnKind"), QStringLiteral("utf16CodeUnits")},
                     {QStringLiteral("results"), results}};
    if (!root.isEmpty()) {
        QString uri = QUrl::fromLocalFile(QDir(root).absolutePath()).toString();
        if (!uri.endsWith(QLatin1Char('/')))
            uri += QLatin1Char('/');
        run.insert(QStringLiteral("originalUriBaseIds"),
                   QJsonObject {{QStringLiteral("%SRCROOT%"), QJsonObject {{QStringLiteral("uri"), uri}}}});
    }
    return QJsonObject {
            {QStringLiteral("$schema"), QStringLiteral("https://json.schemastore.org/sarif-2.1.0.json")},
            {QStringLiteral("version"), QStringLiteral("2.1.0")},
            {QStringLiteral("runs"), QJsonArray {run}}};
}

QByteArray SarifWriter::toJsonText(const QString &root) const
{
    return QJsonDocument(toJson(root)).toJson(QJsonDocument::Indented);
}

QByteArray SarifWriter::write(const QList<Finding> &findings, const RuleSet *rules, const QString &root)
{
    SarifWriter w;
    if (rules)
        w.addRules(*rules);
    w.addFindings(findings);
    return w.toJsonText(root);
}

} // namespace harness
