// libFuzzer target: reads arbitrary text as a patch the way apply_patch does (the one diff parser plus the
// tool's refusals). Whatever parses must write back to text that parses to the same model; for every
// accepted modification it rebuilds an old file consistent with the hunks and checks that applying
// succeeds with the expected number of lines.
#include "core/diff/diffparser.h"
#include "core/diff/diffwriter.h"
#include "runtime/patchapplier.h"

#include <cstddef>
#include <cstdint>

using namespace harness;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    if (auto model = DiffParser::parse(bytes)) {
        auto again = DiffParser::parse(DiffWriter::write(*model));
        if (!again || !(*again == *model))
            __builtin_trap(); // the writer lost or changed something the parser had read
    }
    auto diff = PatchApplier::read(QString::fromUtf8(bytes));
    if (!diff)
        return 0;
    for (const DiffFile &file : diff->files) {
        if (file.isAdded()) {
            (void)PatchApplier::apply(*diff, file, TextSnapshot());
            continue;
        }
        int n = 0;
        for (const DiffHunk &h : diff->hunksOf(file)) {
            for (const DiffLine &l : diff->linesOf(h))
                n = qMax(n, int(l.oldLine));
            if (h.oldCount == 0)
                n = qMax(n, h.oldStart);
        }
        if (n > 100000)
            continue;
        TextSnapshot original;
        for (int i = 0; i < n; ++i)
            original.lines << QStringLiteral("~filler~");
        for (const DiffLine &l : diff->linesOf(file))
            if (l.kind != DiffLineKind::Added)
                original.lines[int(l.oldLine) - 1] = diff->lineText(l);
        auto applied = PatchApplier::apply(*diff, file, original);
        if (!applied)
            __builtin_trap(); // the parser accepted hunks its own applier cannot apply to a matching file
        if (applied->lineCount() != original.lineCount() + file.added - file.removed)
            __builtin_trap();
    }
    return 0;
}
