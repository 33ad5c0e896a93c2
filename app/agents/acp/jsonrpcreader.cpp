// JsonRpcReader implementation: memchr for line ends, one QJsonDocument parse per line, the shape checks
// of JsonRpcMessage::fromJson; the partial line never grows past the limit.
#include "agents/acp/jsonrpcreader.h"

#include "agents/agenterror.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <cstring>

namespace harness {

JsonRpcReader::JsonRpcReader(qsizetype maxLineBytes) : m_maxLineBytes(qMax<qsizetype>(64, maxLineBytes)) { }

Status JsonRpcReader::fail(QString message)
{
    m_error = std::move(message);
    m_partial.clear();
    return Status::failure(m_error);
}

Status JsonRpcReader::feed(QByteArrayView bytes, QList<JsonRpcMessage> &out)
{
    if (failed())
        return Status::failure(m_error);
    const char *data = bytes.data();
    qsizetype size = bytes.size();
    while (size > 0) {
        const void *found = std::memchr(data, '\n', size_t(size));
        if (!found) {
            if (m_partial.size() + size > m_maxLineBytes)
                return fail(QStringLiteral("the agent sent a line longer than %1 bytes (line %2); the limit "
                                           "protects the harness from unbounded memory use")
                                    .arg(m_maxLineBytes)
                                    .arg(m_lines + 1));
            m_partial.append(data, size);
            return success();
        }
        const qsizetype length = static_cast<const char *>(found) - data;
        if (m_partial.size() + length > m_maxLineBytes)
            return fail(QStringLiteral("the agent sent a line longer than %1 bytes (line %2); the limit "
                                       "protects the harness from unbounded memory use")
                                .arg(m_maxLineBytes)
                                .arg(m_lines + 1));
        Status status = success();
        if (m_partial.isEmpty()) {
            status = parseLine(QByteArrayView(data, length), out);
        } else {
            m_partial.append(data, length);
            status = parseLine(m_partial, out);
            m_partial.clear();
        }
        if (!status)
            return status;
        data += length + 1;
        size -= length + 1;
    }
    return success();
}

Status JsonRpcReader::finish()
{
    if (failed())
        return Status::failure(m_error);
    if (!m_partial.trimmed().isEmpty())
        return fail(QStringLiteral("the agent's output ended in the middle of a message: %1")
                            .arg(rawExcerpt(m_partial, 200)));
    return success();
}

Status JsonRpcReader::parseLine(QByteArrayView line, QList<JsonRpcMessage> &out)
{
    ++m_lines;
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.trimmed().isEmpty())
        return success(); // blank lines between messages carry nothing
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return fail(QStringLiteral("the agent sent a line that is not JSON (line %1, %2 at offset %3): %4")
                            .arg(m_lines)
                            .arg(error.errorString())
                            .arg(error.offset)
                            .arg(rawExcerpt(line.toByteArray(), 200)));
    if (document.isArray())
        return fail(QStringLiteral("the agent sent a JSON-RPC batch (line %1); the Agent Client Protocol "
                                   "sends one message per line")
                            .arg(m_lines));
    if (!document.isObject())
        return fail(QStringLiteral("the agent sent a line that is not a JSON object (line %1)").arg(m_lines));
    Result<JsonRpcMessage> message = JsonRpcMessage::fromJson(document.object());
    if (!message)
        return fail(QStringLiteral("the agent sent an invalid JSON-RPC message (line %1): %2: %3")
                            .arg(m_lines)
                            .arg(message.errorText())
                            .arg(rawExcerpt(line.toByteArray(), 200)));
    out.append(std::move(message).value());
    return success();
}

} // namespace harness
