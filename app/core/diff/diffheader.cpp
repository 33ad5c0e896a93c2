// DiffHeader: reading git's header lines of one file and resolving them into a DiffFile.
#include "diffheader.h"

#include "gitpath.h"

#include <QRegularExpression>

#include <algorithm>
#include <cstring>

namespace harness {

namespace {

const char *const kExtendedLines[] = {"index ",
                                      "old mode ",
                                      "new mode ",
                                      "new file mode ",
                                      "deleted file mode ",
                                      "similarity index ",
                                      "dissimilarity index ",
                                      "rename from ",
                                      "rename to ",
                                      "copy from ",
                                      "copy to ",
                                      "Binary files ",
                                      "GIT binary patch"};

QString shown(QByteArrayView text)
{
    return QString::fromUtf8(text.first(qMin<qsizetype>(80, text.size())));
}

// git's a/ or b/ prefix (git diff -R swaps them, so either may stand on either side).
QString stripped(const QString &path)
{
    return path.startsWith(QLatin1String("a/")) || path.startsWith(QLatin1String("b/")) ? path.mid(2) : path;
}

bool isMode(QByteArrayView v)
{
    static const QRegularExpression mode(QStringLiteral("^[0-7]{6}$"));
    return mode.match(QString::fromLatin1(v)).hasMatch();
}

// "92%" -> 92
int percent(QByteArrayView v)
{
    if (!v.endsWith('%') || v.size() < 2 || v.size() > 4)
        return -1;
    bool ok = false;
    const int n = v.first(v.size() - 1).toByteArray().toInt(&ok);
    return ok && n >= 0 && n <= 100 ? n : -1;
}

Result<DiffHeader::Name> plainName(QByteArrayView v)
{
    auto path = GitPath::unquote(v);
    if (!path)
        return path.error();
    if (path->isEmpty())
        return Result<DiffHeader::Name>::failure(QStringLiteral("a file header has no file name"));
    return DiffHeader::Name {true, false, *path};
}

// A name on a "---" or "+++" line: a tab ends it (a timestamp may follow, and git adds one after a bare
// name with a space in it); a quoted name has its tabs escaped.
Result<DiffHeader::Name> sideName(QByteArrayView v)
{
    const qsizetype tab = v.indexOf('\t');
    if (tab >= 0)
        v.truncate(tab);
    if (v == QByteArrayView("/dev/null"))
        return DiffHeader::Name {true, true, {}};
    return plainName(v);
}

} // namespace

bool DiffHeader::isExtendedLine(QByteArrayView line)
{
    return std::any_of(std::begin(kExtendedLines), std::end(kExtendedLines),
                       [&](const char *p) { return line.startsWith(QByteArrayView(p)); });
}

// "diff --git a/<old> b/<new>": exact when a side is quoted, both halves are equal, or " b/" occurs once;
// otherwise (bare names with spaces that differ) the rename, copy or "---"/"+++" lines decide.
Status DiffHeader::readGitLine(QByteArrayView rest)
{
    const Status malformed = Status::failure(QStringLiteral("malformed \"diff --git\" line"));
    m_git = true;
    QByteArrayView left, right;
    if (rest.startsWith('"')) {
        const qsizetype len = GitPath::quotedLength(rest);
        if (len < 0 || len + 1 >= rest.size() || rest[len] != ' ')
            return malformed;
        left = rest.first(len);
        right = rest.sliced(len + 1);
        m_gitExact = true;
    } else if (rest.endsWith('"')) {
        for (qsizetype i = 0; i + 1 < rest.size() && right.isEmpty(); ++i) {
            if (rest[i] == ' ' && rest[i + 1] == '"' &&
                GitPath::quotedLength(rest.sliced(i + 1)) == rest.size() - i - 1) {
                left = rest.first(i);
                right = rest.sliced(i + 1);
            }
        }
        if (right.isEmpty())
            return malformed;
        m_gitExact = true;
    } else {
        const qsizetype half = (rest.size() - 1) / 2;
        if (rest.size() % 2 == 1 && rest.size() > 4 && rest[half] == ' ' &&
            rest.first(half).sliced(2) == rest.sliced(half + 3)) {
            left = rest.first(half);
            right = rest.sliced(half + 1);
            m_gitExact = true;
        } else {
            const QByteArrayView separator(rest.startsWith("b/") ? " a/" : " b/");
            const qsizetype split = rest.indexOf(separator);
            if (split <= 0)
                return malformed;
            left = rest.first(split);
            right = rest.sliced(split + 1);
            m_gitExact = rest.indexOf(separator, split + 1) < 0;
        }
    }
    auto oldName = plainName(left);
    if (!oldName)
        return oldName.error();
    auto newName = plainName(right);
    if (!newName)
        return newName.error();
    m_gitOld = *oldName;
    m_gitNew = *newName;
    m_gitOld.path = stripped(m_gitOld.path);
    m_gitNew.path = stripped(m_gitNew.path);
    return success();
}

Status DiffHeader::readSide(QByteArrayView line)
{
    auto name = sideName(line.sliced(4));
    if (!name)
        return name.error();
    (line.startsWith('-') ? m_minus : m_plus) = *name;
    return success();
}

Status DiffHeader::readExtendedLine(QByteArrayView line)
{
    const char *const *kind = std::find_if(std::begin(kExtendedLines), std::end(kExtendedLines),
                                           [&](const char *p) { return line.startsWith(QByteArrayView(p)); });
    if (kind == std::end(kExtendedLines))
        return Status::failure(QStringLiteral("unexpected line \"%1\"").arg(shown(line)));
    const QByteArrayView what(*kind);
    const QByteArrayView value = line.sliced(what.size());
    const auto mode = [&](QString *out) {
        if (!isMode(value))
            return Status::failure(QStringLiteral("malformed mode \"%1\"").arg(shown(value)));
        *out = QString::fromLatin1(value);
        return success();
    };
    const auto name = [&](std::optional<QString> *out) {
        auto n = plainName(value);
        if (!n)
            return Status(n.error());
        *out = n->path;
        return success();
    };
    if (what == "index ") {
        const qsizetype dots = value.indexOf(QByteArrayView(".."));
        const qsizetype space = value.indexOf(' ');
        const QByteArrayView ids = space < 0 ? value : value.first(space);
        if (dots <= 0 || dots + 2 >= ids.size())
            return Status::failure(QStringLiteral("malformed index line"));
        m_oldBlob = QString::fromLatin1(ids.first(dots));
        m_newBlob = QString::fromLatin1(ids.sliced(dots + 2));
        if (space < 0)
            return success();
        if (!isMode(value.sliced(space + 1)))
            return Status::failure(QStringLiteral("malformed mode on the index line"));
        m_indexMode = QString::fromLatin1(value.sliced(space + 1));
        return success();
    }
    if (what == "old mode ")
        return mode(&m_oldMode);
    if (what == "new mode ")
        return mode(&m_newMode);
    if (what == "new file mode ")
        return mode(&m_newFileMode);
    if (what == "deleted file mode ")
        return mode(&m_deletedFileMode);
    if (what == "similarity index " || what == "dissimilarity index ") {
        const int p = percent(value);
        if (p < 0)
            return Status::failure(QStringLiteral("malformed %1line").arg(QString::fromLatin1(what)));
        (what == "similarity index " ? m_similarity : m_dissimilarity) = p;
        return success();
    }
    if (what == "rename from ")
        return name(&m_renameFrom);
    if (what == "rename to ")
        return name(&m_renameTo);
    if (what == "copy from ")
        return name(&m_copyFrom);
    if (what == "copy to ")
        return name(&m_copyTo);
    m_binary = true; // "GIT binary patch", or "Binary files a/x and b/x differ" with /dev/null for a side
    m_binaryAdded = what == "Binary files " && value.startsWith(QByteArrayView("/dev/null and "));
    m_binaryDeleted = what == "Binary files " && value.endsWith(QByteArrayView(" and /dev/null differ"));
    return success();
}

// What the writer could not print back the same way is refused too: git never prints it either.
Status DiffHeader::checkConsistent(bool added, bool deleted, bool renamed, bool copied) const
{
    if (m_minus.devNull && m_plus.devNull)
        return Status::failure(QStringLiteral("both sides of a file are /dev/null"));
    if ((added && deleted) || (renamed && copied) || ((renamed || copied) && (added || deleted)))
        return Status::failure(QStringLiteral("the header lines of a file contradict each other"));
    if ((renamed && !(m_renameFrom && m_renameTo)) || (copied && !(m_copyFrom && m_copyTo)))
        return Status::failure(QStringLiteral("a rename or copy needs both its \"from\" and \"to\" lines"));
    if (m_oldMode.isEmpty() != m_newMode.isEmpty() || (!m_oldMode.isEmpty() && m_oldMode == m_newMode))
        return Status::failure(QStringLiteral("\"old mode\" and \"new mode\" come together and differ"));
    if ((m_similarity >= 0 && !renamed && !copied) || (m_dissimilarity >= 0 && (renamed || copied)))
        return Status::failure(QStringLiteral(
                "a similarity index belongs to a rename or copy, a dissimilarity index to a rewrite"));
    if ((!m_newFileMode.isEmpty() && m_minus.present && !m_minus.devNull) ||
        (!m_deletedFileMode.isEmpty() && m_plus.present && !m_plus.devNull))
        return Status::failure(
                QStringLiteral("an added file's \"---\" (or a deleted file's \"+++\") must be /dev/null"));
    return success();
}

Result<DiffFile> DiffHeader::resolve() &&
{
    using R = Result<DiffFile>;
    // Without "diff --git", names lose their a/ and b/ only when both sides have them.
    const auto prefixed = [](const Name &n, const char *prefix) {
        return n.devNull || n.path.startsWith(QLatin1String(prefix));
    };
    if (m_git || (prefixed(m_minus, "a/") && prefixed(m_plus, "b/")) ||
        (prefixed(m_minus, "b/") && prefixed(m_plus, "a/"))) {
        m_minus.path = stripped(m_minus.path);
        m_plus.path = stripped(m_plus.path);
    }
    const bool added = !m_newFileMode.isEmpty() || m_minus.devNull || m_binaryAdded;
    const bool deleted = !m_deletedFileMode.isEmpty() || m_plus.devNull || m_binaryDeleted;
    const bool renamed = m_renameFrom || m_renameTo;
    const bool copied = m_copyFrom || m_copyTo;
    if (Status s = checkConsistent(added, deleted, renamed, copied); !s)
        return s.error();

    // Every header line that names a side must name the same file.
    const auto side = [&](const std::optional<QString> &moved, const Name &header, const Name &git,
                          QString *out) -> Status {
        QStringList names;
        if (moved)
            names << *moved;
        if (header.present && !header.devNull)
            names << header.path;
        if (git.present && (m_gitExact || names.isEmpty()))
            names << git.path;
        for (const QString &n : std::as_const(names))
            if (n != names.first())
                return Status::failure(
                        QStringLiteral("the header lines name different files: \"%1\" and \"%2\"")
                                .arg(names.first().left(200), n.left(200)));
        *out = names.value(0);
        return success();
    };
    QString oldName, newName;
    if (Status s = side(renamed ? m_renameFrom : m_copyFrom, m_minus, m_gitOld, &oldName); !s)
        return s.error();
    if (Status s = side(renamed ? m_renameTo : m_copyTo, m_plus, m_gitNew, &newName); !s)
        return s.error();

    DiffFile file;
    file.status = added          ? DiffFileStatus::Added
            : deleted            ? DiffFileStatus::Deleted
            : renamed            ? DiffFileStatus::Renamed
            : copied             ? DiffFileStatus::Copied
            : oldName != newName ? DiffFileStatus::Renamed
                                 : DiffFileStatus::Modified;
    if (!added)
        file.oldPath = oldName;
    if (!deleted)
        file.newPath = newName;
    if ((!added && file.oldPath.isEmpty()) || (!deleted && file.newPath.isEmpty()))
        return R::failure(QStringLiteral("a file header has no file name"));
    file.oldMode = added ? QString() : !m_deletedFileMode.isEmpty() ? m_deletedFileMode : m_oldMode;
    file.newMode = deleted ? QString() : !m_newFileMode.isEmpty() ? m_newFileMode : m_newMode;
    if (!added && !deleted && file.oldMode.isEmpty() && file.newMode.isEmpty())
        file.oldMode = file.newMode = m_indexMode; // "index a..b 100644": the mode did not change
    file.similarity = m_similarity;
    file.dissimilarity = m_dissimilarity;
    file.oldBlob = m_oldBlob;
    file.newBlob = m_newBlob;
    file.binary = m_binary;
    file.binaryPatch = std::move(m_binaryPatch);
    return file;
}

} // namespace harness
