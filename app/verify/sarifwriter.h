// SarifWriter: findings as a SARIF 2.1.0 log that GitHub code scanning accepts — one run, the rules
// (with their agent-facing help and origin) in tool.driver.rules, results with repository-relative URIs.
#pragma once

#include "core/finding.h"
#include "rules/ruleset.h"

#include <QJsonObject>

namespace harness {

class SarifWriter
{
public:
    explicit SarifWriter(QString toolName = QStringLiteral("harness"),
                         QString toolVersion = QStringLiteral(HARNESS_VERSION));

    // Describes the rules of a rule set (and the built-in secret patterns) in tool.driver.rules.
    void addRules(const RuleSet &rules);
    void addFindings(const QList<Finding> &findings);
    // root: the checked tree; recorded as %SRCROOT% so the relative URIs resolve.
    QJsonObject toJson(const QString &root = {}) const;
    QByteArray toJsonText(const QString &root = {}) const;

    static QByteArray write(const QList<Finding> &findings, const RuleSet *rules, const QString &root);

private:
    struct RuleInfo
    {
        QString id;
        QString description;
        QString help;
        Severity severity = Severity::Error;
        QJsonObject properties;
    };
    void addRule(const RuleInfo &rule);

    QString m_toolName;
    QString m_toolVersion;
    QList<RuleInfo> m_rules;
    QList<Finding> m_findings;
};

} // namespace harness
