// GitPath: git's C-style quoting of path names in diff headers ("b/sp\303\251.txt" with octal escapes,
// core.quotePath), read and written in this one place so every reader of a diff sees one name per file.
#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QString>

namespace harness {

class GitPath
{
public:
    // A name as git printed it: in double quotes with backslash escapes (\a \b \t \n \v \f \r \" \\ and
    // three-digit octal bytes), or bare. The bytes are UTF-8. Fails on an unknown escape, a missing closing
    // quote, text after it, or a NUL byte.
    static Result<QString> unquote(QByteArrayView text);
    // The length of the quoted name at the start of text, quotes included, or -1 when it is not closed.
    static qsizetype quotedLength(QByteArrayView text);
    // A name as git prints it with core.quotePath on: bare when every byte is printable ASCII other than
    // '"' and '\', otherwise quoted.
    static QByteArray quote(const QString &path);
};

} // namespace harness
