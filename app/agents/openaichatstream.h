// OpenAiChatStream: the OpenAI Chat Completions wire format (stream:true) used by OpenAI, Ollama, vLLM and
// the llama.cpp server: request body, "data:" chunks with content and tool_call fragments, "[DONE]".
#pragma once

#include "httpchatstream.h"

namespace harness {

class OpenAiChatStream : public HttpChatStream
{
    Q_OBJECT
public:
    using HttpChatStream::HttpChatStream;

    // The JSON body for a request (public for tests and for recording what was sent).
    static QJsonObject requestBody(const ChatRequest &request, const QString &model);

protected:
    QNetworkRequest buildRequest() const override;
    QByteArray buildBody() const override;
    void handleEvent(const SseEvent &event) override;
    bool acceptsEndOfBody() const override { return true; }
    QString providerName() const override;
};

} // namespace harness
