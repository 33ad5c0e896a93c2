// libFuzzer target: parses arbitrary bytes as an edit_file batch and applies what parses to a fixed
// file, once as given (anchors mostly stale) and once with anchors re-hashed to match (apply path).
#include "runtime/anchorededitor.h"
#include "runtime/editoperation.h"

#include <cstddef>
#include <cstdint>

using namespace harness;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    auto ops = EditOperation::parseBatch(input);
    if (!ops)
        return 0;
    QString text;
    for (int i = 1; i <= 40; ++i)
        text += QStringLiteral("line %1 %2\n").arg(i).arg(i % 3 ? QStringLiteral("x") : QString());
    const TextSnapshot snapshot = TextSnapshot::fromText(text);
    const EditBatchResult asGiven = AnchoredEditor::apply(snapshot, *ops);
    if (!asGiven.ok && asGiven.error.isEmpty())
        __builtin_trap(); // a rejection always says why
    QList<EditOperation> fixed = *ops;
    const auto rehash = [&](LineAnchor &a) {
        if (a.line >= 1 && a.line <= snapshot.lineCount())
            a.hash = LineAnchor::hashOf(snapshot.lines.at(a.line - 1));
    };
    for (EditOperation &op : fixed) {
        rehash(op.start);
        rehash(op.end);
    }
    const EditBatchResult r = AnchoredEditor::apply(snapshot, fixed);
    if (r.ok) {
        // Line accounting must add up.
        if (r.result.lineCount() != snapshot.lineCount() + r.linesAdded - r.linesRemoved)
            __builtin_trap();
        (void)r.result.toText();
    }
    return 0;
}
