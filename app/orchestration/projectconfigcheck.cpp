// ProjectConfigCheck: each file is read by its own loader (the rule engine's, the gate pipeline's, the
// policy's), named relative to the repository so the message reads the same on every machine.
#include "projectconfigcheck.h"
#include "projectpolicy.h"

#include "rules/ruleset.h"
#include "verify/gateconfig.h"

#include <QDir>
#include <QFile>

namespace harness {

namespace {

// The file's bytes, or nothing when it does not exist.
Result<QByteArray> readIfPresent(const QString &path)
{
    QFile f(path);
    if (!f.exists())
        return QByteArray();
    if (!f.open(QIODevice::ReadOnly))
        return Result<QByteArray>::failure(QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    QByteArray bytes = f.readAll();
    if (bytes.isEmpty())
        bytes = " "; // an empty file is present and invalid, not absent
    return bytes;
}

} // namespace

Status ProjectConfigCheck::check(const QString &directory, QString *brokenFile)
{
    const auto failed = [brokenFile](const QString &message, const QString &file) {
        if (brokenFile)
            *brokenFile = file;
        return Status::failure(message);
    };
    const QDir root(directory);
    const QString rulesName = QStringLiteral(".harness/rules.json");
    const QString gatesName = QStringLiteral(".harness/gates.json");
    const QString policyName = QStringLiteral(".harness/policy.json");

    auto rules = readIfPresent(root.filePath(rulesName));
    if (!rules)
        return rules.error();
    if (!rules->isEmpty()) {
        if (auto loaded = RuleSet::fromJsonText(*rules, rulesName); !loaded)
            return failed(loaded.errorText(), rulesName);
    }
    auto gates = readIfPresent(root.filePath(gatesName));
    if (!gates)
        return gates.error();
    if (!gates->isEmpty()) {
        if (auto loaded = GateConfig::fromJsonText(*gates, gatesName); !loaded)
            return failed(loaded.errorText(), gatesName);
    }
    auto policy = readIfPresent(root.filePath(policyName));
    if (!policy)
        return policy.error();
    if (!policy->isEmpty()) {
        if (auto loaded = ProjectPolicy::fromJsonText(*policy, policyName); !loaded)
            return failed(loaded.errorText(), policyName);
    }
    return success();
}

QString ProjectConfigCheck::stoppedMessage(const QString &error, const QString &brokenFile)
{
    return QStringLiteral("configuration error: %1 — fix %2, then start the task again (nothing was "
                          "planned or built)")
            .arg(error, brokenFile.isEmpty() ? QStringLiteral("the file it names") : brokenFile);
}

} // namespace harness
