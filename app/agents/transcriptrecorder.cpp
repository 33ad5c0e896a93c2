// TranscriptRecorder: forwards the call, appends the answer when it finishes.
#include "transcriptrecorder.h"
#include "transcript.h"

namespace harness {

TranscriptRecorder::TranscriptRecorder(ModelProvider *inner, QString transcriptPath, QObject *parent)
    : ModelProvider(parent), m_inner(inner), m_path(std::move(transcriptPath))
{ }

QString TranscriptRecorder::id() const
{
    return m_inner ? m_inner->id() : QString();
}

QString TranscriptRecorder::kind() const
{
    return m_inner ? m_inner->kind() : QString();
}

ChatStream *TranscriptRecorder::start(const ChatRequest &request)
{
    Q_ASSERT(m_inner);
    ChatStream *stream = m_inner->start(request);
    const QString path = m_path;
    QPointer<TranscriptRecorder> self(this);
    // Direct connection: the line is written in the stream's thread before the listener sees the answer.
    connect(
            stream, &ChatStream::finished, stream,
            [request, path, self](const ChatResponse &response) {
                TranscriptLine line;
                line.phase = request.phase;
                line.iteration = request.iteration;
                line.turn = request.turn;
                line.model = response.model;
                line.response = response;
                const Status written = Transcript::append(path, line);
                if (!written && self)
                    Q_EMIT self->recordFailed(written.errorText());
            },
            Qt::DirectConnection);
    return stream;
}

} // namespace harness
