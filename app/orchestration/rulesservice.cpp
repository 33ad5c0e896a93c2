// RulesService: the fingerprint compare and the write happen on the caller's thread (the workbench calls
// it from its store thread); the event follows the write, so the log never claims a change not made.
#include "rulesservice.h"

#include "core/events/projectevents.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>

namespace harness {

namespace {

constexpr qint64 kMaxRulesBytes = 4 * 1024 * 1024;

Result<QByteArray> readBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<QByteArray>::failure(QStringLiteral("%1 cannot be read: %2")
                                                   .arg(QDir::toNativeSeparators(path), file.errorString()));
    if (file.size() > kMaxRulesBytes)
        return Result<QByteArray>::failure(QStringLiteral("%1 is larger than %2 MiB; it is not a rules file")
                                                   .arg(QDir::toNativeSeparators(path))
                                                   .arg(kMaxRulesBytes / 1024 / 1024));
    return file.readAll();
}

// The rule ids a save added, removed and changed, each list sorted.
struct RuleIdChanges
{
    QStringList added, removed, changed;
};

template<typename Rule>
void compareRules(const QList<Rule> &before, const QList<Rule> &after, RuleIdChanges &out)
{
    QHash<QString, const Rule *> was;
    for (const Rule &r : before)
        was.insert(r.id, &r);
    for (const Rule &r : after) {
        const Rule *old = was.take(r.id);
        if (!old)
            out.added << r.id;
        else if (!(*old == r))
            out.changed << r.id;
    }
    for (auto it = was.cbegin(); it != was.cend(); ++it)
        out.removed << it.key();
}

RuleIdChanges compare(const RuleSet &before, const RuleSet &after)
{
    RuleIdChanges out;
    compareRules(before.layers, after.layers, out);
    compareRules(before.limits, after.limits, out);
    compareRules(before.forbidden, after.forbidden, out);
    compareRules(before.secrets.patterns, after.secrets.patterns, out);
    out.added.sort();
    out.removed.sort();
    out.changed.sort();
    return out;
}

QString backupPathFor(const QString &path)
{
    QString candidate = path + QStringLiteral(".bak");
    for (int n = 2; QFileInfo::exists(candidate); ++n)
        candidate = path + QStringLiteral(".bak.%1").arg(n);
    return candidate;
}

} // namespace

RulesService::RulesService(Store &store, const QString &repositoryRoot)
    : m_store(store), m_root(QDir::cleanPath(repositoryRoot))
{ }

QString RulesService::rulesPath(const QString &repositoryRoot)
{
    return QDir(QDir::cleanPath(repositoryRoot)).filePath(QStringLiteral(".harness/rules.json"));
}

QByteArray RulesService::fingerprintOf(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

Result<RulesFile> RulesService::load(const QString &repositoryRoot)
{
    RulesFile out;
    out.path = rulesPath(repositoryRoot);
    if (!QFileInfo::exists(out.path))
        return out;
    auto bytes = readBytes(out.path);
    if (!bytes)
        return bytes.error();
    auto rules = RuleSet::fromJsonText(*bytes, QDir::toNativeSeparators(out.path));
    if (!rules)
        return Result<RulesFile>::failure(
                QStringLiteral("%1 cannot be edited until it is fixed: %2")
                        .arg(QDir::toNativeSeparators(out.path), rules.errorText()));
    out.rules = *rules;
    out.exists = true;
    out.fingerprint = fingerprintOf(*bytes);
    return out;
}

Result<RulesFile> RulesService::save(const RuleSet &rules, const QByteArray &loadedFingerprint,
                                     const QString &actor)
{
    const QString path = rulesPath(m_root);
    RuleSet before;
    QByteArray beforeFingerprint;
    if (QFileInfo::exists(path)) {
        auto bytes = readBytes(path);
        if (!bytes)
            return bytes.error();
        beforeFingerprint = fingerprintOf(*bytes);
        auto current = RuleSet::fromJsonText(*bytes, QDir::toNativeSeparators(path));
        if (!current)
            return Result<RulesFile>::failure(
                    QStringLiteral("%1 was not saved: the file on disk cannot be parsed (%2). Fix it, or "
                                   "replace it keeping a backup.")
                            .arg(QDir::toNativeSeparators(path), current.errorText()));
        before = *current;
    }
    if (beforeFingerprint != loadedFingerprint)
        return Result<RulesFile>::failure(
                QStringLiteral(
                        "%1 changed on disk since the editor read it (another editor, or a git "
                        "checkout). Nothing was written; reload the rules, then make your change again.")
                        .arg(QDir::toNativeSeparators(path)));
    return write(rules, before, beforeFingerprint, actor, {});
}

Result<RulesFile> RulesService::replaceUnreadable(const RuleSet &rules, const QString &actor)
{
    const QString path = rulesPath(m_root);
    if (!QFileInfo::exists(path))
        return write(rules, {}, {}, actor, {});
    auto bytes = readBytes(path);
    if (bytes && RuleSet::fromJsonText(*bytes).ok())
        return Result<RulesFile>::failure(
                QStringLiteral("%1 can be read; it is edited and saved, not replaced.")
                        .arg(QDir::toNativeSeparators(path)));
    const QString backup = backupPathFor(path);
    if (!QFile::copy(path, backup))
        return Result<RulesFile>::failure(
                QStringLiteral("%1 was not replaced: its backup %2 could not be written.")
                        .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(backup)));
    return write(rules, {}, bytes ? fingerprintOf(*bytes) : QByteArray(), actor, backup);
}

Result<RulesFile> RulesService::write(const RuleSet &rules, const RuleSet &before,
                                      const QByteArray &beforeFingerprint, const QString &actor,
                                      const QString &backup)
{
    const QString path = rulesPath(m_root);
    if (Status valid = rules.validate(); !valid)
        return Result<RulesFile>::failure(
                QStringLiteral("The rules were not saved because %1 — fix it first.").arg(valid.errorText()));
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Result<RulesFile>::failure(
                QStringLiteral("The folder %1 cannot be created.")
                        .arg(QDir::toNativeSeparators(QFileInfo(path).absolutePath())));
    const QByteArray text = rules.toJsonText();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
        return Result<RulesFile>::failure(QStringLiteral("%1 could not be written: %2")
                                                  .arg(QDir::toNativeSeparators(path), file.errorString()));

    const RuleIdChanges changes = compare(before, rules);
    RulesFile out;
    out.path = path;
    out.rules = rules;
    out.exists = true;
    out.fingerprint = fingerprintOf(text);
    RulesChangedPayload changed;
    changed.path = QStringLiteral(".harness/rules.json");
    changed.before = QString::fromLatin1(beforeFingerprint);
    changed.after = QString::fromLatin1(out.fingerprint);
    changed.added = changes.added;
    changed.removed = changes.removed;
    changed.changed = changes.changed;
    changed.settingsChanged = before.exclude != rules.exclude ||
            before.secrets.builtin != rules.secrets.builtin ||
            before.secrets.entropy != rules.secrets.entropy ||
            before.secrets.allowPaths != rules.secrets.allowPaths ||
            before.secrets.allowPatterns != rules.secrets.allowPatterns;
    if (!backup.isEmpty())
        changed.backup = QDir(m_root).relativeFilePath(backup);
    auto logged = m_store.append(makeEvent({}, changed, actor));
    if (!logged)
        return Result<RulesFile>::failure(
                QStringLiteral("%1 was written, but the change could not be recorded in the audit trail: %2")
                        .arg(QDir::toNativeSeparators(path), logged.errorText()));
    return out;
}

} // namespace harness
