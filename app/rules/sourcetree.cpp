// SourceTree: git plumbing (ls-files, diff) with a directory-walk fallback outside git.
#include "sourcetree.h"

#include "core/diff/diffparser.h"
#include "core/gitrunner.h"
#include "core/pathglob.h"
#include "core/worktreereader.h"

#include <QDir>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentMap>

namespace harness {

Result<QByteArray> SourceTree::git(const QString &root, const QStringList &arguments, int timeoutMs)
{
    // The tree may be an agent's: GitRunner runs git so that nothing in it can start a program.
    const GitOutput o =
            GitRunner(root, timeoutMs)
                    .exec(QStringList {QStringLiteral("-c"), QStringLiteral("core.quotepath=off")} +
                          arguments);
    if (!o.ok())
        return Result<QByteArray>::failure(
                QStringLiteral("git %1 failed: %2").arg(arguments.join(QLatin1Char(' ')), o.errorText()));
    return o.out;
}

bool SourceTree::isGitWorkTree(const QString &root)
{
    if (!QFileInfo::exists(QDir(root).filePath(QStringLiteral(".git"))))
        return false;
    auto out = git(root, {QStringLiteral("rev-parse"), QStringLiteral("--is-inside-work-tree")}, 10000);
    return out && out->trimmed() == "true";
}

namespace {

// An untracked file larger than this is checked on its first bytes.
constexpr qint64 kMaxUntrackedBytes = 64 * 1024 * 1024;
// Files whose existence one task of the pool confirms.
constexpr qsizetype kFilesPerRun = 512;

QStringList splitNul(const QByteArray &bytes)
{
    QStringList out;
    for (const QByteArray &part : bytes.split('\0'))
        if (!part.isEmpty())
            out << QString::fromUtf8(part);
    return out;
}

QStringList filtered(const QString &root, QStringList files, const QStringList &excludes, bool mustExist)
{
    const QList<PathGlob> globs = PathGlob::compile(excludes);
    QStringList out;
    out.reserve(files.size());
    for (QString &f : files)
        if (!PathGlob::matchesAny(globs, f))
            out << std::move(f);
    out.sort();
    out.removeDuplicates();
    // Deleted in the work tree, a submodule directory, or a link (never read: it may lead out). Looked
    // at in parallel, in runs of the sorted list (each run opens its directories once).
    if (mustExist) {
        const WorktreeReader reader(root);
        QList<QStringList> runs;
        for (qsizetype i = 0; i < out.size(); i += kFilesPerRun)
            runs.append(out.mid(i, kFilesPerRun));
        const QList<QStringList> kept = QtConcurrent::blockingMapped(
                runs, [&reader](const QStringList &run) { return reader.regularFiles(run); });
        out.clear();
        for (const QStringList &run : kept)
            out += run;
    }
    return out;
}

} // namespace

Result<QStringList> SourceTree::listFiles(const QString &root, const QStringList &excludes, Listing listing)
{
    if (!QFileInfo(root).isDir())
        return Result<QStringList>::failure(
                QStringLiteral("is not a directory; pass the root of the tree to check"), root);
    // One git process: ls-files itself refuses what is not a work tree (a bare repository, a broken
    // .git), and such a tree is then walked like any directory.
    if (QFileInfo::exists(QDir(root).filePath(QStringLiteral(".git")))) {
        auto out = git(root,
                       {QStringLiteral("ls-files"), QStringLiteral("-z"), QStringLiteral("--cached"),
                        QStringLiteral("--others"), QStringLiteral("--exclude-standard")});
        if (out)
            return filtered(root, splitNul(*out), excludes, listing == Listing::RegularFiles);
    }
    // Regular files only: the walk never descends into a link.
    WorktreeReader::WalkOptions options;
    options.skipDirectoryNames.clear();
    QStringList files = WorktreeReader(root).walk(QString(), options);
    files.erase(std::remove_if(files.begin(), files.end(),
                               [](const QString &f) { return f.startsWith(QLatin1String(".git/")); }),
                files.end());
    return filtered(root, files, excludes, false);
}

Result<QStringList> SourceTree::changedFiles(const QString &root, const QString &revision)
{
    if (!isGitWorkTree(root))
        return Result<QStringList>::failure(
                QStringLiteral("is not a git work tree, so changes since a revision cannot be found"), root);
    auto changed = git(root,
                       {QStringLiteral("diff"), QStringLiteral("-z"), QStringLiteral("--name-only"),
                        QStringLiteral("--diff-filter=d"), revision, QStringLiteral("--")});
    if (!changed)
        return Result<QStringList>::failure(QStringLiteral("cannot list the changes since \"%1\": %2; pass a "
                                                           "revision that exists (a branch, tag or commit)")
                                                    .arg(revision, changed.error().message));
    auto untracked = git(root,
                         {QStringLiteral("ls-files"), QStringLiteral("-z"), QStringLiteral("--others"),
                          QStringLiteral("--exclude-standard")});
    if (!untracked)
        return untracked.error();
    return filtered(root, splitNul(*changed) + splitNul(*untracked), {}, true);
}

Result<Diff> SourceTree::diffSince(const QString &root, const QString &revision)
{
    using R = Result<Diff>;
    if (!isGitWorkTree(root))
        return R::failure(QStringLiteral("is not a git work tree, so there is no diff to check"), root);
    // The prefixes and --no-textconv are spelled out so that no configuration (diff.noprefix,
    // diff.mnemonicPrefix, a textconv driver) changes what the parser reads.
    auto text = git(root,
                    {QStringLiteral("diff"), QStringLiteral("--no-color"), QStringLiteral("--no-ext-diff"),
                     QStringLiteral("--no-textconv"), QStringLiteral("--src-prefix=a/"),
                     QStringLiteral("--dst-prefix=b/"), QStringLiteral("-M"), QStringLiteral("-U3"), revision,
                     QStringLiteral("--")});
    if (!text)
        return R::failure(
                QStringLiteral("cannot diff against \"%1\": %2").arg(revision, text.error().message));
    auto parsed = DiffParser::parse(*text);
    if (!parsed)
        return R::failure(QStringLiteral("cannot read git's diff against \"%1\": %2")
                                  .arg(revision, parsed.errorText()));
    Diff diff = std::move(parsed).value();
    auto untracked = git(root,
                         {QStringLiteral("ls-files"), QStringLiteral("-z"), QStringLiteral("--others"),
                          QStringLiteral("--exclude-standard")});
    if (!untracked)
        return untracked.error();
    const WorktreeReader reader(root);
    for (const QString &path : splitNul(*untracked)) {
        // A link is shown by its target text, as git shows one; it is never followed.
        const WorktreeRead read = reader.read(path, kMaxUntrackedBytes, WorktreeReader::OverLimit::Truncate);
        QByteArray content;
        if (read.ok())
            content = read.data;
        else if (read.status == WorktreeRead::Status::Symlink && read.linkPath == read.relative)
            content = read.linkTarget.toUtf8();
        else if (read.status != WorktreeRead::Status::NotRegular)
            continue;
        DiffFile added;
        added.newPath = path;
        added.status = DiffFileStatus::Added;
        added.binary = read.status == WorktreeRead::Status::NotRegular || content.contains('\0');
        diff.addFile(std::move(added));
        if (diff.files.back().binary)
            continue;
        QList<QByteArray> lines = content.split('\n');
        if (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast();
        if (lines.isEmpty())
            continue;
        diff.addHunk(0, 0, 1, int(lines.size()));
        for (QByteArray l : std::as_const(lines)) {
            const bool crlf = l.endsWith('\r');
            if (crlf)
                l.chop(1);
            diff.addLine(DiffLineKind::Added, l, crlf ? DiffLine::CarriageReturn : 0);
        }
        if (!content.endsWith('\n'))
            diff.markNoNewlineAtEnd();
    }
    diff.finish();
    return diff;
}

} // namespace harness
