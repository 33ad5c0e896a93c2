// The rule kinds of .harness/rules.json (docs/architecture.md, "Containment"): layers, limits, forbidden
// patterns or imports, secret patterns. Each carries an id, a severity, a message for the agent and its
// origin.
#pragma once

#include "core/finding.h"

#include <QJsonObject>
#include <QStringList>

namespace harness {

class JsonReader;

// Where a rule came from: the incident that created it, the run and finding it was made from.
struct RuleOrigin
{
    QString incident; // what happened, in words
    QString run; // id of the run that produced the finding, when made from one
    QJsonObject finding; // the finding the rule was made from (Finding::toJson())
    QString created; // ISO 8601 date the rule was added

    bool isEmpty() const
    {
        return incident.isEmpty() && run.isEmpty() && finding.isEmpty() && created.isEmpty();
    }
    QJsonObject toJson() const;
    static RuleOrigin read(JsonReader &reader, const QJsonObject &json);
    bool operator==(const RuleOrigin &) const = default;
};

// A named group of files; files in it may depend on files of the layers named in `allow` only.
struct Layer
{
    QString id; // rule id reported for a forbidden dependency out of this layer
    QString name;
    QStringList paths;
    QStringList allow; // names of the layers this one may depend on
    Severity severity = Severity::Error;
    QString message; // appended to the generated explanation
    RuleOrigin origin;
    bool operator==(const Layer &) const = default;
};

// A file must not be longer than maxLines lines.
struct LimitRule
{
    QString id;
    QStringList paths;
    QStringList excludePaths;
    int maxLines = 0;
    Severity severity = Severity::Error;
    QString message;
    RuleOrigin origin;
    bool operator==(const LimitRule &) const = default;
};

// Text (a regular expression, per line) or imports (globs over the import spec, e.g. "QtWidgets/*")
// that must not appear in the files the paths select.
struct ForbiddenRule
{
    QString id;
    QStringList paths;
    QStringList excludePaths;
    QString pattern;
    QStringList imports;
    Severity severity = Severity::Error;
    QString message;
    RuleOrigin origin;
    bool operator==(const ForbiddenRule &) const = default;
};

// A secret that must never be committed: a regular expression, optionally with the capture group that
// holds the secret, a minimum Shannon entropy for it, and keywords that must occur first (pre-filter).
struct SecretPattern
{
    QString id;
    QString pattern;
    int secretGroup = 0;
    double minEntropy = 0.0;
    QStringList keywords;
    Severity severity = Severity::Error;
    QString message;
    RuleOrigin origin;
    bool operator==(const SecretPattern &) const = default;
};

struct SecretSettings
{
    bool builtin = true; // use the built-in patterns (cloud and API keys, private keys)
    double entropy = 4.0; // generic check: keyword-assigned values at least this random; 0 = off
    QStringList allowPaths; // globs of files never scanned for secrets
    QStringList allowPatterns; // regular expressions; a secret, match or line matching one is allowed
    QList<SecretPattern> patterns;
    bool operator==(const SecretSettings &) const = default;
};

} // namespace harness
