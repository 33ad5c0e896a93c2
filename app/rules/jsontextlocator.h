// JsonTextLocator: maps JSON paths such as "layers[2].allow[0]" and byte offsets to line:column in
// the original text, so a loader can say exactly where in the file an error is.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace harness {

struct TextPosition
{
    int line = 0; // 1-based
    int column = 0; // 1-based, in characters
};

class JsonTextLocator
{
public:
    explicit JsonTextLocator(QByteArray text);

    // Line and column of a byte offset (e.g. QJsonParseError::offset).
    TextPosition positionOfOffset(qsizetype offset) const;
    // Position of the key (for object members) or value (for array items) at the path; falls back to
    // the nearest enclosing path that exists. Returns {0,0} when nothing matches.
    TextPosition positionOfPath(const QString &path) const;
    // "rules.json:12:5: layers[2].allow[0]: message"
    QString describe(const QString &file, const QString &path, const QString &message) const;

private:
    void scan();
    void skipWs(qsizetype &i) const;
    bool scanValue(qsizetype &i, const QString &path, int depth);
    bool scanString(qsizetype &i, QString *out) const;

    QByteArray m_text;
    QHash<QString, qsizetype> m_offsets;
};

} // namespace harness
