// DiffLayout: the rows a diff view shows — file headers, hunk headers, lines (unified, or paired side by
// side), folded unchanged regions and comments — as a flat vector built in one cheap pass.
#pragma once

#include "diffdocument.h"

#include <QHash>
#include <QSet>

#include <vector>

namespace harness::ui {

enum class DiffRowMessage : qint32 { Binary, ModeOnly, RenameOnly, Empty };

struct DiffRow
{
    enum class Type : quint8 { FileHeader, HunkHeader, Line, Fold, Comment, Message };
    Type type = Type::Line;
    qint32 file = -1;
    qint32 left = -1; // unified: the line; side by side: the old-side line (or -1); fold: first hidden;
                      // hunk header: the hunk
    qint32 right = -1; // side by side: the new-side line (or -1); fold: one past the last hidden line
    qint32 extra = 0; // fold: hidden line count; comment: comment index; message: DiffRow::Message kind
};

struct DiffLayoutOptions
{
    bool sideBySide = false;
    std::vector<int> fileOrder; // files in the order shown; empty = document order
    QSet<int> collapsedFiles; // files shown as a header only
    int foldContext = 3; // unchanged lines kept around changes; < 0 disables folding
    QSet<int> expandedFolds; // first hidden line index of each fold the user opened
    QMultiHash<int, int> commentsByLine; // line index → comment index
};

class DiffLayout
{
public:
    static std::vector<DiffRow> build(const Diff &doc, const DiffLayoutOptions &options);
    // A row with a change (added or removed line) that starts a change block.
    static bool startsChange(const Diff &doc, const std::vector<DiffRow> &rows, int row);
};

} // namespace harness::ui
