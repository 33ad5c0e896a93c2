// AnchoredEditor: applies a batch of line-anchored edits to one snapshot of a file. Every anchor is
// checked against that snapshot first; one stale anchor rejects the whole batch and reports the current
// lines with fresh anchors so the agent can retry. Pure text in, text out (no file access).
#pragma once

#include "editoperation.h"
#include "textsnapshot.h"

namespace harness {

struct EditBatchResult
{
    bool ok = false;
    QString error; // what was wrong, for the agent
    QStringList staleAnchors; // anchors that did not match the snapshot
    QString currentLines; // fresh "LINE:HASH|text" rows around the stale anchors (bounded)
    TextSnapshot result; // the edited file when ok
    int linesAdded = 0;
    int linesRemoved = 0;
    int firstChangedLine = 0; // in the new file, 1-based
    int lastChangedLine = 0;
};

class AnchoredEditor
{
public:
    // All anchors refer to the snapshot; operations are applied as if bottom-up (later lines first),
    // so no operation shifts the line numbers another one refers to. Overlapping ranges are refused.
    static EditBatchResult apply(const TextSnapshot &snapshot, const QList<EditOperation> &operations);

    static constexpr int kContextLines = 3;
    static constexpr int kMaxReportedLines = 200;
};

} // namespace harness
