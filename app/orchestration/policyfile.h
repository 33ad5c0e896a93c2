// PolicyFile: a repository's .harness/policy.json as a person edits it — the text as written, the policy
// it gives (or why it gives none), and saving changed values as a minimal edit of that text.
#pragma once

#include "core/result.h"
#include "orchestration/projectpolicy.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

namespace harness {

// One value to write: the member at `path` set to `value`, or removed when `value` is undefined.
struct PolicyChange
{
    QStringList path;
    QJsonValue value = QJsonValue(QJsonValue::Undefined);
    bool operator==(const PolicyChange &) const = default;
};

struct PolicySaved
{
    QString path; // the file written
    QString backupPath; // where the unreadable file was kept, when it was replaced
    bool changed = false; // false when every value was already as asked (nothing written)
};

class PolicyFile
{
public:
    static QString pathFor(const QString &repositoryRoot);
    // Reads the file; a missing file is empty and readable (the defaults apply).
    static PolicyFile load(const QString &repositoryRoot);

    QString path() const { return m_path; }
    bool exists() const { return m_exists; }
    // False when the file exists but is not a valid policy; problem() says where (file:line:col).
    bool readable() const { return m_problem.isEmpty(); }
    QString problem() const { return m_problem; }
    const ProjectPolicy &policy() const { return m_policy; }
    const QJsonObject &json() const { return m_json; }
    QByteArray text() const { return m_text; }

    // Whether the policy names who does the work: a "provider", or an external agent ("executor" other
    // than "builtin"). Without one, nothing may run on a default the user never chose.
    bool agentChosen() const;

    // Applies `changes`. A readable file is edited in place: only the changed values' bytes are
    // rewritten. A missing file (or folder) is created. An unreadable file is replaced only when
    // `replaceUnreadable` is set, after copying it to policy.json.bak (or .bak.2, ...). The result is
    // validated as a run would read it before anything is written; an invalid one is refused.
    Result<PolicySaved> save(const QList<PolicyChange> &changes, bool replaceUnreadable = false);

private:
    QString m_path;
    bool m_exists = false;
    QString m_problem;
    ProjectPolicy m_policy;
    QJsonObject m_json;
    QByteArray m_text;
};

} // namespace harness
