// Prefault: the pages a large read is about to fill, mapped in one call instead of a page fault each. A
// process reading a large file into fresh memory otherwise stops once every 4 KiB: about 10 us a fault in a
// virtual machine, a quarter of a whole `harness check` in a new process.
#pragma once

#include <QtGlobal>

namespace harness {

struct Prefault
{
    // Maps the whole pages of [from, from + bytes) writable, when there are enough of them to be worth a
    // system call (madvise MADV_POPULATE_WRITE). The contents are unchanged; kernels before 5.14 do not
    // know the advice and ignore it.
    static void forWriting(char *from, qsizetype bytes);
};

} // namespace harness
