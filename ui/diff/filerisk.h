// FileRisk: how much attention a changed file deserves in review — findings on it, sensitive paths
// (build, CI, rules, secrets, migrations), deletions and mode changes score up; lock and generated files
// down.
#pragma once

#include "diffdocument.h"

#include <QStringList>

namespace harness::ui {

struct FileRisk
{
    enum class Level { Low, Medium, High };
    int score = 0;
    Level level = Level::Low;
    bool generated = false; // lock files, minified or generated code: collapsed by default
    QStringList reasons; // translated, for the tooltip

    static FileRisk assess(const DiffFile &file, int findingCount = 0);
    static QString levelName(Level level);
};

} // namespace harness::ui
