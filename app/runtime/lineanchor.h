// LineAnchor: the `LINE:HASH` tag that names one line of a file for line-anchored edits
// (docs/architecture.md, "Line-anchored edits"). A file is shown to the agent as `LINE:HASH|text`.
#pragma once

#include "core/result.h"

#include <QString>
#include <QStringView>

namespace harness {

// HASH is three lowercase hex digits: FNV-1a (32 bit) over the UTF-8 bytes of the line with trailing
// whitespace (spaces, tabs, a stray \r) removed, reduced modulo 4096. Three hex digits keep the tag short
// for the model while making an accidental match of a changed line a 1-in-4096 event; the line number
// disambiguates identical lines such as `}`.
struct LineAnchor
{
    int line = 0; // 1-based
    QString hash; // three lowercase hex digits

    static QString hashOf(QStringView text);
    static LineAnchor of(int line, QStringView text) { return LineAnchor {line, hashOf(text)}; }
    // Parses "12:a3f", also accepting a whole display row "12:a3f|text" (the text is ignored).
    static Result<LineAnchor> parse(QStringView text);
    // One display row: "12:a3f|text".
    static QString formatLine(int line, QStringView text);

    QString toString() const { return QString::number(line) + QLatin1Char(':') + hash; }
    bool matches(QStringView text) const { return hash == hashOf(text); }
    bool operator==(const LineAnchor &) const = default;
};

} // namespace harness
