// JsonRpcPeer implementation: QProcess with the child in its own session and process group (setsid); its
// end is the end of its whole process tree (ProcessTree), waited for. Reads through JsonRpcReader and
// matches responses by id.
#include "agents/acp/jsonrpcpeer.h"

#include "agents/agenterror.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>
#include <algorithm>
#include <array>
#include <csignal>
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

namespace harness {

namespace {

QString idKey(const QJsonValue &id)
{
    return id.isString() ? QLatin1Char('s') + id.toString()
                         : QLatin1Char('n') + QString::number(id.toDouble(), 'g', 17);
}

} // namespace

JsonRpcPeer::JsonRpcPeer(Limits limits, QObject *parent)
    : QObject(parent), m_limits(limits), m_reader(limits.maxLineBytes)
{ }

JsonRpcPeer::~JsonRpcPeer()
{
    if (m_process) {
        m_process->disconnect(this);
        // Whatever still runs of the child's tree is killed and waited for: nothing of it outlives us.
        endNow(kEndWaitMs);
    }
    for (Pending &p : m_pending)
        delete p.timer;
}

void JsonRpcPeer::start(const JsonRpcCommand &command)
{
    Q_ASSERT(!m_process);
    m_programName = QFileInfo(command.program).fileName();
    m_process = new QProcess(this);
    m_process->setProgram(command.program);
    m_process->setArguments(command.arguments);
    m_process->setProcessEnvironment(command.environment);
    if (!command.workingDirectory.isEmpty())
        m_process->setWorkingDirectory(command.workingDirectory);
    // Its own session and process group: close() and the destructor end the agent and its children
    // (adapters start the real agent as a child process).
    // Runs between fork and exec: async-signal-safe calls only.
    std::array<int, 16> keep {};
    const size_t keepCount = std::min<size_t>(keep.size(), size_t(command.inheritFds.size()));
    std::copy_n(command.inheritFds.cbegin(), keepCount, keep.begin());
    m_process->setChildProcessModifier([keep, keepCount] {
        ::setsid();
        for (size_t i = 0; i < keepCount; ++i)
            ::fcntl(keep[i], F_SETFD, 0);
    });
    connect(m_process, &QProcess::readyReadStandardOutput, this, &JsonRpcPeer::onStdout);
    connect(m_process, &QProcess::readyReadStandardError, this, &JsonRpcPeer::onStderr);
    connect(m_process, &QProcess::finished, this, &JsonRpcPeer::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &JsonRpcPeer::onStartError);
    connect(m_process, &QProcess::started, this, [this] { m_pid = m_process->processId(); });
    m_floodWindow.start();
    m_process->start();
}

bool JsonRpcPeer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 JsonRpcPeer::processId() const
{
    return m_process ? m_process->processId() : 0;
}

QString JsonRpcPeer::stderrTail() const
{
    return rawExcerpt(m_stderr, 2000, true).trimmed();
}

qint64 JsonRpcPeer::request(const QString &method, const QJsonObject &params, ResponseHandler handler,
                            int timeoutMs)
{
    const qint64 id = m_nextId++;
    if (hasFailed() || m_closing || !m_process) {
        const QString why = hasFailed() ? m_failure : QStringLiteral("the agent session is closed");
        QTimer::singleShot(0, this, [handler, why] { handler(Result<QJsonValue>::failure(why)); });
        return id;
    }
    Pending pending {method, std::move(handler), nullptr};
    const int limitMs = timeoutMs < 0 ? m_limits.defaultTimeoutMs : timeoutMs;
    if (limitMs > 0) {
        pending.timer = new QTimer(this);
        pending.timer->setSingleShot(true);
        connect(pending.timer, &QTimer::timeout, this, [this, id] { onTimeout(id); });
        pending.timer->start(limitMs);
    }
    m_pending.insert(id, std::move(pending));
    write(JsonRpcMessage::request(id, method, params));
    return id;
}

void JsonRpcPeer::onTimeout(qint64 id)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    Pending p = std::move(it.value());
    m_pending.erase(it);
    p.timer->deleteLater();
    m_timedOut.insert(id);
    p.handler(Result<QJsonValue>::failure(
            QStringLiteral("the agent did not answer %1 within the time limit").arg(p.method)));
}

void JsonRpcPeer::notify(const QString &method, const QJsonObject &params)
{
    if (!hasFailed() && !m_closing && m_process)
        write(JsonRpcMessage::notification(method, params));
}

void JsonRpcPeer::respond(const QJsonValue &id, const QJsonValue &result)
{
    if (hasFailed() || m_closing || !m_incoming.remove(idKey(id)))
        return;
    write(JsonRpcMessage::response(id, result));
}

void JsonRpcPeer::respondError(const QJsonValue &id, int code, const QString &message, const QJsonValue &data)
{
    if (hasFailed() || m_closing || !m_incoming.remove(idKey(id)))
        return;
    write(JsonRpcMessage::error(id, code, message, data));
}

void JsonRpcPeer::write(const JsonRpcMessage &message)
{
    if (m_process->state() == QProcess::NotRunning)
        return;
    if (m_process->bytesToWrite() > m_limits.maxUnwrittenBytes) {
        fail(QStringLiteral("the agent stopped reading its input (%1 bytes unread)")
                     .arg(m_process->bytesToWrite()));
        return;
    }
    m_process->write(message.toLine());
}

void JsonRpcPeer::onStdout()
{
    // Reading stops at the first fault: what follows a bad line is not trusted.
    if (m_closing) {
        m_process->readAllStandardOutput(); // what the agent says after close() is not acted on
        return;
    }
    QPointer<JsonRpcPeer> self(this);
    while (self && !hasFailed() && !m_closing && m_process->bytesAvailable() > 0) {
        const QByteArray chunk = m_process->read(256 * 1024);
        QList<JsonRpcMessage> messages;
        const Status status = m_reader.feed(chunk, messages);
        for (const JsonRpcMessage &m : std::as_const(messages)) {
            if (!self || hasFailed() || m_closing)
                return;
            dispatch(m);
        }
        if (self && !status)
            fail(status.errorText());
    }
}

void JsonRpcPeer::onStderr()
{
    m_stderr += m_process->readAllStandardError();
    if (m_stderr.size() > m_limits.stderrTailBytes)
        m_stderr = m_stderr.right(m_limits.stderrTailBytes);
}

void JsonRpcPeer::dispatch(const JsonRpcMessage &message)
{
    if (m_floodWindow.elapsed() > m_limits.floodWindowMs) {
        m_floodWindow.restart();
        m_floodCount = 0;
    }
    if (++m_floodCount > m_limits.floodMessages) {
        fail(QStringLiteral("the agent flooded the connection (more than %1 messages within %2 ms)")
                     .arg(m_limits.floodMessages)
                     .arg(m_limits.floodWindowMs));
        return;
    }
    switch (message.kind) {
    case JsonRpcMessage::Kind::Request:
        if (m_incoming.contains(idKey(message.id))) {
            fail(QStringLiteral("the agent reused request id %1 before it was answered")
                         .arg(message.idText()));
            return;
        }
        if (m_incoming.size() >= m_limits.maxPendingIncoming) {
            fail(QStringLiteral("the agent has more than %1 requests waiting for an answer (a flood)")
                         .arg(m_limits.maxPendingIncoming));
            return;
        }
        m_incoming.insert(idKey(message.id));
        Q_EMIT requestReceived(message);
        return;
    case JsonRpcMessage::Kind::Notification:
        Q_EMIT notificationReceived(message);
        return;
    case JsonRpcMessage::Kind::Result:
    case JsonRpcMessage::Kind::Error:
        break;
    }
    // A response: it must answer a request of ours that is still open.
    const bool numeric = message.id.isDouble();
    const qint64 id = numeric ? qint64(message.id.toDouble()) : -1;
    auto it = numeric ? m_pending.find(id) : m_pending.end();
    if (it == m_pending.end()) {
        if (numeric && m_timedOut.remove(id))
            return; // the late answer to a request we gave up on
        if (message.kind == JsonRpcMessage::Kind::Error && message.id.isNull())
            fail(QStringLiteral("the agent could not read a message of ours: %1 (%2)")
                         .arg(message.errorMessage)
                         .arg(message.errorCode));
        else
            fail(QStringLiteral("the agent answered request %1, which was never sent or was already answered")
                         .arg(message.idText()));
        return;
    }
    Pending p = std::move(it.value());
    m_pending.erase(it);
    delete p.timer;
    if (message.kind == JsonRpcMessage::Kind::Result) {
        p.handler(message.result);
        return;
    }
    QString text = message.errorMessage;
    const QString data = message.errorData.isObject()
            ? QString::fromUtf8(QJsonDocument(message.errorData.toObject()).toJson(QJsonDocument::Compact))
            : message.errorData.isString() ? message.errorData.toString()
                                           : QString();
    if (!data.isEmpty())
        text += QStringLiteral(": ") + rawExcerpt(data.toUtf8(), 600);
    p.handler(Result<QJsonValue>::failure(QStringLiteral("the agent refused %1: %2 (error %3)")
                                                  .arg(p.method, text)
                                                  .arg(message.errorCode)));
}

void JsonRpcPeer::failPending(const QString &message)
{
    QHash<qint64, Pending> pending;
    pending.swap(m_pending);
    QPointer<JsonRpcPeer> self(this);
    for (Pending &p : pending) {
        delete p.timer;
        p.handler(Result<QJsonValue>::failure(message));
    }
    Q_UNUSED(self);
}

void JsonRpcPeer::fail(const QString &message)
{
    if (hasFailed() || m_closing)
        return;
    m_failure = message;
    QPointer<JsonRpcPeer> self(this);
    failPending(message);
    if (!self)
        return;
    Q_EMIT failed(message);
    if (self)
        endProcess(500);
}

void JsonRpcPeer::onStartError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart)
        return;
    fail(QStringLiteral("the agent command %1 could not be started: %2. Check that it is installed "
                        "(packaging/install-agents.sh) and that the path is right.")
                 .arg(m_programName, m_process->errorString()));
    Q_EMIT finished();
}

void JsonRpcPeer::onFinished(int exitCode, QProcess::ExitStatus status)
{
    onStderr();
    if (!m_closing && !hasFailed()) {
        // Whatever was read before the end is processed first; a cut message is a fault too.
        onStdout();
        if (!hasFailed()) {
            const Status end = m_reader.finish();
            QString why = status == QProcess::CrashExit
                    ? QStringLiteral("the agent %1 crashed").arg(m_programName)
                    : QStringLiteral("the agent %1 exited with code %2").arg(m_programName).arg(exitCode);
            if (!end)
                why += QStringLiteral(" (") + end.errorText() + QLatin1Char(')');
            const QString tail = stderrTail();
            if (!tail.isEmpty())
                why += QStringLiteral("; its last words: ") + tail.right(600);
            fail(why);
        }
    }
    failPending(QStringLiteral("the agent session is closed"));
    // What the agent started and left behind goes with it.
    if (m_pid > 0)
        ::kill(-pid_t(m_pid), SIGKILL);
    m_pid = 0;
    finishWhenEnded();
}

void JsonRpcPeer::finishWhenEnded()
{
    m_tree.killAll();
    if (m_tree.ended()) {
        Q_EMIT finished();
        return;
    }
    // A namespace's init ends only once the kernel has ended every process in it: a few milliseconds.
    auto *tick = new QTimer(this);
    const QDeadlineTimer deadline(kEndWaitMs);
    connect(tick, &QTimer::timeout, this, [this, tick, deadline] {
        if (!m_tree.ended() && !deadline.hasExpired())
            return;
        tick->stop();
        tick->deleteLater();
        Q_EMIT finished();
    });
    tick->start(5);
}

bool JsonRpcPeer::hasEnded() const
{
    return !isRunning() && m_tree.ended();
}

bool JsonRpcPeer::endNow(int timeoutMs)
{
    const QDeadlineTimer deadline(qMax(0, timeoutMs));
    killTree();
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(int(qMax<qint64>(1, deadline.remainingTime())));
    }
    m_tree.killAll();
    return m_tree.waitEnded(int(deadline.remainingTime())) && !isRunning();
}

void JsonRpcPeer::recordTree()
{
    if (m_pid > 0)
        m_tree.add(m_pid);
    else
        m_tree.refresh();
}

void JsonRpcPeer::killTree()
{
    recordTree();
    m_tree.killAll();
    if (m_pid > 0)
        ::kill(-pid_t(m_pid), SIGKILL);
}

void JsonRpcPeer::close(int graceMs)
{
    if (m_closing)
        return;
    m_closing = true;
    failPending(QStringLiteral("the agent session is closed"));
    endProcess(graceMs);
}

void JsonRpcPeer::endProcess(int graceMs)
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    recordTree();
    m_process->closeWriteChannel();
    QTimer::singleShot(qMax(0, graceMs / 4), this, [this] {
        recordTree();
        if (m_pid > 0)
            ::kill(-pid_t(m_pid), SIGTERM);
    });
    QTimer::singleShot(qMax(1, graceMs), this, [this] { killTree(); });
}

} // namespace harness
