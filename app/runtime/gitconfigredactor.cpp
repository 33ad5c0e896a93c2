// GitConfigRedactor: what is dropped and how the redacted file is written (git-config(1) syntax).
#include "gitconfigredactor.h"
#include "core/gitrunner.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QRegularExpression>

namespace harness {

namespace {
struct CacheEntry
{
    qint64 size = -1;
    QDateTime modified;
    QByteArray text;
    QStringList credentialFiles;
};
QMutex g_cacheMutex;
QHash<QString, CacheEntry> g_cache;

const QRegularExpression kSecretName(QStringLiteral("pass|token|secret|auth|cookie|credential|extraheader|"
                                                    "private"),
                                     QRegularExpression::CaseInsensitiveOption);

QByteArray quoted(const QString &text)
{
    QByteArray out = "\"";
    for (const QChar c : text) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('"'))
            out += '\\' + QString(c).toUtf8();
        else if (c == QLatin1Char('\n'))
            out += "\\n";
        else if (c == QLatin1Char('\t'))
            out += "\\t";
        else
            out += QString(c).toUtf8();
    }
    return out + '"';
}

Result<CacheEntry> load(const QString &path)
{
    const QFileInfo info(path);
    {
        QMutexLocker lock(&g_cacheMutex);
        const auto it = g_cache.constFind(path);
        if (it != g_cache.constEnd() && it->size == info.size() && it->modified == info.lastModified())
            return *it;
    }
    // `--file` reads exactly this file; GitRunner keeps secrets out of git's environment as everywhere.
    const GitOutput git =
            GitRunner(info.absolutePath(), 30000)
                    .exec({QStringLiteral("config"), QStringLiteral("--file"), path,
                           QStringLiteral("--no-includes"), QStringLiteral("--list"), QStringLiteral("-z")});
    if (!git.ok())
        return Result<CacheEntry>::failure(
                QStringLiteral("cannot read the git configuration %1 to give the sandbox a redacted copy: %2")
                        .arg(path, git.errorText().left(300)));
    CacheEntry entry;
    entry.size = info.size();
    entry.modified = info.lastModified();
    entry.text = GitConfigRedactor::redactListing(git.out, nullptr, &entry.credentialFiles);
    QMutexLocker lock(&g_cacheMutex);
    g_cache.insert(path, entry);
    return entry;
}
} // namespace

QString GitConfigRedactor::stripUserInfo(QString text)
{
    static const QRegularExpression userInfo(QStringLiteral("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\\s\"]*@"));
    return text.replace(userInfo, QStringLiteral("\\1"));
}

QByteArray GitConfigRedactor::redactListing(const QByteArray &listing, QStringList *dropped,
                                            QStringList *credentialFiles)
{
    QByteArray out =
            "# A redacted copy made by the harness for its sandbox: credential helpers, include files,\n"
            "# extra HTTP headers, passwords and tokens, and user names in URLs are left out.\n";
    QString lastSection;
    QString lastSubsection;
    bool haveSection = false;
    for (const QByteArray &record : listing.split('\0')) {
        if (record.isEmpty())
            continue;
        const qsizetype nl = record.indexOf('\n');
        const QString key = QString::fromUtf8(nl < 0 ? record : record.left(nl));
        const bool hasValue = nl >= 0;
        const QString value = hasValue ? QString::fromUtf8(record.mid(nl + 1)) : QString();
        const qsizetype firstDot = key.indexOf(QLatin1Char('.'));
        const qsizetype lastDot = key.lastIndexOf(QLatin1Char('.'));
        if (firstDot <= 0 || lastDot == key.size() - 1)
            continue;
        const QString section = key.left(firstDot).toLower();
        const QString name = key.mid(lastDot + 1).toLower();
        const QString subsection =
                lastDot > firstDot ? key.mid(firstDot + 1, lastDot - firstDot - 1) : QString();
        if (section == QLatin1String("credential") && name == QLatin1String("helper") && credentialFiles) {
            static const QRegularExpression storeFile(QStringLiteral("--file[= ]\\s*(\\S+)"));
            const auto m = storeFile.match(value);
            if (value.contains(QLatin1String("store")) && m.hasMatch())
                *credentialFiles << m.captured(1);
        }
        const bool drop = section == QLatin1String("credential") || section == QLatin1String("include") ||
                section == QLatin1String("includeif") || kSecretName.match(name).hasMatch() ||
                subsection.contains(QLatin1Char('\n'));
        if (drop) {
            if (dropped)
                *dropped << key;
            continue;
        }
        const QString sub = stripUserInfo(subsection);
        if (!haveSection || section != lastSection || sub != lastSubsection) {
            out += '[' + section.toUtf8();
            if (lastDot > firstDot)
                out += ' ' + quoted(sub);
            out += "]\n";
            lastSection = section;
            lastSubsection = sub;
            haveSection = true;
        }
        out += '\t' + name.toUtf8();
        if (hasValue)
            out += " = " + quoted(stripUserInfo(value));
        out += '\n';
    }
    return out;
}

Result<QByteArray> GitConfigRedactor::redactFile(const QString &path)
{
    auto entry = load(path);
    if (!entry)
        return entry.error();
    return entry->text;
}

QStringList GitConfigRedactor::credentialStoreFiles(const QString &path)
{
    auto entry = load(path);
    return entry ? entry->credentialFiles : QStringList();
}

} // namespace harness
