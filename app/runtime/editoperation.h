// EditOperation: one line-anchored edit as an agent sends it in `edit_file` (docs/architecture.md,
// "Line-anchored edits"), parsed strictly from JSON so a malformed request is refused with the offending
// field named.
#pragma once

#include "lineanchor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace harness {

// JSON shapes (keys lower_snake):
//   {"op":"replace","start":"12:a3f","end":"15:9bc","lines":["new", "text"]}   end optional (one line)
//   {"op":"delete","start":"12:a3f","end":"15:9bc"}                            end optional
//   {"op":"insert_before","anchor":"40:1e2","lines":[...]}
//   {"op":"insert_after","anchor":"40:1e2","lines":[...]}
//   {"op":"prepend","lines":[...]} / {"op":"append","lines":[...]}            start / end of file
// "lines" is an array of strings or one string (split at newlines).
struct EditOperation
{
    enum class Kind { Replace, Delete, InsertBefore, InsertAfter, Prepend, Append };

    Kind kind = Kind::Replace;
    LineAnchor start; // Replace/Delete: first line; Insert*: the anchor line
    LineAnchor end; // Replace/Delete: last line (== start for one line)
    QStringList lines;

    static QString kindName(Kind kind);
    static Result<EditOperation> fromJson(const QJsonObject &json, const QString &path = {});
    QJsonObject toJson() const;
    // Parses the "edits" array of an edit_file call; errors name the field, e.g. "edits[2].start".
    static Result<QList<EditOperation>> parseBatch(const QJsonArray &edits);
    // Parses raw JSON bytes: either an array of edits or an object with an "edits" array.
    static Result<QList<EditOperation>> parseBatch(const QByteArray &json);
    bool operator==(const EditOperation &) const = default;
};

} // namespace harness
