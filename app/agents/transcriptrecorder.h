// TranscriptRecorder: wraps any provider and appends each finished call to a JSON Lines transcript, so
// any real session can later be replayed by ReplayProvider against changed rules and gates.
#pragma once

#include "modelprovider.h"

#include <QPointer>

namespace harness {

class TranscriptRecorder : public ModelProvider
{
    Q_OBJECT
public:
    // Does not take ownership of `inner`; the transcript file is created on the first answer.
    TranscriptRecorder(ModelProvider *inner, QString transcriptPath, QObject *parent = nullptr);

    QString id() const override;
    QString kind() const override;
    QString transcriptPath() const { return m_path; }

    ChatStream *start(const ChatRequest &request) override;

Q_SIGNALS:
    // The transcript could not be written (the answer itself is still delivered).
    void recordFailed(const QString &message);

private:
    QPointer<ModelProvider> m_inner;
    QString m_path;
};

} // namespace harness
