// LiveChecker: the dependency graph is built once per tree; each edit re-projects it on the layers and
// re-runs the rule engine, off the GUI thread.
#include "livechecker.h"

#include "rules/ruleengine.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QtConcurrent>

namespace harness::ui {

namespace {
QString findingKey(const Finding &f)
{
    return QStringLiteral("%1:%2:%3:%4").arg(f.file).arg(f.line).arg(f.rule, f.message);
}

// Guards the shared graph cache between consecutive workers.
QMutex &graphMutex()
{
    static QMutex mutex;
    return mutex;
}
} // namespace

LiveChecker::LiveChecker(QObject *parent) : QObject(parent), m_graph(std::make_shared<GraphCache>())
{
    qRegisterMetaType<harness::ui::LiveCheckResult>();
    m_debounce.setSingleShot(true);
    connect(&m_debounce, &QTimer::timeout, this, &LiveChecker::start);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        if (m_watcher.future().resultCount() > 0) {
            const LiveCheckResult result = m_watcher.result();
            if (result.generation == m_generation) {
                m_last = result;
                Q_EMIT finished(result);
            }
        }
        if (m_pending) {
            m_pending = false;
            start();
        }
    });
}

LiveChecker::~LiveChecker()
{
    m_watcher.waitForFinished();
}

void LiveChecker::setRoot(const QString &root)
{
    m_root = root;
    m_graph = std::make_shared<GraphCache>();
    m_last.reset();
}

bool LiveChecker::isBusy() const
{
    return m_watcher.isRunning() || m_debounce.isActive() || m_pending;
}

void LiveChecker::schedule(const RuleSet &edited, const RuleSet &saved, int delayMs)
{
    m_edited = edited;
    m_saved = saved;
    ++m_generation;
    m_debounce.start(delayMs);
}

void LiveChecker::start()
{
    if (m_root.isEmpty())
        return;
    if (m_watcher.isRunning()) {
        m_pending = true; // run again with the newest rules once this one ends
        return;
    }
    Q_EMIT started();
    const QString root = m_root;
    const RuleSet edited = m_edited, saved = m_saved;
    const quint64 generation = m_generation;
    auto graph = m_graph;
    m_watcher.setFuture(QtConcurrent::run([root, edited, saved, generation, graph]() {
        LiveCheckResult result;
        result.generation = generation;
        QElapsedTimer timer;
        timer.start();
        {
            QMutexLocker lock(&graphMutex());
            if (!graph->graph || graph->excludes != edited.exclude) {
                auto built = DependencyGraph::build(root, edited.exclude);
                if (!built) {
                    result.error = built.errorText();
                    return result;
                }
                graph->graph = built.value();
                graph->excludes = edited.exclude;
            }
            result.edges = graph->graph->layerEdges(edited);
        }
        if (!edited.validate().ok()) {
            result.elapsedMs = timer.elapsed();
            return result; // the findings wait until the rules are valid again
        }
        auto now = RuleEngine::check(root, edited);
        if (!now) {
            result.error = now.errorText();
            return result;
        }
        result.findings = now.value();
        QSet<QString> before;
        if (saved.validate().ok()) {
            if (auto old = RuleEngine::check(root, saved)) {
                for (const Finding &f : old.value())
                    before.insert(findingKey(f));
            }
        }
        for (const Finding &f : result.findings) {
            if (!before.contains(findingKey(f)))
                result.newFindings.append(f);
        }
        result.elapsedMs = timer.elapsed();
        return result;
    }));
}

} // namespace harness::ui
