// ReplayProvider: the replay agent. Answers each call from a recorded transcript by its (phase,
// iteration, turn), streaming the recorded text and tool calls: deterministic, offline, free.
#pragma once

#include "modelprovider.h"
#include "providerconfig.h"
#include "transcript.h"

#include <QMutex>

namespace harness {

class ReplayProvider : public ModelProvider
{
    Q_OBJECT
public:
    ReplayProvider(QString id, Transcript transcript, QObject *parent = nullptr);
    // Reads config.transcriptPath; the error names the file and line when it is unreadable.
    static Result<ReplayProvider *> open(const ProviderConfig &config, QObject *parent = nullptr);

    QString id() const override { return m_id; }
    QString kind() const override { return QStringLiteral("replay"); }
    Transcript transcript() const;
    // Re-reads the transcript file (after it was re-recorded).
    Status reload();

    // An unknown (phase, iteration, turn) fails with a Protocol error naming the missing line.
    ChatStream *start(const ChatRequest &request) override;

private:
    QString m_id;
    mutable QMutex m_mutex;
    Transcript m_transcript;
};

} // namespace harness
