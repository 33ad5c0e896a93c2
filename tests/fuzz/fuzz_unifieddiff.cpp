// libFuzzer target: parses arbitrary text as a strict unified diff; for every parsed modification it
// rebuilds an old file consistent with the hunks and checks that applying succeeds with the expected
// number of lines.
#include "runtime/unifieddiff.h"

#include <cstddef>
#include <cstdint>

using namespace harness;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return 0;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    auto diff = UnifiedDiff::parse(text);
    if (!diff)
        return 0;
    for (const FileDiff &file : diff->files()) {
        if (file.isNew()) {
            (void)UnifiedDiff::apply(file, TextSnapshot());
            continue;
        }
        int n = 0;
        for (const DiffHunk &h : file.hunks) {
            for (const DiffLine &l : h.lines)
                n = qMax(n, l.oldLine);
            if (h.oldCount == 0)
                n = qMax(n, h.oldStart);
        }
        if (n > 100000)
            continue;
        TextSnapshot original;
        for (int i = 0; i < n; ++i)
            original.lines << QStringLiteral("~filler~");
        for (const DiffHunk &h : file.hunks)
            for (const DiffLine &l : h.lines)
                if (l.kind != DiffLine::Kind::Added)
                    original.lines[l.oldLine - 1] = l.text;
        auto applied = UnifiedDiff::apply(file, original);
        if (!applied)
            __builtin_trap(); // the parser accepted hunks its own applier cannot apply to a matching file
        if (applied->lineCount() != original.lineCount() + file.added() - file.removed())
            __builtin_trap();
    }
    return 0;
}
