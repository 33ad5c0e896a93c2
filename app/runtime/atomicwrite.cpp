// AtomicWrite: a temporary file beside the target, then rename(2).
#include "atomicwrite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace harness {

namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(strerror(error));
}

Status failure(int error)
{
    return Status::failure(QStringLiteral("cannot write: %1").arg(systemError(error)));
}

QByteArray temporaryName(const QString &dir, const QString &fileName)
{
    return QFile::encodeName(
            dir + QStringLiteral("/.") + fileName.left(64) +
            QStringLiteral(".%1.tmp").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')));
}

bool writeAll(int fd, const QByteArray &data, int *error)
{
    for (qsizetype done = 0; done < data.size();) {
        const ssize_t n = write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = n < 0 ? errno : EIO;
            return false;
        }
        done += n;
    }
    return true;
}

} // namespace

Status AtomicWrite::replace(const QString &path, const QByteArray &data)
{
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    if (!QDir().mkpath(dir))
        return Status::failure(QStringLiteral("cannot create the folder %1").arg(dir));
    const QByteArray target = QFile::encodeName(info.absoluteFilePath());
    struct stat old;
    const bool existed = lstat(target.constData(), &old) == 0 && S_ISREG(old.st_mode);
    // The content goes into a file with no name first (O_TMPFILE), so a harness killed while writing
    // leaves nothing in the tree for the next checkpoint to commit; it gets a name only when complete,
    // for the one rename that replaces the target. Where the file system has no O_TMPFILE, a named
    // temporary file beside the target is used.
    int fd = open(QFile::encodeName(dir).constData(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    const bool unnamed = fd >= 0;
    QByteArray temporary;
    for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
        temporary = temporaryName(dir, info.fileName());
        fd = open(temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            return failure(errno);
    }
    if (fd < 0)
        return Status::failure(QStringLiteral("cannot write: no free temporary name beside the file"));
    bool named = !unnamed; // whether `temporary` is this write's file, to remove on a failure
    int error = 0;
    bool ok = true;
    if (existed && fchmod(fd, old.st_mode & 07777) != 0) {
        ok = false;
        error = errno;
    }
    ok = ok && writeAll(fd, data, &error);
    if (ok && unnamed) {
        // Named just before the rename: linkat fails when the name exists, so a fresh one is tried.
        const QByteArray self = "/proc/self/fd/" + QByteArray::number(fd);
        for (int attempt = 0; attempt < 16 && !named; ++attempt) {
            temporary = temporaryName(dir, info.fileName());
            named = linkat(AT_FDCWD, self.constData(), AT_FDCWD, temporary.constData(), AT_SYMLINK_FOLLOW) ==
                    0;
            error = named ? 0 : errno;
            if (!named && error != EEXIST)
                break;
        }
        ok = named;
    }
    if (close(fd) != 0 && ok) {
        ok = false;
        error = errno;
    }
    if (ok && rename(temporary.constData(), target.constData()) != 0) {
        ok = false;
        error = errno;
    }
    if (!ok) {
        if (named)
            unlink(temporary.constData());
        return failure(error ? error : EIO);
    }
    return success();
}

} // namespace harness
