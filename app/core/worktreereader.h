// WorktreeReader: the one way the harness reads a worktree's files outside the sandbox. Paths are opened
// below the worktree's directory descriptor without following a symbolic link at any component, only
// regular files are read, and never more than the caller's byte limit (see docs/security.md).
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace harness {

// What a path of the worktree is, seen without following links.
struct WorktreeEntry
{
    enum class Type { Missing, File, Directory, Symlink, Other, Refused };
    Type type = Type::Missing;
    qint64 size = 0; // bytes, for a file
    qint64 modifiedMs =
            0; // last modification, milliseconds since the epoch (the entry's own, not a target's)
    QString linkPath; // the component that is a link ("src/leak.py" or its parent "src")
    QString linkTarget; // that link's target text: data, never followed
    QString error; // for Refused: why
};

struct WorktreeRead
{
    enum class Status {
        Ok, // data holds the whole file
        Truncated, // data holds the first maxBytes bytes; size says how large the file is
        TooLarge, // over the limit and the caller asked for nothing in that case
        Missing,
        Symlink, // the path (or a directory on the way) is a symbolic link: not followed
        Directory,
        NotRegular, // a FIFO, socket or device: never opened for reading
        Refused, // the path itself is not acceptable (absolute outside, "..", NUL)
        Error, // the system refused (permissions, I/O)
    };
    Status status = Status::Missing;
    QByteArray data;
    qint64 size = 0; // the file's whole size in bytes (when known)
    QString relative; // the path as normalised
    QString linkPath;
    QString linkTarget;
    QString error; // for Refused and Error

    bool ok() const { return status == Status::Ok || status == Status::Truncated; }
    // One line for a log or a message: "src/leak.py is a symbolic link (-> /x); not followed".
    QString describe() const;
};

class WorktreeReader
{
public:
    enum class OverLimit { Truncate, Refuse };

    // Opens the worktree's directory (the root path itself is the harness's own and may be a link).
    explicit WorktreeReader(const QString &root);

    bool isOpen() const;
    QString root() const;

    // Reads a regular file named relative to the root ("/"-separated; an absolute path is accepted
    // only when it lies under the root as given). At most maxBytes bytes are returned. With sniffBytes,
    // a file whose first sniffBytes bytes hold a NUL byte (binary data) is read no further: Truncated,
    // with those bytes.
    WorktreeRead read(const QString &relative, qint64 maxBytes, OverLimit over = OverLimit::Refuse,
                      qint64 sniffBytes = 0) const;
    // What the path is, without following links anywhere on the way.
    WorktreeEntry entry(const QString &relative) const;
    bool isFile(const QString &relative) const { return entry(relative).type == WorktreeEntry::Type::File; }
    // Those of the paths that are regular files (no link anywhere on the way), in their order. Sorted
    // input is fastest: a directory is opened once for the paths in it that follow each other.
    QStringList regularFiles(const QStringList &relatives) const;

    struct WalkOptions
    {
        QStringList skipDirectoryNames {QStringLiteral(".git")};
        bool includeSymlinks = false; // list links by name (they are never descended into or read)
        int maxEntries = 500000;
    };
    // The regular files (and optionally the links) below relativeDir, relative to the root, sorted.
    // Never descends into a symbolic link; FIFOs, sockets and devices are left out.
    QStringList walk(const QString &relativeDir, const WalkOptions &options, bool *truncated = nullptr) const;
    QStringList walk(const QString &relativeDir = {}) const { return walk(relativeDir, WalkOptions {}); }

    // One-off read without keeping a reader.
    static WorktreeRead readFile(const QString &root, const QString &relative, qint64 maxBytes,
                                 OverLimit over = OverLimit::Refuse);

    // Tests use this to run the O_NOFOLLOW walk that serves kernels without openat2.
    static void setOpenat2Allowed(bool allowed);

private:
    struct Handle;
    std::shared_ptr<const Handle> m_handle;
};

} // namespace harness
