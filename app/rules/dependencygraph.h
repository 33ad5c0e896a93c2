// DependencyGraph: the file-to-file dependencies of a tree and their projection on the layers of a
// RuleSet — edges between layers with counts, and the ones the rules forbid (the rule editor's arrows).
#pragma once

#include "core/pathglob.h"
#include "ruleset.h"

namespace harness {

struct Dependency
{
    QString from; // relative path of the file that imports
    QString to; // relative path of the file imported; empty when outside the tree
    QString spec; // the import as written
    int line = 0;
    int column = 0;
    bool operator==(const Dependency &) const = default;
};

struct LayerEdge
{
    QString from; // layer names
    QString to;
    int count = 0;
    bool allowed = true;
    QList<Dependency> samples; // up to kSamples of the dependencies behind the edge
    static constexpr int kSamples = 5;
};

// Which layer a path belongs to, with the globs compiled once.
class LayerMap
{
public:
    explicit LayerMap(const RuleSet &rules);
    int indexOf(QStringView path) const; // -1 when in no layer
    const Layer &layer(int index) const { return m_layers.at(index); }
    bool allows(int from, int to) const;

private:
    QList<Layer> m_layers;
    QList<QList<PathGlob>> m_globs;
};

class DependencyGraph
{
public:
    DependencyGraph() = default;
    explicit DependencyGraph(QList<Dependency> dependencies);

    // Reads and resolves every source file of the tree in parallel. Blocking: call from a worker thread.
    static Result<DependencyGraph> build(const QString &root, const QStringList &excludes = {});

    const QList<Dependency> &dependencies() const { return m_dependencies; }
    QList<Dependency> dependenciesFrom(const QString &file) const;
    // Dependencies whose both ends are in the tree.
    QList<Dependency> internalDependencies() const;

    // Edges between distinct layers (in order of the layers), each with its count and whether allowed.
    QList<LayerEdge> layerEdges(const RuleSet &rules) const;
    // The dependencies that cross layers in a direction the rules do not allow.
    QList<Dependency> violations(const RuleSet &rules) const;

private:
    QList<Dependency> m_dependencies;
};

} // namespace harness
