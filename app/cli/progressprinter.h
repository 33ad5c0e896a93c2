// ProgressPrinter: one line per step of a headless run, and the final summary.
#pragma once

#include "orchestration/runstate.h"

#include <QElapsedTimer>
#include <QTextStream>

namespace harness {

class ProgressPrinter
{
public:
    explicit ProgressPrinter(QTextStream &out);
    void print(const Event &event);
    void summary(const RunState &state);

private:
    void line(const QString &text);
    QTextStream &m_out;
    QElapsedTimer m_clock;
    int m_awaitingHuman = 0; // findings only a human can settle, from the last verification
};

} // namespace harness
