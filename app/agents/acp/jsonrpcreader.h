// JsonRpcReader: the strict reader of an agent's stdout. Newline-delimited JSON-RPC 2.0 (the Agent Client
// Protocol's stdio transport): each complete line must be one valid message; a line over the size limit
// (detected before it is buffered whole), invalid JSON, a batch or a malformed message ends the stream.
#pragma once

#include "agents/acp/jsonrpcmessage.h"
#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace harness {

class JsonRpcReader
{
public:
    explicit JsonRpcReader(qsizetype maxLineBytes = 16 * 1024 * 1024);

    // Reads `bytes`, appending every message completed by them to `out`. After the first error the reader
    // stays failed and returns that error for every later call; messages before the bad line are kept.
    Status feed(QByteArrayView bytes, QList<JsonRpcMessage> &out);
    // The stream ended: an unterminated last line is an error (a message cut short).
    Status finish();

    qsizetype buffered() const { return m_partial.size(); }
    qsizetype maxLineBytes() const { return m_maxLineBytes; }
    qint64 linesRead() const { return m_lines; }
    bool failed() const { return !m_error.isEmpty(); }

private:
    Status fail(QString message);
    Status parseLine(QByteArrayView line, QList<JsonRpcMessage> &out);

    qsizetype m_maxLineBytes;
    QByteArray m_partial;
    QString m_error;
    qint64 m_lines = 0;
};

} // namespace harness
