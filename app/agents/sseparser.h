// SseParser: an incremental parser for Server-Sent Events (WHATWG HTML "event stream" format), fed
// with network chunks of any size; lines may end in CRLF, LF or CR and may be split across chunks.
#pragma once

#include <QByteArray>
#include <QList>

namespace harness {

struct SseEvent
{
    QByteArray event; // the "event:" field; empty means "message"
    QByteArray data; // the "data:" lines joined with '\n'
    QByteArray id;
};

class SseParser
{
public:
    // maxEventBytes bounds one event's data (a protection against a stream that never ends a line).
    explicit SseParser(qsizetype maxEventBytes = 16 * 1024 * 1024);

    // Parses a chunk and appends complete events to `out`. Returns false once the stream is malformed
    // (an event or a line over the size cap); errorText() says why and excerpt() shows the bytes.
    bool feed(const QByteArray &chunk, QList<SseEvent> &out);
    QList<SseEvent> feed(const QByteArray &chunk);

    bool hasError() const { return !m_error.isEmpty(); }
    // The error is that the bytes are not an event stream at all (they begin with something no event
    // stream begins with: binary data, an HTML page), as opposed to a stream with a bad event.
    bool notAnEventStream() const { return m_notAnEventStream; }
    // Whether the first bytes of a body can begin an event stream: 1 yes, -1 no, 0 too few bytes to say.
    // An event stream begins with an optional UTF-8 BOM, then a comment (':'), a blank line, or one of
    // the fields data, event, id and retry.
    static int startsLikeEventStream(const QByteArray &head);
    QString errorText() const { return m_error; }
    QByteArray excerpt() const { return m_excerpt; }
    // Bytes of an unfinished line or event still buffered (the tail of a stream that was cut).
    QByteArray pending() const;
    qint64 bytesParsed() const { return m_bytes; }
    void reset();

private:
    void processLine(const char *line, qsizetype length, QList<SseEvent> &out);
    void fail(const QString &message, const QByteArray &excerpt);

    qsizetype m_maxEventBytes;
    QByteArray m_buffer; // unconsumed bytes (an incomplete line)
    bool m_skipLf = false; // the previous chunk ended in CR: a leading LF belongs to that line end
    SseEvent m_current;
    bool m_hasData = false;
    qint64 m_bytes = 0;
    QString m_error;
    QByteArray m_excerpt;
    QByteArray m_head; // the first bytes, until they are known to begin an event stream
    bool m_started = false;
    bool m_notAnEventStream = false;
};

} // namespace harness
