// PatchApplier: the apply_patch tool's reading of a patch an agent wrote (the one diff model, core/diff/,
// plus the tool's own refusals) and the exact application of one file's hunks to its old content.
#pragma once

#include "core/diff/diff.h"
#include "core/result.h"
#include "textsnapshot.h"

namespace harness {

class PatchApplier
{
public:
    // Parses the patch (DiffParser: strict, errors name the line) and refuses what the tool cannot apply:
    // no file, binary patches, copies, a file without hunks that is not a pure rename, a new file that is
    // not one "@@ -0,0 +1,N @@" hunk. Those errors name the file.
    static Result<Diff> read(const QString &patch);

    // Applies one file's hunks to its old content exactly where the headers say (no fuzz, no offset).
    // For a new file pass an empty snapshot. The error names the hunk and the first line that differs.
    static Result<TextSnapshot> apply(const Diff &diff, const DiffFile &file, const TextSnapshot &original);
};

} // namespace harness
