// AnthropicChatStream: the Anthropic Messages wire format (stream:true): content blocks, tool_use with
// input_json_delta fragments, tool_result blocks in user turns, usage from message_start/message_delta.
#pragma once

#include "httpchatstream.h"

namespace harness {

class AnthropicChatStream : public HttpChatStream
{
    Q_OBJECT
public:
    using HttpChatStream::HttpChatStream;

    static QJsonObject requestBody(const ChatRequest &request, const QString &model);
    static constexpr const char *kApiVersion = "2023-06-01";

protected:
    QNetworkRequest buildRequest() const override;
    QByteArray buildBody() const override;
    void handleEvent(const SseEvent &event) override;
    QString providerName() const override;
};

} // namespace harness
