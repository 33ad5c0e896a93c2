// The start most end-to-end tests share: the bundled demo project materialised in a scratch folder with its
// task added to the store, and the first line of its replay transcript (the plan turn), on which a test
// builds a transcript of its own.
#pragma once

#include "orchestration/demoproject.h"
#include "orchestration/project.h"

#include <QFile>
#include <QString>

#include <optional>

namespace harness::test {

struct DemoTask
{
    QString root; // the repository
    QString store; // its store spec
};

// Fails the calling test (returns nullopt with the reason in *error) when the demo cannot be made.
inline std::optional<DemoTask> demoWithTask(const QString &where, QString *error)
{
    auto demo = DemoProject::materialize(where);
    if (!demo) {
        *error = demo.errorText();
        return std::nullopt;
    }
    auto project = Project::open(demo->repositoryRoot, demo->storeSpec);
    if (!project) {
        *error = project.errorText();
        return std::nullopt;
    }
    if (auto task = DemoProject::addTask((*project)->store()); !task) {
        *error = task.errorText();
        return std::nullopt;
    }
    return DemoTask {demo->repositoryRoot, demo->storeSpec};
}

// The demo transcript's plan turn, with its newline; empty when the transcript cannot be read.
inline QByteArray demoPlanLine(const QString &root)
{
    QFile f(root + QStringLiteral("/.harness/replay/add-kelvin.jsonl"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().split('\n').first() + '\n';
}

} // namespace harness::test
