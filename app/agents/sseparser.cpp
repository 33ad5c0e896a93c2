// SseParser implementation: scans for line ends with memchr-like searches, keeps only the unfinished
// line between feeds, and dispatches an event on each blank line.
#include "sseparser.h"

#include <QString>
#include <cstring>

namespace harness {

namespace {
// How many first bytes may pass before the stream must have shown an event-stream field.
constexpr qsizetype kSniffBytes = 64;
} // namespace

SseParser::SseParser(qsizetype maxEventBytes) : m_maxEventBytes(maxEventBytes) { }

void SseParser::reset()
{
    m_buffer.clear();
    m_skipLf = false;
    m_current = {};
    m_hasData = false;
    m_bytes = 0;
    m_error.clear();
    m_excerpt.clear();
    m_head.clear();
    m_started = false;
    m_notAnEventStream = false;
}

int SseParser::startsLikeEventStream(const QByteArray &head)
{
    static const char kBom[] = "\xEF\xBB\xBF";
    qsizetype i = 0;
    while (i < 3 && i < head.size() && head.at(i) == kBom[i])
        ++i;
    if (i > 0 && i < 3)
        return i == head.size() ? 0 : -1;
    // Blank lines may come first; the first line with something on it decides.
    while (i < head.size() && (head.at(i) == '\n' || head.at(i) == '\r'))
        ++i;
    if (i == head.size())
        return head.size() >= kSniffBytes ? -1 : 0;
    if (head.at(i) == ':')
        return 1;
    const QByteArray rest = head.mid(i);
    bool undecided = false;
    for (const char *field : {"data", "event", "id", "retry"}) {
        const auto n = qsizetype(std::strlen(field));
        const qsizetype common = qMin(n, rest.size());
        if (std::memcmp(rest.constData(), field, size_t(common)) != 0)
            continue;
        if (rest.size() <= n) {
            undecided = true;
            continue;
        }
        const char after = rest.at(n);
        if (after == ':' || after == '\n' || after == '\r')
            return 1;
    }
    return undecided ? 0 : -1;
}

QByteArray SseParser::pending() const
{
    QByteArray out = m_current.data;
    out += m_buffer;
    return out;
}

void SseParser::fail(const QString &message, const QByteArray &excerpt)
{
    m_error = message;
    m_excerpt = excerpt.left(400);
}

QList<SseEvent> SseParser::feed(const QByteArray &chunk)
{
    QList<SseEvent> out;
    feed(chunk, out);
    return out;
}

bool SseParser::feed(const QByteArray &chunk, QList<SseEvent> &out)
{
    if (hasError())
        return false;
    if (!m_started) {
        const qsizetype before = m_head.size();
        m_head += chunk.left(kSniffBytes - before);
        const int start = startsLikeEventStream(m_head);
        if (start < 0) {
            m_notAnEventStream = true;
            fail(QStringLiteral("the answer is not an event stream (it does not begin with an event-stream "
                                "field)"),
                 m_head.left(before) + chunk.left(400));
            return false;
        }
        m_started = start > 0;
    }
    m_bytes += chunk.size();
    m_buffer += chunk;
    const char *begin = m_buffer.constData();
    const char *end = begin + m_buffer.size();
    const char *p = begin;
    if (m_skipLf && p < end) {
        if (*p == '\n')
            ++p;
        m_skipLf = false;
    }
    while (p < end) {
        // Find the next CR or LF.
        const char *q = p;
        const auto remaining = size_t(end - p);
        const char *lf = static_cast<const char *>(std::memchr(p, '\n', remaining));
        const char *cr = static_cast<const char *>(std::memchr(p, '\r', lf ? size_t(lf - p) : remaining));
        q = cr ? cr : lf;
        if (!q)
            break;
        processLine(p, q - p, out);
        if (hasError())
            return false;
        if (*q == '\r') {
            if (q + 1 < end) {
                p = q[1] == '\n' ? q + 2 : q + 1;
            } else {
                m_skipLf = true;
                p = q + 1;
            }
        } else {
            p = q + 1;
        }
    }
    m_buffer.remove(0, p - begin);
    if (m_buffer.size() > m_maxEventBytes) {
        fail(QStringLiteral("an event-stream line is longer than %1 bytes").arg(m_maxEventBytes),
             m_buffer.left(400));
        return false;
    }
    return true;
}

void SseParser::processLine(const char *line, qsizetype length, QList<SseEvent> &out)
{
    if (length == 0) {
        if (m_hasData) {
            if (m_current.data.endsWith('\n'))
                m_current.data.chop(1);
            out.append(std::move(m_current));
        }
        m_current = {};
        m_hasData = false;
        return;
    }
    if (line[0] == ':')
        return; // a comment, used by servers as a keep-alive
    const char *colon = static_cast<const char *>(std::memchr(line, ':', size_t(length)));
    const qsizetype nameLength = colon ? colon - line : length;
    const char *value = colon ? colon + 1 : line + length;
    qsizetype valueLength = colon ? length - nameLength - 1 : 0;
    if (valueLength > 0 && *value == ' ') {
        ++value;
        --valueLength;
    }
    auto is = [&](const char *name) {
        return qsizetype(std::strlen(name)) == nameLength && std::memcmp(line, name, size_t(nameLength)) == 0;
    };
    if (is("data")) {
        if (m_current.data.size() + valueLength > m_maxEventBytes) {
            fail(QStringLiteral("an event-stream event is larger than %1 bytes").arg(m_maxEventBytes),
                 QByteArray(line, qMin<qsizetype>(length, 400)));
            return;
        }
        m_current.data.append(value, valueLength);
        m_current.data.append('\n');
        m_hasData = true;
    } else if (is("event")) {
        m_current.event = QByteArray(value, valueLength);
    } else if (is("id")) {
        if (!std::memchr(value, '\0', size_t(valueLength)))
            m_current.id = QByteArray(value, valueLength);
    }
    // "retry" and unknown fields are ignored, as the specification asks.
}

} // namespace harness
