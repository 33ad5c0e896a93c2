// DiffParser: reads unified diff text (git's patch format, or plain `diff -u`) into a Diff, strictly, in
// one pass. The format, as git prints it and as this parser reads it:
//
//   diff --git a/<old> b/<new>         names may be in C-style quotes: "b/sp\303\251.txt"
//   old mode 100644 / new mode 100755   or: new file mode 100644, deleted file mode 100644
//   similarity index 92%               with rename from <old> / rename to <new> (or copy from/to);
//   dissimilarity index 60%            a rewrite
//   index 1a2b3c4..5d6e7f8 100644      the mode is there when it did not change
//   Binary files a/x and b/x differ    or "GIT binary patch" and its payload (git diff --binary)
//   --- a/<old>                         /dev/null for an added file; a tab and a timestamp may follow,
//   +++ b/<new>                         git adds a tab after a bare name with a space
//   @@ -12,3 +14,5 @@ section          a count of 1 may be left out: "@@ -1 +1 @@"
//    context / -removed / +added      an empty line is an empty context line; a line may end in \r\n
//   \ No newline at end of file        after the line it is about
//
// Without a "diff --git" line a file starts at "--- "; its names lose an a/ and b/ prefix only when
// both have one. Everything an agent or a tree wrote is hostile: the counts must match the lines, hunks
// must be in order, the names in the headers must agree, and every error names the line it is about.
#pragma once

#include "core/diff/diff.h"
#include "core/result.h"

#include <functional>

namespace harness {

class DiffParser
{
public:
    // Called every few thousand lines with the bytes read; returning false cancels the parse.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    // Empty text is an empty Diff (no change). The returned Diff keeps text as its line buffer.
    static Result<Diff> parse(QByteArray text, const Progress &progress = {});
};

} // namespace harness
