// ModelProvider: the one interface every model source implements (OpenAI-compatible, Anthropic, replay,
// and decorators such as TranscriptRecorder): an asynchronous, cancellable, streaming call, plus a
// blocking convenience for worker threads.
#pragma once

#include "chatstream.h"

#include <QObject>
#include <atomic>

namespace harness {

class ModelProvider : public QObject
{
    Q_OBJECT
public:
    explicit ModelProvider(QObject *parent = nullptr);

    virtual QString id() const = 0;
    virtual QString kind() const = 0; // "openai", "anthropic", "replay", ...

    // Starts a call and returns at once. The stream lives in the calling thread, which must run an
    // event loop; its signals arrive from that loop, never from inside start(). Thread-safe.
    virtual ChatStream *start(const ChatRequest &request) = 0;

    // Blocks until the call ends: runs its own QEventLoop, so call it from a worker thread, never from
    // the GUI thread. `cancel` is polled every 20 ms. On failure the Error's field is the kind name
    // ("key_rejected", ...), and `error`, when given, receives the full AgentError.
    Result<ChatResponse> complete(const ChatRequest &request, const std::atomic_bool *cancel = nullptr,
                                  AgentError *error = nullptr);
};

} // namespace harness
