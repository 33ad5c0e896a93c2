// IterationHistory: the summaries of a run's finished build/fix iterations, kept as the engine reads
// its events once each, so assembling a context never rereads the whole log.
#pragma once

#include "core/event.h"
#include "knowledge/iterationsummarizer.h"

#include <QList>
#include <QPair>
#include <QStringList>

namespace harness {

class IterationHistory
{
public:
    // Feed every event of the run, in order.
    void apply(const Event &event);
    // The summaries of the iterations before `iteration`, oldest first.
    QStringList summariesBefore(int iteration) const;

private:
    void noteChangedFile(const QString &path, int added, int removed);

    IterationFacts m_current; // the iteration being checkpointed and verified
    QList<QPair<int, QString>> m_summaries; // (iteration, summary)
};

} // namespace harness
