// RuleSet: the contents of .harness/rules.json. Loads with errors located at line:column and JSON path,
// saves with a stable layout (fixed key order, 2-space indent, one rule per block) so edits diff cleanly.
#pragma once

#include "rule.h"

#include <QByteArray>
#include <QList>

namespace harness {

// Where a rules file is wrong: "rules.json:12:5: layers[2].allow[0]: names no layer".
struct RuleFileError
{
    QString file;
    int line = 0;
    int column = 0;
    QString path; // JSON path of the offending value, e.g. "layers[2].allow[0]"
    QString message;

    QString text() const;
};

struct RuleSet
{
    int version = 1;
    QStringList exclude; // globs never checked (generated code, fixtures, vendored trees)
    QList<Layer> layers;
    QList<LimitRule> limits;
    QList<ForbiddenRule> forbidden;
    SecretSettings secrets;

    // Reads and validates a rules file. The error text names file:line:column and the JSON path.
    static Result<RuleSet> load(const QString &path, RuleFileError *detail = nullptr);
    static Result<RuleSet> fromJsonText(const QByteArray &text,
                                        const QString &fileName = QStringLiteral("rules.json"),
                                        RuleFileError *detail = nullptr);
    QByteArray toJsonText() const;
    Status save(const QString &path) const; // atomic write of toJsonText()

    // Checks what JSON types cannot: unique ids, known layer names, valid globs and expressions.
    // Returns the JSON path of the first problem in Error::field.
    Status validate() const;

    const Layer *layerByName(const QString &name) const;
    // Index into layers of the first layer whose paths match, or -1.
    int layerIndexOf(const QString &relativePath) const;
    QStringList ruleIds() const;
    bool operator==(const RuleSet &) const = default;
};

} // namespace harness
