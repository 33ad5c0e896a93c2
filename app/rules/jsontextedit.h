// JsonTextEdit: changes members of a JSON document in its text, rewriting only the bytes of the values
// that change — key order, indentation, spacing, line breaks and every other member stay as written.
// Used to save a settings file a person also edits by hand (.harness/policy.json).
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QStringList>

namespace harness {

class JsonTextEdit
{
public:
    // `text` should be a JSON object; isObject() says whether it is (otherwise every edit is refused).
    explicit JsonTextEdit(QByteArray text);

    bool isObject() const { return m_valid; }
    QByteArray text() const { return m_text; }

    // Sets the member at `path` (keys from the top object). A value equal to the current one changes
    // nothing; an object is merged member by member; a missing member is appended to its object in the
    // style of its siblings (line breaks and indentation, or inline). False when the document is not an
    // object or `path` is empty.
    bool set(const QStringList &path, const QJsonValue &value);
    // Removes the member at `path` with its separator; true when it is gone (also when it never was).
    bool remove(const QStringList &path);

private:
    struct Member
    {
        QString key;
        qsizetype keyStart = 0; // the opening quote of the key
        qsizetype valueStart = 0;
        qsizetype valueEnd = 0; // one past the value
    };
    struct Object
    {
        qsizetype open = 0; // '{'
        qsizetype close = 0; // '}'
        QList<Member> members;
    };

    Object scanObject(qsizetype open) const;
    qsizetype skipValue(qsizetype i) const;
    qsizetype skipWs(qsizetype i) const;
    bool findObject(const QStringList &path, Object *out) const; // the object at path (empty = the top)
    bool multiline(const Object &object) const;
    QByteArray lineIndent(qsizetype offset) const; // leading whitespace of the line holding offset
    QByteArray indentUnit() const;
    QByteArray colon() const;
    QByteArray inlineSeparator(const Object &object) const;
    QByteArray render(const QJsonValue &value, const QByteArray &indent, bool multiline) const;
    void insertMember(const Object &object, const QString &key, const QJsonValue &value);
    void replace(qsizetype from, qsizetype to, const QByteArray &bytes);

    QByteArray m_text;
    QByteArray m_newline; // "\r\n" when the text uses it
    bool m_valid = false;
};

} // namespace harness
