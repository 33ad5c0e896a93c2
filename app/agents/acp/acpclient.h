// AcpClient: the client side of the Agent Client Protocol (agentclientprotocol.com, protocol version 1)
// over a JsonRpcPeer: initialize (advertising file-system and terminal capabilities), authenticate,
// session/new, session/load, session/prompt, session/cancel, session/set_mode; session/update notifications
// arrive typed; the agent's own requests go to an AcpClientHandler and their answers back to the agent.
#pragma once

#include "agents/acp/acpclienthandler.h"
#include "agents/acp/acptypes.h"
#include "agents/acp/jsonrpcpeer.h"

#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QSet>
#include <functional>

namespace harness {

class AcpClient : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool readTextFile = true;
        bool writeTextFile = true;
        bool terminal = true;
        int initializeTimeoutMs = 60000;
        int sessionTimeoutMs = 120000; // session/new and session/load (agents may start slowly)
        int promptTimeoutMs = 0; // 0: a turn lasts as long as the run's budget allows
        JsonRpcPeer::Limits limits;
    };
    static constexpr int kProtocolVersion = 1;

    AcpClient(AcpClientHandler *handler, Options options, QObject *parent = nullptr);
    explicit AcpClient(AcpClientHandler *handler, QObject *parent = nullptr)
        : AcpClient(handler, Options {}, parent)
    { }

    void start(const JsonRpcCommand &command);
    void initialize(std::function<void(Result<AcpInitializeResult>)> done);
    void authenticate(const QString &methodId, std::function<void(Status)> done);
    // mcpServers: McpServer objects as the schema gives them ({name, command, args, env} for stdio).
    void newSession(const QString &cwd, const QJsonArray &mcpServers,
                    std::function<void(Result<AcpSessionInfo>)> done);
    void loadSession(const QString &sessionId, const QString &cwd, const QJsonArray &mcpServers,
                     std::function<void(Status)> done);
    void setMode(const QString &sessionId, const QString &modeId, std::function<void(Status)> done);
    // prompt: ContentBlock objects; promptText() makes the one-text-block prompt.
    void prompt(const QString &sessionId, const QJsonArray &prompt,
                std::function<void(Result<AcpPromptResult>)> done);
    static QJsonArray promptText(const QString &text);
    // Asks the agent to stop the turn; the prompt's answer then comes with stopReason "cancelled".
    // Permission questions still open for the session are answered "cancelled" (as the protocol requires).
    void cancel(const QString &sessionId);
    void close();

    JsonRpcPeer &peer() { return m_peer; }
    const AcpInitializeResult &agent() const { return m_agent; }

Q_SIGNALS:
    void sessionUpdate(const harness::AcpSessionUpdate &update);
    // A notification or update the client could not read, kept for the run's log; not fatal.
    void ignoredMessage(const QString &why);
    void failed(const QString &message);
    void finished();

private:
    void onRequest(const JsonRpcMessage &message);
    void onNotification(const JsonRpcMessage &message);
    template<typename Request>
    bool parse(const JsonRpcMessage &message, Result<Request> &out);

    AcpClientHandler *m_handler;
    Options m_options;
    JsonRpcPeer m_peer;
    AcpInitializeResult m_agent;
    QHash<QString, QList<QJsonValue>> m_openPermissions; // by session
};

} // namespace harness
