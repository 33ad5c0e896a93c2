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
    int fd = -1;
    QByteArray temporary;
    for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
        temporary = QFile::encodeName(dir + QStringLiteral("/.") + info.fileName().left(64) +
                                      QStringLiteral(".%1.tmp").arg(QRandomGenerator::global()->generate(), 8,
                                                                    16, QLatin1Char('0')));
        fd = open(temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            return Status::failure(QStringLiteral("cannot write: %1").arg(systemError(errno)));
    }
    if (fd < 0)
        return Status::failure(QStringLiteral("cannot write: no free temporary name beside the file"));
    const auto fail = [&](int error) {
        close(fd);
        unlink(temporary.constData());
        return Status::failure(QStringLiteral("cannot write: %1").arg(systemError(error)));
    };
    if (existed && fchmod(fd, old.st_mode & 07777) != 0)
        return fail(errno);
    for (qsizetype done = 0; done < data.size();) {
        const ssize_t n = write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail(n < 0 ? errno : EIO);
        done += n;
    }
    if (close(fd) != 0) {
        const int error = errno;
        unlink(temporary.constData());
        return Status::failure(QStringLiteral("cannot write: %1").arg(systemError(error)));
    }
    if (rename(temporary.constData(), target.constData()) != 0) {
        const int error = errno;
        unlink(temporary.constData());
        return Status::failure(QStringLiteral("cannot write: %1").arg(systemError(error)));
    }
    return success();
}

} // namespace harness
