// Prefault: madvise(MADV_POPULATE_WRITE) on the whole pages of a range.
#include "prefault.h"

#include <cstdint>
#include <sys/mman.h>
#include <unistd.h>

namespace harness {

void Prefault::forWriting(char *from, qsizetype bytes)
{
#ifdef MADV_POPULATE_WRITE
    // Below it few pages are fresh (measured: thresholds of 16 to 256 KiB alike).
    constexpr qsizetype kWorthIt = 256 * 1024;
    if (bytes < kWorthIt)
        return;
    static const uintptr_t page = uintptr_t(sysconf(_SC_PAGESIZE));
    const uintptr_t begin = (uintptr_t(from) + page - 1) & ~(page - 1);
    const uintptr_t end = (uintptr_t(from) + uintptr_t(bytes)) & ~(page - 1);
    if (end > begin)
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_POPULATE_WRITE);
#else
    Q_UNUSED(from);
    Q_UNUSED(bytes);
#endif
}

} // namespace harness
