// LiveChecker: checks the tree against the rules being edited in a worker thread — layer edges with their
// counts and violations (the canvas's red arrows) and the findings the edited rules would add compared with
// the saved ones. Edits are debounced; a result for outdated rules is dropped.
#pragma once

#include "rules/dependencygraph.h"
#include "rules/ruleset.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <optional>

namespace harness::ui {

struct LiveCheckResult
{
    quint64 generation = 0;
    QList<LayerEdge> edges; // observed edges between layers, allowed or not
    QList<Finding> findings; // everything the edited rules report on the tree
    QList<Finding> newFindings; // reported with the edited rules but not with the saved ones
    QString error;
    qint64 elapsedMs = 0;
};

class LiveChecker : public QObject
{
    Q_OBJECT
public:
    explicit LiveChecker(QObject *parent = nullptr);
    ~LiveChecker() override;

    void setRoot(const QString &root); // rebuilds the dependency graph (in the worker) on next check
    // Schedules a check of `edited` (and `saved`, for the comparison) after a short pause in editing.
    void schedule(const RuleSet &edited, const RuleSet &saved, int delayMs = 150);
    bool isBusy() const;
    const std::optional<LiveCheckResult> &last() const { return m_last; }

Q_SIGNALS:
    void started();
    void finished(const harness::ui::LiveCheckResult &result);

private:
    void start();

    QString m_root;
    RuleSet m_edited, m_saved;
    quint64 m_generation = 0;
    bool m_pending = false;
    struct GraphCache
    {
        std::optional<DependencyGraph> graph;
        QStringList excludes; // the rule set's "exclude" the graph was built with
    };
    std::shared_ptr<GraphCache> m_graph; // built once per root (and exclude list), shared with the worker
    QTimer m_debounce;
    QFutureWatcher<LiveCheckResult> m_watcher;
    std::optional<LiveCheckResult> m_last;
};

} // namespace harness::ui
