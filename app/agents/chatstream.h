// ChatStream: one running model call. It reports partial output as it arrives and ends with exactly one
// finished() or failed(); it deletes itself (deleteLater) after that signal. cancel() ends it at once.
#pragma once

#include "agenterror.h"
#include "chatresponse.h"

#include <QObject>

namespace harness {

class ChatStream : public QObject
{
    Q_OBJECT
public:
    explicit ChatStream(ChatRequest request, QObject *parent = nullptr);

    const ChatRequest &request() const { return m_request; }
    bool isDone() const { return m_done; }
    // Whether a tool call has been streamed to the listener: a cut stream is then not retried, since
    // the listener may already have acted on it.
    bool toolCallStreamed() const { return m_toolCallStreamed; }

    // Stops the call; failed(Cancelled) follows unless the stream had already ended.
    void cancel();

Q_SIGNALS:
    void textDelta(const QString &text);
    void toolCallDelta(int index, const QString &id, const QString &name, const QString &argumentsFragment);
    // A new attempt starts after `delayMs`: partial text delivered so far is void and will come again.
    void restarted(int attempt, int delayMs, const QString &reason);
    void finished(const harness::ChatResponse &response);
    void failed(const harness::AgentError &error);

protected:
    void emitText(const QString &text);
    void emitToolCallDelta(int index, const QString &id, const QString &name, const QString &fragment);
    void finish(ChatResponse response);
    void fail(AgentError error);
    // Stops network work or timers; called once by cancel() before failed(Cancelled).
    virtual void abortWork() { }

private:
    ChatRequest m_request;
    bool m_done = false;
    bool m_toolCallStreamed = false;
};

} // namespace harness
