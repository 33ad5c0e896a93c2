// TextSnapshot: one file's content split into lines, remembering its line ending and whether it ended
// with a newline, so edits and patches write back exactly what they did not change.
#pragma once

#include <QString>
#include <QStringList>

namespace harness {

struct TextSnapshot
{
    QStringList lines; // without line endings
    QString eol = QStringLiteral("\n"); // "\r\n" when the file's first line ends that way
    bool trailingNewline = true; // false when the last line has no line ending

    static TextSnapshot fromText(const QString &text);
    QString toText() const;
    int lineCount() const { return int(lines.size()); }
    // Rows "LINE:HASH|text" for lines [first, last] (1-based, clamped), each cut at maxLineChars.
    QString formatRange(int first, int last, int maxLineChars = 2000) const;
};

} // namespace harness
