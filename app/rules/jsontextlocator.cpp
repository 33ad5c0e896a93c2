// JsonTextLocator: a tolerant single pass over the JSON text recording where each path starts.
#include "jsontextlocator.h"

namespace harness {

JsonTextLocator::JsonTextLocator(QByteArray text) : m_text(std::move(text))
{
    scan();
}

TextPosition JsonTextLocator::positionOfOffset(qsizetype offset) const
{
    offset = qBound(qsizetype(0), offset, m_text.size());
    TextPosition pos {1, 1};
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (m_text.at(i) == '\n') {
            ++pos.line;
            lineStart = i + 1;
        }
    }
    pos.column = int(QString::fromUtf8(m_text.constData() + lineStart, offset - lineStart).size()) + 1;
    return pos;
}

TextPosition JsonTextLocator::positionOfPath(const QString &path) const
{
    QString p = path;
    while (true) {
        const auto it = m_offsets.constFind(p);
        if (it != m_offsets.constEnd())
            return positionOfOffset(*it);
        if (p.isEmpty())
            return {};
        const qsizetype dot = p.lastIndexOf(QLatin1Char('.'));
        const qsizetype bracket = p.lastIndexOf(QLatin1Char('['));
        const qsizetype cut = qMax(dot, bracket);
        p = cut > 0 ? p.left(cut) : QString();
    }
}

QString JsonTextLocator::describe(const QString &file, const QString &path, const QString &message) const
{
    const TextPosition pos = positionOfPath(path);
    QString where = file;
    if (pos.line > 0)
        where += QStringLiteral(":%1:%2").arg(pos.line).arg(pos.column);
    return path.isEmpty() ? QStringLiteral("%1: %2").arg(where, message)
                          : QStringLiteral("%1: %2: %3").arg(where, path, message);
}

void JsonTextLocator::scan()
{
    qsizetype i = 0;
    skipWs(i);
    scanValue(i, QString(), 0);
}

void JsonTextLocator::skipWs(qsizetype &i) const
{
    while (i < m_text.size()) {
        const char c = m_text.at(i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            ++i;
        else
            break;
    }
}

bool JsonTextLocator::scanString(qsizetype &i, QString *out) const
{
    if (i >= m_text.size() || m_text.at(i) != '"')
        return false;
    const qsizetype start = ++i;
    bool escaped = false;
    while (i < m_text.size()) {
        const char c = m_text.at(i);
        if (escaped) {
            escaped = false;
        } else if (c == '\\') {
            escaped = true;
        } else if (c == '"') {
            if (out)
                *out = QString::fromUtf8(m_text.constData() + start, i - start);
            ++i;
            return true;
        }
        ++i;
    }
    return false;
}

bool JsonTextLocator::scanValue(qsizetype &i, const QString &path, int depth)
{
    if (depth > 256 || i >= m_text.size())
        return false;
    if (!m_offsets.contains(path))
        m_offsets.insert(path, i);
    const char c = m_text.at(i);
    if (c == '{') {
        ++i;
        skipWs(i);
        if (i < m_text.size() && m_text.at(i) == '}') {
            ++i;
            return true;
        }
        while (i < m_text.size()) {
            skipWs(i);
            const qsizetype keyAt = i;
            QString key;
            if (!scanString(i, &key))
                return false;
            const QString child = path.isEmpty() ? key : path + QLatin1Char('.') + key;
            m_offsets.insert(child, keyAt);
            skipWs(i);
            if (i >= m_text.size() || m_text.at(i) != ':')
                return false;
            ++i;
            skipWs(i);
            // the member keeps the offset of its key; scanValue() does not overwrite it
            if (!scanValue(i, child, depth + 1))
                return false;
            skipWs(i);
            if (i < m_text.size() && m_text.at(i) == ',') {
                ++i;
                continue;
            }
            if (i < m_text.size() && m_text.at(i) == '}') {
                ++i;
                return true;
            }
            return false;
        }
        return false;
    }
    if (c == '[') {
        ++i;
        skipWs(i);
        if (i < m_text.size() && m_text.at(i) == ']') {
            ++i;
            return true;
        }
        int index = 0;
        while (i < m_text.size()) {
            skipWs(i);
            if (!scanValue(i, QStringLiteral("%1[%2]").arg(path).arg(index++), depth + 1))
                return false;
            skipWs(i);
            if (i < m_text.size() && m_text.at(i) == ',') {
                ++i;
                continue;
            }
            if (i < m_text.size() && m_text.at(i) == ']') {
                ++i;
                return true;
            }
            return false;
        }
        return false;
    }
    if (c == '"')
        return scanString(i, nullptr);
    // number, true, false, null
    while (i < m_text.size()) {
        const char d = m_text.at(i);
        if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\n' || d == '\t' || d == '\r')
            break;
        ++i;
    }
    return true;
}

} // namespace harness
