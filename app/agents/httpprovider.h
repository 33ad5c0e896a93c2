// HttpProvider: a model provider reached over HTTP with one of the two streaming wire formats
// (kind "openai": Chat Completions; kind "anthropic": Messages). Holds the key only in memory.
#pragma once

#include "modelprovider.h"
#include "providerconfig.h"

class QNetworkAccessManager;

namespace harness {

class HttpProvider : public ModelProvider
{
    Q_OBJECT
public:
    // The key is registered with the global Redactor so it never appears in an error or a log.
    HttpProvider(ProviderConfig config, QString apiKey, QObject *parent = nullptr);

    QString id() const override { return m_config.id; }
    QString kind() const override { return m_config.kind; }
    const ProviderConfig &config() const { return m_config; }

    ChatStream *start(const ChatRequest &request) override;

private:
    const ProviderConfig m_config;
    QNetworkAccessManager *m_nam; // for calls started in this object's thread
    const QString m_apiKey;
};

} // namespace harness
