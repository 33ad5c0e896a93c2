// DependencyGraph: layer projection of resolved dependencies; parallel extraction for build().
#include "dependencygraph.h"

#include "dependencyresolver.h"
#include "sourcetree.h"

#include "core/worktreereader.h"
#include <QDir>

#include <QFile>
#include <QMap>
#include <QtConcurrent/QtConcurrentMap>

namespace harness {

LayerMap::LayerMap(const RuleSet &rules) : m_layers(rules.layers)
{
    for (const Layer &l : m_layers)
        m_globs.append(PathGlob::compile(l.paths));
}

int LayerMap::indexOf(QStringView path) const
{
    for (qsizetype i = 0; i < m_globs.size(); ++i)
        if (PathGlob::matchesAny(m_globs.at(i), path))
            return int(i);
    return -1;
}

bool LayerMap::allows(int from, int to) const
{
    if (from < 0 || to < 0 || from == to)
        return true;
    return m_layers.at(from).allow.contains(m_layers.at(to).name);
}

DependencyGraph::DependencyGraph(QList<Dependency> dependencies) : m_dependencies(std::move(dependencies)) { }

Result<DependencyGraph> DependencyGraph::build(const QString &root, const QStringList &excludes)
{
    auto files = SourceTree::listFiles(root, excludes);
    if (!files)
        return files.error();
    DependencyResolver resolver(root, *files);
    resolver.loadDefaultCompileCommands();
    const WorktreeReader reader(root);
    QStringList sources;
    for (const QString &f : *files)
        if (ImportExtractor::languageOf(f) != SourceLanguage::None)
            sources << f;
    const QList<QList<Dependency>> perFile = QtConcurrent::blockingMapped(sources, [&](const QString &path) {
        QList<Dependency> out;
        const WorktreeRead read = reader.read(path, 64 * 1024 * 1024, WorktreeReader::OverLimit::Truncate);
        if (!read.ok())
            return out;
        const SourceLanguage lang = ImportExtractor::languageOf(path);
        for (const Import &imp : ImportExtractor::extract(lang, read.data))
            out.append(Dependency {path, resolver.resolve(path, lang, imp), imp.spec, imp.line, imp.column});
        return out;
    });
    QList<Dependency> all;
    for (const auto &list : perFile)
        all += list;
    return DependencyGraph(std::move(all));
}

QList<Dependency> DependencyGraph::dependenciesFrom(const QString &file) const
{
    QList<Dependency> out;
    for (const Dependency &d : m_dependencies)
        if (d.from == file)
            out.append(d);
    return out;
}

QList<Dependency> DependencyGraph::internalDependencies() const
{
    QList<Dependency> out;
    for (const Dependency &d : m_dependencies)
        if (!d.to.isEmpty())
            out.append(d);
    return out;
}

QList<LayerEdge> DependencyGraph::layerEdges(const RuleSet &rules) const
{
    const LayerMap map(rules);
    QMap<std::pair<int, int>, LayerEdge> edges;
    for (const Dependency &d : m_dependencies) {
        if (d.to.isEmpty())
            continue;
        const int a = map.indexOf(d.from);
        const int b = map.indexOf(d.to);
        if (a < 0 || b < 0 || a == b)
            continue;
        LayerEdge &e = edges[{a, b}];
        if (e.count == 0) {
            e.from = map.layer(a).name;
            e.to = map.layer(b).name;
            e.allowed = map.allows(a, b);
        }
        ++e.count;
        if (e.samples.size() < LayerEdge::kSamples)
            e.samples.append(d);
    }
    return edges.values();
}

QList<Dependency> DependencyGraph::violations(const RuleSet &rules) const
{
    const LayerMap map(rules);
    QList<Dependency> out;
    for (const Dependency &d : m_dependencies)
        if (!d.to.isEmpty() && !map.allows(map.indexOf(d.from), map.indexOf(d.to)))
            out.append(d);
    return out;
}

} // namespace harness
