// ScratchTree: git ls-tree + one cat-file --batch for a commit; ls-files + WorktreeReader for a worktree.
// Writes go through writeEntry, which replaces a link or file standing where a directory must be.
#include "scratchtree.h"

#include "core/gitrunner.h"
#include "core/worktreereader.h"

#include <QDir>
#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace harness {

namespace {

bool acceptablePath(const QString &rel)
{
    if (rel.isEmpty() || rel.startsWith(QLatin1Char('/')) || rel.contains(QChar(0)))
        return false;
    for (const QString &part : rel.split(QLatin1Char('/')))
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String("..") ||
            part == QLatin1String(".git"))
            return false;
    return true;
}

// Makes the directories of rel below root, replacing any link or non-directory on the way, so that the
// entry is written inside root whatever stood there.
Status prepareParents(const QString &root, const QString &rel)
{
    QString path = root;
    const QStringList parts = rel.split(QLatin1Char('/'));
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        path += QLatin1Char('/') + parts.at(i);
        struct stat st;
        const QByteArray native = QFile::encodeName(path);
        if (::lstat(native.constData(), &st) == 0) {
            if (S_ISDIR(st.st_mode))
                continue;
            if (::unlink(native.constData()) != 0)
                return Status::failure(QStringLiteral("cannot replace %1 in the scratch copy").arg(path));
        }
        if (::mkdir(native.constData(), 0755) != 0)
            return Status::failure(QStringLiteral("cannot make the folder %1 in the scratch copy").arg(path));
    }
    return success();
}

enum class EntryKind { File, Executable, Link };

Status writeEntry(const QString &root, const QString &rel, const QByteArray &data, EntryKind kind)
{
    if (!acceptablePath(rel))
        return Status::failure(QStringLiteral("refused the path \"%1\" in the scratch copy").arg(rel));
    if (Status s = prepareParents(root, rel); !s)
        return s;
    const QByteArray native = QFile::encodeName(root + QLatin1Char('/') + rel);
    struct stat st;
    if (::lstat(native.constData(), &st) == 0 && !S_ISDIR(st.st_mode))
        ::unlink(native.constData());
    if (kind == EntryKind::Link) {
        const QByteArray target = data + '\0';
        if (::symlink(target.constData(), native.constData()) != 0)
            return Status::failure(QStringLiteral("cannot make the link %1 in the scratch copy").arg(rel));
        return success();
    }
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          kind == EntryKind::Executable ? 0755 : 0644);
    if (fd < 0)
        return Status::failure(QStringLiteral("cannot write %1 in the scratch copy").arg(rel));
    qint64 done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n <= 0) {
            ::close(fd);
            return Status::failure(
                    QStringLiteral("cannot write %1 in the scratch copy (disk full?)").arg(rel));
        }
        done += n;
    }
    ::close(fd);
    return success();
}

Result<QStringList> zeroSeparated(const GitOutput &o, const QString &what)
{
    if (!o.ok())
        return Result<QStringList>::failure(QStringLiteral("%1 failed: %2").arg(what, o.errorText()));
    QStringList out;
    for (const QByteArray &item : o.out.split('\0'))
        if (!item.isEmpty())
            out << QString::fromUtf8(item);
    return out;
}

Status copyEntry(const WorktreeReader &reader, const QString &fromRoot, const QString &relative,
                 const QString &toRoot)
{
    const WorktreeEntry entry = reader.entry(relative);
    if (entry.type == WorktreeEntry::Type::Symlink && entry.linkPath == relative)
        return writeEntry(toRoot, relative, QFile::encodeName(entry.linkTarget), EntryKind::Link);
    if (entry.type != WorktreeEntry::Type::File)
        return success(); // gone, a directory, or below a link: nothing to copy
    const WorktreeRead read = reader.read(relative, ScratchTree::kMaxFileBytes);
    if (!read.ok())
        return Status::failure(QStringLiteral("cannot copy %1: %2").arg(relative, read.describe()));
    struct stat st;
    const bool executable =
            ::lstat(QFile::encodeName(fromRoot + QLatin1Char('/') + relative).constData(), &st) == 0 &&
            S_ISREG(st.st_mode) && (st.st_mode & S_IXUSR);
    return writeEntry(toRoot, relative, read.data, executable ? EntryKind::Executable : EntryKind::File);
}

} // namespace

Result<QStringList> ScratchTree::fromCommit(const QString &repoDir, const QString &revision,
                                            const QString &dir)
{
    const GitRunner git(repoDir);
    auto entries = zeroSeparated(git.exec({QStringLiteral("ls-tree"), QStringLiteral("-r"),
                                           QStringLiteral("-z"), QStringLiteral("--full-tree"), revision}),
                                 QStringLiteral("listing the files of %1").arg(revision));
    if (!entries)
        return entries.error();
    struct Blob
    {
        QString path;
        EntryKind kind;
    };
    QList<Blob> blobs;
    QByteArray request;
    for (const QString &entry : std::as_const(*entries)) {
        // "<mode> <type> <object>\t<path>"; submodules (commit) are left out
        const QString meta = entry.section(QLatin1Char('\t'), 0, 0);
        const QString path = entry.section(QLatin1Char('\t'), 1);
        const QStringList parts = meta.split(QLatin1Char(' '));
        if (parts.size() != 3 || parts.at(1) != QLatin1String("blob"))
            continue;
        if (!acceptablePath(path))
            return Result<QStringList>::failure(
                    QStringLiteral("the commit %1 holds the path \"%2\", which is not copied")
                            .arg(revision, path));
        blobs.append({path,
                      parts.at(0) == QLatin1String("120000")           ? EntryKind::Link
                              : parts.at(0) == QLatin1String("100755") ? EntryKind::Executable
                                                                       : EntryKind::File});
        request += parts.at(2).toLatin1() + '\n';
    }
    if (blobs.size() > kMaxFiles)
        return Result<QStringList>::failure(
                QStringLiteral("%1 has %2 files, more than the %3 a scratch copy takes")
                        .arg(revision)
                        .arg(blobs.size())
                        .arg(kMaxFiles));
    qint64 total = 0;
    const GitOutput objects = git.exec({QStringLiteral("cat-file"), QStringLiteral("--batch")}, request,
                                       [&total](qint64 bytes) {
                                           total = bytes;
                                           return bytes <= kMaxTotalBytes;
                                       });
    if (!objects.ok())
        return Result<QStringList>::failure(
                total > kMaxTotalBytes
                        ? QStringLiteral("the files of %1 are larger than a scratch copy takes").arg(revision)
                        : QStringLiteral("reading the files of %1 failed: %2")
                                  .arg(revision, objects.errorText()));
    // "<object> blob <size>\n<content>\n" per request line, in order
    qsizetype at = 0;
    QStringList written;
    for (const Blob &b : std::as_const(blobs)) {
        const qsizetype eol = objects.out.indexOf('\n', at);
        if (eol < 0)
            return Result<QStringList>::failure(QStringLiteral("git cat-file answered less than asked"));
        const QList<QByteArray> header = objects.out.mid(at, eol - at).split(' ');
        if (header.size() != 3 || header.at(1) != "blob")
            return Result<QStringList>::failure(
                    QStringLiteral("git cat-file could not read %1 of %2").arg(b.path, revision));
        const qsizetype size = header.at(2).toLongLong();
        if (size < 0 || eol + 1 + size > objects.out.size())
            return Result<QStringList>::failure(QStringLiteral("git cat-file answered less than asked"));
        if (Status s = writeEntry(dir, b.path, objects.out.mid(eol + 1, size), b.kind); !s)
            return s.error();
        written << b.path;
        at = eol + 1 + size + 1;
    }
    return written;
}

Status ScratchTree::copy(const QString &fromRoot, const QString &relative, const QString &toRoot)
{
    return copyEntry(WorktreeReader(fromRoot), fromRoot, relative, toRoot);
}

Status ScratchTree::remove(const QString &root, const QString &relative)
{
    if (!acceptablePath(relative))
        return Status::failure(QStringLiteral("refused the path \"%1\" in the scratch copy").arg(relative));
    // Only the entry itself: its parents are checked to be directories, not links, first.
    QString parent = root;
    const QStringList parts = relative.split(QLatin1Char('/'));
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        parent += QLatin1Char('/') + parts.at(i);
        struct stat st;
        if (::lstat(QFile::encodeName(parent).constData(), &st) != 0 || !S_ISDIR(st.st_mode))
            return success(); // nothing of ours below a link or a missing folder
    }
    const QByteArray native = QFile::encodeName(root + QLatin1Char('/') + relative);
    struct stat st;
    if (::lstat(native.constData(), &st) == 0 && !S_ISDIR(st.st_mode) && ::unlink(native.constData()) != 0)
        return Status::failure(QStringLiteral("cannot remove %1 from the scratch copy").arg(relative));
    return success();
}

Result<QStringList> ScratchTree::fromWorktree(const QString &worktree, const QString &dir,
                                              const std::function<bool(const QString &)> &skip)
{
    auto files = zeroSeparated(
            GitRunner(worktree).exec({QStringLiteral("ls-files"), QStringLiteral("-z"), QStringLiteral("-c"),
                                      QStringLiteral("-o"), QStringLiteral("--exclude-standard")}),
            QStringLiteral("listing the worktree's files"));
    if (!files)
        return files.error();
    files->removeDuplicates();
    if (files->size() > kMaxFiles)
        return Result<QStringList>::failure(QStringLiteral("the worktree has %1 files, more than the %2 a "
                                                           "scratch copy takes")
                                                    .arg(files->size())
                                                    .arg(kMaxFiles));
    const WorktreeReader reader(worktree);
    QStringList written;
    qint64 total = 0;
    for (const QString &rel : std::as_const(*files)) {
        if (!acceptablePath(rel) || (skip && skip(rel)))
            continue;
        const WorktreeEntry entry = reader.entry(rel);
        total += entry.size;
        if (total > kMaxTotalBytes)
            return Result<QStringList>::failure(
                    QStringLiteral("the worktree's files are larger than a scratch copy takes (%1 bytes)")
                            .arg(kMaxTotalBytes));
        if (entry.type != WorktreeEntry::Type::File && entry.type != WorktreeEntry::Type::Symlink)
            continue;
        if (Status s = copyEntry(reader, worktree, rel, dir); !s)
            return s.error();
        written << rel;
    }
    return written;
}

} // namespace harness
