// GitDiffParser: turns the bytes of `git diff` (patch format, any size) into a DiffDocument in one pass.
// Safe to call from a worker thread; it neither copies nor decodes line text.
#pragma once

#include "core/result.h"
#include "diffdocument.h"

#include <functional>

namespace harness::ui {

class GitDiffParser
{
public:
    // Called every few thousand lines with the bytes consumed; returning false cancels the parse.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    static Result<DiffDocument> parse(QByteArray raw, const Progress &progress = {});
    // C-style unquoting of a path git printed in double quotes ("a/\303\244.txt" → "a/ä.txt").
    static QString unquotePath(QByteArrayView text);
};

} // namespace harness::ui
