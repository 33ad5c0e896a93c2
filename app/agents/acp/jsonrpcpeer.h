// JsonRpcPeer: one JSON-RPC 2.0 connection over a child process's stdin and stdout (the agent), with the
// strict reader, request ids and timeouts, and limits on what the agent may pile up. Any protocol fault
// (a bad line, a response to nothing, a flood, the process ending) ends the session with a clear message:
// pending requests fail with it and failed() is emitted once. The command line is taken as given (it may
// be bubblewrap wrapping the agent); the child runs in its own process group. Ending the session ends
// the child's whole process tree (ProcessTree: every process that descends from it, which for bubblewrap
// is its whole PID namespace) and finished() is emitted only once none of it runs.
#pragma once

#include "agents/acp/jsonrpcmessage.h"
#include "agents/acp/jsonrpcreader.h"
#include "core/hostenvironment.h"
#include "core/processtree.h"
#include "core/result.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QProcess>
#include <QSet>
#include <QStringList>
#include <functional>

class QTimer;

namespace harness {

struct JsonRpcCommand
{
    QString program;
    QStringList arguments;
    // Outside the sandbox a process never inherits the harness's secrets; callers add what it needs.
    QProcessEnvironment environment = HostEnvironment::scrubbed();
    QString workingDirectory;
    // Descriptors the process keeps across exec (bubblewrap reads its data and `--args` from them).
    QList<int> inheritFds;
};

class JsonRpcPeer : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        qsizetype maxLineBytes = 16 * 1024 * 1024;
        int maxPendingIncoming = 64; // the agent's requests we have not answered yet
        int floodMessages = 20000; // more messages than this within floodWindowMs is a flood
        int floodWindowMs = 1000;
        qsizetype maxUnwrittenBytes = 64 * 1024 * 1024; // the agent stopped reading its stdin
        int defaultTimeoutMs = 60000; // for requests that do not name one; 0 waits forever
        qsizetype stderrTailBytes = 16 * 1024;
    };

    // The answer to one of our requests: its result, or an Error whose message says why (the agent's
    // error with its code, a timeout, or the session's end).
    using ResponseHandler = std::function<void(const Result<QJsonValue> &)>;

    explicit JsonRpcPeer(Limits limits, QObject *parent = nullptr);
    explicit JsonRpcPeer(QObject *parent = nullptr) : JsonRpcPeer(Limits {}, parent) { }
    ~JsonRpcPeer() override;

    void start(const JsonRpcCommand &command);
    // Sends a request; `handler` runs exactly once. timeoutMs -1 uses the default, 0 waits forever.
    qint64 request(const QString &method, const QJsonObject &params, ResponseHandler handler,
                   int timeoutMs = -1);
    void notify(const QString &method, const QJsonObject &params);
    // Answers one of the agent's requests (each id once; answers after the session's end are dropped).
    void respond(const QJsonValue &id, const QJsonValue &result);
    void respondError(const QJsonValue &id, int code, const QString &message,
                      const QJsonValue &data = QJsonValue::Undefined);
    // Ends the session: closes the agent's stdin (what it says from now on is not acted on), SIGTERM to its
    // process group after graceMs / 4, then SIGKILL to every process of its tree after graceMs; finished()
    // follows once none of them runs. Pending requests fail with "closed".
    void close(int graceMs = 2000);
    // Ends the child and every process of its tree at once (SIGKILL) and BLOCKS until none of them runs, at
    // most timeoutMs. True when they all ended. The destructor does this too.
    bool endNow(int timeoutMs = kEndWaitMs);
    // The child has ended, and so has every process of its tree recorded when the session was ended.
    bool hasEnded() const;

    static constexpr int kEndWaitMs = 5000; // how long the end of a tree is waited for

    bool isRunning() const;
    bool hasFailed() const { return !m_failure.isEmpty(); }
    QString failure() const { return m_failure; }
    QString stderrTail() const;
    qint64 processId() const;
    int pendingRequests() const { return int(m_pending.size()); }

Q_SIGNALS:
    void requestReceived(const harness::JsonRpcMessage &message);
    void notificationReceived(const harness::JsonRpcMessage &message);
    // The session is over because of a fault; emitted once, never after close().
    void failed(const QString &message);
    // The process has ended (after failed() when there was a fault), and when the session was ended by
    // close() or a fault, every process of its tree too (or kEndWaitMs passed: hasEnded() says which).
    void finished();

private:
    struct Pending
    {
        QString method;
        ResponseHandler handler;
        QTimer *timer = nullptr;
    };
    void onStdout();
    void onStderr();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onStartError(QProcess::ProcessError error);
    void dispatch(const JsonRpcMessage &message);
    void fail(const QString &message);
    void write(const JsonRpcMessage &message);
    void endProcess(int graceMs);
    // Records the child's tree as it is now (before any signal: after the child's end its descendants are
    // no longer found under it).
    void recordTree();
    void killTree();
    // Emits finished() once the recorded tree has ended, or after kEndWaitMs.
    void finishWhenEnded();
    void failPending(const QString &message);
    void onTimeout(qint64 id);

    Limits m_limits;
    QProcess *m_process = nullptr;
    qint64 m_pid = 0; // the agent's process group while it runs
    ProcessTree m_tree; // recorded when the session is ended
    JsonRpcReader m_reader;
    qint64 m_nextId = 0;
    QHash<qint64, Pending> m_pending;
    QSet<qint64> m_timedOut; // ids whose late answers are dropped, not treated as answers to nothing
    QSet<QString> m_incoming; // ids of the agent's requests still to answer (JSON text of the id)
    QByteArray m_stderr;
    QString m_failure;
    bool m_closing = false;
    QString m_programName;
    QElapsedTimer m_floodWindow;
    int m_floodCount = 0;
};

} // namespace harness
