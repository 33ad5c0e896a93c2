// PolicyFile: reading through ProjectPolicy::fromJsonText (the same located errors a run reports) and
// writing through JsonTextEdit and QSaveFile (a crash never leaves half a file).
#include "policyfile.h"
#include "rules/jsontextedit.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace harness {

QString PolicyFile::pathFor(const QString &repositoryRoot)
{
    return QDir(repositoryRoot).filePath(QStringLiteral(".harness/policy.json"));
}

PolicyFile PolicyFile::load(const QString &repositoryRoot)
{
    PolicyFile file;
    file.m_path = pathFor(repositoryRoot);
    QFile f(file.m_path);
    file.m_exists = f.exists();
    if (!file.m_exists)
        return file;
    if (!f.open(QIODevice::ReadOnly)) {
        file.m_problem = QStringLiteral("%1 cannot be read: %2")
                                 .arg(QDir::toNativeSeparators(file.m_path), f.errorString());
        return file;
    }
    file.m_text = f.readAll();
    auto policy = ProjectPolicy::fromJsonText(file.m_text, QDir::toNativeSeparators(file.m_path));
    if (!policy) {
        file.m_problem = policy.errorText();
        return file;
    }
    file.m_policy = *policy;
    file.m_json = QJsonDocument::fromJson(file.m_text).object();
    return file;
}

bool PolicyFile::agentChosen() const
{
    if (m_json.contains(QLatin1String("provider")))
        return true;
    const QJsonValue executor = m_json.value(QLatin1String("executor"));
    return !executor.isUndefined() && executor != QJsonValue(QStringLiteral("builtin"));
}

Result<PolicySaved> PolicyFile::save(const QList<PolicyChange> &changes, bool replaceUnreadable)
{
    const QString shown = QDir::toNativeSeparators(m_path);
    if (!readable() && !replaceUnreadable)
        return Result<PolicySaved>::failure(
                QStringLiteral("%1 was not changed: it cannot be read (%2). Fix it in a text editor, or "
                               "replace it keeping a backup.")
                        .arg(shown, m_problem));
    const bool fresh = !m_exists || !readable();
    JsonTextEdit edit(fresh ? QByteArrayLiteral("{\n}\n") : m_text);
    for (const PolicyChange &change : changes) {
        const bool ok =
                change.value.isUndefined() ? edit.remove(change.path) : edit.set(change.path, change.value);
        if (!ok)
            return Result<PolicySaved>::failure(QStringLiteral("%1 was not changed: %2 cannot be set there.")
                                                        .arg(shown, change.path.join(QLatin1Char('.'))));
    }
    PolicySaved saved;
    saved.path = m_path;
    saved.changed = fresh ? (m_exists || edit.text() != QByteArrayLiteral("{\n}\n")) : edit.text() != m_text;
    if (!saved.changed)
        return saved;
    auto check = ProjectPolicy::fromJsonText(edit.text(), shown);
    if (!check)
        return Result<PolicySaved>::failure(
                QStringLiteral("These settings were not saved: %1").arg(check.errorText()));
    if (m_exists && !readable()) {
        saved.backupPath = m_path + QStringLiteral(".bak");
        for (int n = 2; QFileInfo::exists(saved.backupPath); ++n)
            saved.backupPath = m_path + QStringLiteral(".bak.%1").arg(n);
        if (!QFile::copy(m_path, saved.backupPath))
            return Result<PolicySaved>::failure(
                    QStringLiteral("%1 was not replaced: its backup %2 could not be written.")
                            .arg(shown, QDir::toNativeSeparators(saved.backupPath)));
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile out(m_path);
    if (!out.open(QIODevice::WriteOnly) || out.write(edit.text()) < 0 || !out.commit())
        return Result<PolicySaved>::failure(
                QStringLiteral("%1 could not be written: %2").arg(shown, out.errorString()));
    m_exists = true;
    m_problem.clear();
    m_text = edit.text();
    m_policy = *check;
    m_json = QJsonDocument::fromJson(m_text).object();
    return saved;
}

} // namespace harness
