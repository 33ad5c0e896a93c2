// ReplayProvider and its stream: recorded answers emitted from the event loop, in small pieces.
#include "replayprovider.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTimer>

namespace harness {

namespace {

class ReplayChatStream : public ChatStream
{
public:
    ReplayChatStream(ChatRequest request, std::optional<TranscriptLine> line, QString missing)
        : ChatStream(std::move(request)), m_line(std::move(line)), m_missing(std::move(missing))
    {
        m_timer.setSingleShot(true);
        // A recorded latency is replayed as recorded: a coarse timer may fire up to 5% early.
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &ReplayChatStream::play);
        m_clock.start();
        m_timer.start(m_line ? m_line->delayMs : 0);
    }

private:
    void abortWork() override { m_timer.stop(); }

    void play()
    {
        if (!m_line) {
            fail(AgentError::make(AgentError::Kind::Protocol, m_missing));
            return;
        }
        ChatResponse response = m_line->response;
        constexpr int kPiece = 64;
        for (qsizetype i = 0; i < response.text.size() && !isDone(); i += kPiece)
            emitText(response.text.mid(i, kPiece));
        for (int i = 0; i < response.toolCalls.size() && !isDone(); ++i) {
            const ToolCall &call = response.toolCalls.at(i);
            emitToolCallDelta(i, call.id, call.name, QString());
            emitToolCallDelta(
                    i, QString(), QString(),
                    QString::fromUtf8(QJsonDocument(call.arguments).toJson(QJsonDocument::Compact)));
        }
        if (response.model.isEmpty())
            response.model = request().model.isEmpty() ? QStringLiteral("replay") : request().model;
        if (response.latencyMs == 0)
            response.latencyMs = m_clock.elapsed();
        finish(response);
    }

    std::optional<TranscriptLine> m_line;
    QString m_missing;
    QTimer m_timer;
    QElapsedTimer m_clock;
};

} // namespace

ReplayProvider::ReplayProvider(QString id, Transcript transcript, QObject *parent)
    : ModelProvider(parent), m_id(std::move(id)), m_transcript(std::move(transcript))
{ }

Result<ReplayProvider *> ReplayProvider::open(const ProviderConfig &config, QObject *parent)
{
    auto transcript = Transcript::load(config.transcriptPath);
    if (!transcript)
        return transcript.error();
    return new ReplayProvider(config.id, std::move(*transcript), parent);
}

Transcript ReplayProvider::transcript() const
{
    QMutexLocker lock(&m_mutex);
    return m_transcript;
}

Status ReplayProvider::reload()
{
    QMutexLocker lock(&m_mutex);
    auto t = Transcript::load(m_transcript.path());
    if (!t)
        return t.error();
    m_transcript = std::move(*t);
    return success();
}

ChatStream *ReplayProvider::start(const ChatRequest &request)
{
    std::optional<TranscriptLine> line;
    QString missing;
    {
        QMutexLocker lock(&m_mutex);
        if (const TranscriptLine *found = m_transcript.find(request.phase, request.iteration, request.turn))
            line = *found;
        else
            missing = tr("The replay transcript %1 has no answer for phase \"%2\", iteration %3, turn %4 (it "
                         "holds %5 "
                         "calls). The run has diverged from the recording: record it again with a real "
                         "provider, or "
                         "add the missing line.")
                              .arg(m_transcript.path().isEmpty() ? m_id : m_transcript.path(), request.phase)
                              .arg(request.iteration)
                              .arg(request.turn)
                              .arg(m_transcript.size());
    }
    return new ReplayChatStream(request, std::move(line), std::move(missing));
}

} // namespace harness
