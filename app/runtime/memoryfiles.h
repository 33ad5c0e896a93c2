// MemoryFiles: data handed to bubblewrap through file descriptors (memfd) instead of arguments or files
// on disk: the command text, redacted copies of git configuration. The descriptors are close-on-exec in
// the harness; the sandbox's child clears that flag for exactly these (see inheritable()).
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>

namespace harness {

class MemoryFiles
{
public:
    MemoryFiles() = default;
    ~MemoryFiles();
    MemoryFiles(const MemoryFiles &) = delete;
    MemoryFiles &operator=(const MemoryFiles &) = delete;

    // A descriptor reading `data` from its start, or an error.
    Result<int> add(const QByteArray &data);
    // The descriptors to keep open across exec into bwrap.
    const QList<int> &inheritable() const { return m_fds; }

private:
    QList<int> m_fds;
};

} // namespace harness
