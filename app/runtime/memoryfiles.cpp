// MemoryFiles: memfd_create, write, rewind.
#include "memoryfiles.h"

#include <cerrno>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

namespace harness {

MemoryFiles::~MemoryFiles()
{
    for (int fd : std::as_const(m_fds))
        ::close(fd);
}

Result<int> MemoryFiles::add(const QByteArray &data)
{
    const int fd = ::memfd_create("harness-sandbox-data", MFD_CLOEXEC);
    if (fd < 0)
        return Result<int>::failure(
                QStringLiteral("memfd_create failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    m_fds << fd;
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + written, size_t(data.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return Result<int>::failure(QStringLiteral("cannot write sandbox data: %1")
                                                .arg(QString::fromLocal8Bit(std::strerror(errno))));
        written += n;
    }
    if (::lseek(fd, 0, SEEK_SET) != 0)
        return Result<int>::failure(QStringLiteral("cannot rewind sandbox data"));
    return fd;
}

} // namespace harness
