// HttpProvider: picks the wire format's stream class per call.
#include "httpprovider.h"
#include "anthropicchatstream.h"
#include "openaichatstream.h"
#include "redactor.h"

#include <QNetworkAccessManager>

namespace harness {

HttpProvider::HttpProvider(ProviderConfig config, QString apiKey, QObject *parent)
    : ModelProvider(parent), m_config(std::move(config)), m_apiKey(std::move(apiKey))
{
    Redactor::global().add(m_apiKey);
    m_nam = new QNetworkAccessManager(this);
    m_nam->setAutoDeleteReplies(false);
}

ChatStream *HttpProvider::start(const ChatRequest &request)
{
    HttpChatStream *stream = nullptr;
    if (m_config.kind == QLatin1String("anthropic"))
        stream = new AnthropicChatStream(request, m_config, m_apiKey, nullptr, m_nam);
    else
        stream = new OpenAiChatStream(request, m_config, m_apiKey, nullptr, m_nam);
    stream->begin();
    return stream;
}

} // namespace harness
