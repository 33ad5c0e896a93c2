// AgentsMap discovery: directory chains per scope, one file per directory, UTF-8-safe size cap.
#include "agentsmap.h"

#include "core/worktreereader.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace harness {

namespace {

const QString kOverride = QStringLiteral("AGENTS.override.md");
const QString kAgents = QStringLiteral("AGENTS.md");

QString joinRel(const QString &dir, const QString &name)
{
    return dir.isEmpty() ? name : dir + QLatin1Char('/') + name;
}

// A file's content when it is a regular file of the repository (reached without following a link) and
// not blank. Reads at most limit bytes: anything beyond the map's cap would be cut anyway.
bool readNonBlank(const QString &root, const QString &rel, QByteArray *out, qint64 limit = 64 * 1024)
{
    const WorktreeRead read = WorktreeReader::readFile(root, rel, std::max<qint64>(limit, 1),
                                                       WorktreeReader::OverLimit::Truncate);
    if (!read.ok() || read.data.trimmed().isEmpty())
        return false;
    if (out)
        *out = read.data;
    return true;
}

// The largest n <= limit such that bytes.left(n) does not end inside a UTF-8 sequence.
qsizetype utf8Boundary(const QByteArray &bytes, qsizetype limit)
{
    if (limit >= bytes.size())
        return bytes.size();
    if (limit <= 0)
        return 0;
    qsizetype n = limit;
    // Step back over continuation bytes (10xxxxxx) to the lead byte of the sequence that would be split.
    while (n > 0 && (static_cast<unsigned char>(bytes.at(n)) & 0xC0) == 0x80)
        --n;
    return n;
}

QStringList chainFor(const QString &dir)
{
    QStringList chain {QString()};
    if (dir.isEmpty())
        return chain;
    const QStringList parts = dir.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString acc;
    for (const QString &p : parts) {
        acc = joinRel(acc, p);
        chain.append(acc);
    }
    return chain;
}

} // namespace

QString AgentsMap::scopeDirectory(const QString &repoRoot, const QString &scope)
{
    QString s = QDir::fromNativeSeparators(scope.trimmed());
    if (QDir::isAbsolutePath(s)) {
        const QString root = QDir::cleanPath(QDir(repoRoot).absolutePath());
        s = QDir::cleanPath(s);
        if (s == root)
            return QString(QLatin1String(""));
        if (!s.startsWith(root + QLatin1Char('/')))
            return {};
        s = s.mid(root.size() + 1);
    }
    QStringList kept;
    for (const QString &part : s.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String(".."))
            return {};
        if (part == QLatin1String("."))
            continue;
        if (part.contains(QLatin1Char('*')) || part.contains(QLatin1Char('?')) ||
            part.contains(QLatin1Char('[')) || part.contains(QLatin1Char('{')))
            break;
        kept.append(part);
    }
    QString dir = kept.join(QLatin1Char('/'));
    // A plain path naming an existing file scopes to the file's directory.
    if (!dir.isEmpty() && QFileInfo(QDir(repoRoot).filePath(dir)).isFile())
        dir = dir.contains(QLatin1Char('/')) ? dir.section(QLatin1Char('/'), 0, -2) : QString();
    return dir.isNull() ? QString(QLatin1String("")) : dir;
}

QString AgentsMap::agentsFileIn(const QString &repoRoot, const QString &relativeDir)
{
    for (const QString &name : {kOverride, kAgents}) {
        const QString rel = joinRel(relativeDir, name);
        if (readNonBlank(repoRoot, rel, nullptr))
            return rel;
    }
    return {};
}

AgentsMap AgentsMap::discover(const QString &repoRoot, const QStringList &scopeGlobsOrPaths, qint64 maxBytes)
{
    AgentsMap map;
    map.repoRoot = QDir(repoRoot).absolutePath();

    // Directories to visit: the union of every scope's chain, each once.
    QStringList dirs;
    QSet<QString> seen;
    QStringList scopes = scopeGlobsOrPaths;
    if (scopes.isEmpty())
        scopes.append(QString());
    for (const QString &scope : std::as_const(scopes)) {
        const QString dir = scopeDirectory(map.repoRoot, scope);
        if (dir.isNull())
            continue;
        for (const QString &d : chainFor(dir)) {
            if (!seen.contains(d)) {
                seen.insert(d);
                dirs.append(d);
            }
        }
    }
    if (dirs.isEmpty())
        dirs.append(QString()); // every scope escaped the root: the root's file still applies
    // Root first, parents before children; siblings in name order so the result is stable.
    std::stable_sort(dirs.begin(), dirs.end(), [](const QString &a, const QString &b) {
        const qsizetype da = a.isEmpty() ? 0 : a.count(QLatin1Char('/')) + 1;
        const qsizetype db = b.isEmpty() ? 0 : b.count(QLatin1Char('/')) + 1;
        return da != db ? da < db : a < b;
    });

    struct Part
    {
        QString path;
        QByteArray bytes;
    };
    QList<Part> parts;
    for (const QString &dir : std::as_const(dirs)) {
        for (const QString &name : {kOverride, kAgents}) {
            const QString rel = joinRel(dir, name);
            QByteArray content;
            if (readNonBlank(map.repoRoot, rel, &content, maxBytes + 1)) {
                parts.append({rel, content});
                break;
            }
        }
    }
    if (parts.isEmpty())
        return map;

    QByteArray full = QByteArrayLiteral("AGENTS.md map: ") + QByteArray::number(parts.size()) +
            QByteArray(parts.size() == 1 ? " file" : " files") +
            QByteArrayLiteral(", root first. Where they disagree, the file nearest to the code you change "
                              "wins (later sections override earlier ones).\n");
    QList<qsizetype> starts; // where each part's header begins in full
    for (const Part &p : std::as_const(parts)) {
        full += '\n';
        starts.append(full.size());
        full += QByteArrayLiteral("### ") + p.path.toUtf8() + '\n' + p.bytes;
        if (!full.endsWith('\n'))
            full += '\n';
    }
    for (const Part &p : std::as_const(parts))
        map.files.append(p.path);

    if (full.size() <= maxBytes) {
        map.text = QString::fromUtf8(full);
        return map;
    }

    // Cut so that the kept text plus the note stays within maxBytes.
    map.truncated = true;
    auto noteFor = [&](qsizetype cutAt) {
        QStringList cut;
        QStringList dropped;
        for (qsizetype i = 0; i < parts.size(); ++i) {
            const qsizetype end = i + 1 < parts.size() ? starts.at(i + 1) : full.size();
            if (starts.at(i) >= cutAt)
                dropped.append(parts.at(i).path);
            else if (end > cutAt)
                cut.append(parts.at(i).path);
        }
        const QString kib = maxBytes % 1024 == 0 ? QString::number(maxBytes / 1024)
                                                 : QString::number(double(maxBytes) / 1024.0, 'f', 1);
        QString note = QStringLiteral("\n[AGENTS.md map truncated at %1 KiB:").arg(kib);
        if (!cut.isEmpty())
            note += QStringLiteral(" %1 is cut short;").arg(cut.join(QStringLiteral(", ")));
        if (!dropped.isEmpty())
            note += QStringLiteral(" left out: %1;").arg(dropped.join(QStringLiteral(", ")));
        note += QStringLiteral(" read those files directly before relying on them.]\n");
        return std::make_pair(note, cut + dropped);
    };
    // The note's length depends on where the cut falls; two passes settle it (the note only grows when
    // more files are dropped, which only happens when the cut moves earlier).
    qsizetype cutAt = maxBytes;
    for (int pass = 0; pass < 3; ++pass) {
        const QByteArray note = noteFor(cutAt).first.toUtf8();
        cutAt = utf8Boundary(full, std::max<qint64>(0, maxBytes - note.size()));
    }
    auto [note, cutFiles] = noteFor(cutAt);
    QByteArray kept = full.left(cutAt);
    map.text = QString::fromUtf8(kept) + note;
    map.cutFiles = cutFiles;
    return map;
}

QString AgentsMap::nearestFor(const QString &filePath) const
{
    QString rel = QDir::fromNativeSeparators(filePath);
    if (QDir::isAbsolutePath(rel)) {
        const QString root = QDir::cleanPath(repoRoot);
        rel = QDir::cleanPath(rel);
        if (!rel.startsWith(root + QLatin1Char('/')))
            return {};
        rel = rel.mid(root.size() + 1);
    }
    rel = QDir::cleanPath(rel);
    if (rel.startsWith(QLatin1String("..")))
        return {};
    // Start from the file's directory (or the path itself when it is a directory).
    QString dir = QFileInfo(QDir(repoRoot).filePath(rel)).isDir() ? rel
            : rel.contains(QLatin1Char('/'))                      ? rel.section(QLatin1Char('/'), 0, -2)
                                                                  : QString();
    if (dir == QLatin1String("."))
        dir.clear();
    while (true) {
        const QString found = agentsFileIn(repoRoot, dir);
        if (!found.isEmpty())
            return found;
        if (dir.isEmpty())
            return {};
        dir = dir.contains(QLatin1Char('/')) ? dir.section(QLatin1Char('/'), 0, -2) : QString();
    }
}

} // namespace harness
