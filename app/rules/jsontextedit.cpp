// JsonTextEdit: every edit scans the (small, already validated) text again for the spans it touches, so
// offsets never go stale between edits.
#include "jsontextedit.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace harness {

namespace {
QByteArray scalarText(const QJsonValue &value)
{
    // QJsonDocument writes only arrays and objects: wrap the value, then cut the brackets off.
    const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QJsonValue parseValue(const QByteArray &bytes)
{
    const QJsonDocument doc = QJsonDocument::fromJson("[" + bytes + "]");
    return doc.isArray() && !doc.array().isEmpty() ? doc.array().first() : QJsonValue(QJsonValue::Undefined);
}
} // namespace

JsonTextEdit::JsonTextEdit(QByteArray text) : m_text(std::move(text))
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(m_text, &error);
    m_valid = error.error == QJsonParseError::NoError && doc.isObject();
    m_newline = m_text.contains("\r\n") ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");
}

qsizetype JsonTextEdit::skipWs(qsizetype i) const
{
    while (i < m_text.size() &&
           (m_text.at(i) == ' ' || m_text.at(i) == '\t' || m_text.at(i) == '\n' || m_text.at(i) == '\r'))
        ++i;
    return i;
}

qsizetype JsonTextEdit::skipValue(qsizetype i) const
{
    int depth = 0;
    bool inString = false;
    for (; i < m_text.size(); ++i) {
        const char c = m_text.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"') {
                inString = false;
                if (depth == 0)
                    return i + 1;
            }
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return i; // the end of a scalar directly before its container's close
            if (--depth == 0)
                return i + 1;
        } else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
            return i;
        }
    }
    return i;
}

JsonTextEdit::Object JsonTextEdit::scanObject(qsizetype open) const
{
    Object object;
    object.open = open;
    qsizetype i = skipWs(open + 1);
    while (i < m_text.size() && m_text.at(i) != '}') {
        Member m;
        m.keyStart = i;
        const qsizetype keyEnd = skipValue(i);
        m.key = parseValue(m_text.mid(i, keyEnd - i)).toString();
        i = skipWs(keyEnd);
        i = skipWs(i + 1); // the colon
        m.valueStart = i;
        m.valueEnd = skipValue(i);
        object.members.append(m);
        i = skipWs(m.valueEnd);
        if (i < m_text.size() && m_text.at(i) == ',')
            i = skipWs(i + 1);
    }
    object.close = i;
    return object;
}

bool JsonTextEdit::findObject(const QStringList &path, Object *out) const
{
    qsizetype at = skipWs(0);
    for (const QString &key : path) {
        const Object object = scanObject(at);
        const auto it = std::find_if(object.members.cbegin(), object.members.cend(),
                                     [&](const Member &m) { return m.key == key; });
        if (it == object.members.cend() || m_text.at(it->valueStart) != '{')
            return false;
        at = it->valueStart;
    }
    *out = scanObject(at);
    return true;
}

bool JsonTextEdit::multiline(const Object &object) const
{
    const qsizetype end = object.members.isEmpty() ? object.close : object.members.first().keyStart;
    return m_text.mid(object.open, end - object.open).contains('\n');
}

QByteArray JsonTextEdit::lineIndent(qsizetype offset) const
{
    const qsizetype lineStart = m_text.lastIndexOf('\n', offset - 1) + 1;
    qsizetype i = lineStart;
    while (i < offset && (m_text.at(i) == ' ' || m_text.at(i) == '\t'))
        ++i;
    return m_text.mid(lineStart, i - lineStart);
}

QByteArray JsonTextEdit::indentUnit() const
{
    // The top object's members are one level in; a document without line breaks gets Qt's four spaces.
    const Object top = scanObject(skipWs(0));
    if (multiline(top) && !top.members.isEmpty()) {
        const QByteArray unit = lineIndent(top.members.first().keyStart);
        if (!unit.isEmpty())
            return unit;
    }
    return QByteArrayLiteral("    ");
}

QByteArray JsonTextEdit::colon() const
{
    // The key-value separator as the author writes it ("key": value, "key":value, "key" : value).
    const Object top = scanObject(skipWs(0));
    for (const Member &m : top.members) {
        const qsizetype keyEnd = skipValue(m.keyStart);
        return m_text.mid(keyEnd, m.valueStart - keyEnd).trimmed() == ":"
                ? QByteArray(m_text.mid(keyEnd, m.valueStart - keyEnd)).replace('\n', ' ')
                : QByteArrayLiteral(": ");
    }
    return QByteArrayLiteral(": ");
}

QByteArray JsonTextEdit::render(const QJsonValue &value, const QByteArray &indent, bool lines) const
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty())
            return QByteArrayLiteral("{}");
        const QByteArray inner = indent + indentUnit();
        QByteArray out = "{";
        bool first = true;
        for (auto it = object.begin(); it != object.end(); ++it) {
            out += first ? QByteArray() : QByteArray(",");
            out += lines ? m_newline + inner : (first ? QByteArray() : QByteArray(" "));
            out += scalarText(it.key()) + colon() + render(it.value(), inner, lines);
            first = false;
        }
        return out + (lines ? m_newline + indent + "}" : QByteArray("}"));
    }
    if (value.isArray()) {
        // Arrays stay on one line: settings arrays are short lists of names.
        QByteArrayList items;
        for (const QJsonValue &item : value.toArray())
            items << render(item, indent, false);
        return "[" + items.join(", ") + "]";
    }
    return scalarText(value);
}

void JsonTextEdit::replace(qsizetype from, qsizetype to, const QByteArray &bytes)
{
    m_text.replace(from, to - from, bytes);
}

QByteArray JsonTextEdit::inlineSeparator(const Object &object) const
{
    // Between two members of this object, else of the top object when it is on one line, else ", ".
    for (const Object &o : {object, scanObject(skipWs(0))})
        if (o.members.size() > 1 && !multiline(o))
            return m_text.mid(o.members.at(0).valueEnd, o.members.at(1).keyStart - o.members.at(0).valueEnd);
    return QByteArrayLiteral(", ");
}

void JsonTextEdit::insertMember(const Object &object, const QString &key, const QJsonValue &value)
{
    const bool lines = multiline(object);
    if (object.members.isEmpty()) {
        const QByteArray outer = lineIndent(object.open);
        const QByteArray inner = outer + indentUnit();
        const QByteArray member = scalarText(key) + colon() + render(value, inner, lines);
        replace(object.open + 1, object.close,
                lines ? m_newline + inner + member + m_newline + outer : member);
        return;
    }
    const Member &last = object.members.constLast();
    QByteArray separator;
    QByteArray indent = lineIndent(last.keyStart);
    if (lines) {
        separator = "," + m_newline + indent;
    } else {
        separator = inlineSeparator(object);
    }
    replace(last.valueEnd, last.valueEnd,
            separator + scalarText(key) + colon() + render(value, indent, lines));
}

bool JsonTextEdit::set(const QStringList &path, const QJsonValue &value)
{
    if (!m_valid || path.isEmpty())
        return false;
    // Walk down, creating what is missing on the way as one nested value.
    for (int depth = 0; depth < path.size(); ++depth) {
        Object object;
        if (!findObject(path.mid(0, depth), &object))
            return false;
        const QString &key = path.at(depth);
        const auto it = std::find_if(object.members.cbegin(), object.members.cend(),
                                     [&](const Member &m) { return m.key == key; });
        const bool last = depth == path.size() - 1;
        if (it == object.members.cend()) {
            QJsonValue nested = value;
            for (int k = int(path.size()) - 1; k > depth; --k)
                nested = QJsonObject {{path.at(k), nested}};
            insertMember(object, key, nested);
            return true;
        }
        const QJsonValue current = parseValue(m_text.mid(it->valueStart, it->valueEnd - it->valueStart));
        if (!last) {
            if (current.isObject())
                continue;
            QJsonValue nested = value;
            for (int k = int(path.size()) - 1; k > depth; --k)
                nested = QJsonObject {{path.at(k), nested}};
            replace(it->valueStart, it->valueEnd,
                    render(nested, lineIndent(it->keyStart), multiline(object)));
            return true;
        }
        if (current == value)
            return true;
        if (current.isObject() && value.isObject()) {
            const QJsonObject was = current.toObject(), now = value.toObject();
            for (auto m = was.begin(); m != was.end(); ++m)
                if (!now.contains(m.key()))
                    remove(path + QStringList {m.key()});
            for (auto m = now.begin(); m != now.end(); ++m)
                set(path + QStringList {m.key()}, m.value());
            return true;
        }
        replace(it->valueStart, it->valueEnd, render(value, lineIndent(it->keyStart), multiline(object)));
        return true;
    }
    return false;
}

bool JsonTextEdit::remove(const QStringList &path)
{
    if (!m_valid || path.isEmpty())
        return false;
    Object object;
    if (!findObject(path.mid(0, path.size() - 1), &object))
        return true; // no container, no member
    const auto it = std::find_if(object.members.cbegin(), object.members.cend(),
                                 [&](const Member &m) { return m.key == path.constLast(); });
    if (it == object.members.cend())
        return true;
    const qsizetype index = it - object.members.cbegin();
    if (object.members.size() == 1)
        replace(object.open + 1, object.close, {});
    else if (index > 0)
        replace(object.members.at(index - 1).valueEnd, it->valueEnd, {});
    else
        replace(it->keyStart, object.members.at(1).keyStart, {});
    return true;
}

} // namespace harness
