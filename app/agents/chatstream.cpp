// ChatStream: the single-ending guarantee and self-deletion.
#include "chatstream.h"
#include "redactor.h"

namespace harness {

ChatStream::ChatStream(ChatRequest request, QObject *parent) : QObject(parent), m_request(std::move(request))
{
    qRegisterMetaType<harness::ChatResponse>();
    qRegisterMetaType<harness::AgentError>();
}

void ChatStream::cancel()
{
    if (m_done)
        return;
    abortWork();
    fail(AgentError::make(AgentError::Kind::Cancelled, tr("The model call was cancelled.")));
}

void ChatStream::emitText(const QString &text)
{
    if (!m_done && !text.isEmpty())
        Q_EMIT textDelta(text);
}

void ChatStream::emitToolCallDelta(int index, const QString &id, const QString &name, const QString &fragment)
{
    if (m_done)
        return;
    m_toolCallStreamed = true;
    Q_EMIT toolCallDelta(index, id, name, fragment);
}

void ChatStream::finish(ChatResponse response)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(response);
    deleteLater();
}

void ChatStream::fail(AgentError error)
{
    if (m_done)
        return;
    m_done = true;
    error.message = Redactor::global().redact(error.message);
    error.rawExcerpt = Redactor::global().redact(error.rawExcerpt);
    Q_EMIT failed(error);
    deleteLater();
}

} // namespace harness
