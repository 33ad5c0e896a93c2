// DiffHeader: the header lines of one file in a diff ("diff --git", git's extended header lines, "---" and
// "+++"), collected while DiffParser reads them and then resolved into the file's names, status and
// modes. Every line that names a side must name the same file.
#pragma once

#include "core/diff/diff.h"
#include "core/result.h"

#include <optional>

namespace harness {

class DiffHeader
{
public:
    // One side's name as a header line printed it, before the a/ or b/ prefix is taken off.
    struct Name
    {
        bool present = false;
        bool devNull = false;
        QString path;
    };

    // "index ", "old mode ", "rename from ", "Binary files ", "GIT binary patch", ...
    static bool isExtendedLine(QByteArrayView line);

    Status readGitLine(QByteArrayView rest); // what follows "diff --git "
    Status readSide(QByteArrayView line); // a "--- " or "+++ " line
    Status readExtendedLine(QByteArrayView line);
    bool hasSides() const { return m_minus.present; } // "---" was read: only "+++" and hunks may follow
    void appendBinaryPatch(QByteArrayView line) { m_binaryPatch += line.toByteArray() + '\n'; }

    // The file this header describes, without hunks; the message says what contradicts what.
    Result<DiffFile> resolve() &&;

private:
    Status checkConsistent(bool added, bool deleted, bool renamed, bool copied) const;

    bool m_git = false;
    Name m_gitOld, m_gitNew;
    bool m_gitExact = false; // the "diff --git" names could be split in only one way
    Name m_minus, m_plus;
    std::optional<QString> m_renameFrom, m_renameTo, m_copyFrom, m_copyTo;
    QString m_oldMode, m_newMode, m_newFileMode, m_deletedFileMode, m_indexMode;
    int m_similarity = -1, m_dissimilarity = -1;
    QString m_oldBlob, m_newBlob;
    bool m_binary = false;
    bool m_binaryAdded = false, m_binaryDeleted = false; // "Binary files /dev/null and b/x differ"
    QByteArray m_binaryPatch;
};

} // namespace harness
