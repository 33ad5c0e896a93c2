// GlobalOptions: the words before a `harness` command (`--repo DIR`, `--store SPEC`, or their `=` forms),
// read the same way by the engine and by the check's own program. The `harness` entry point (dispatch.cpp)
// finds the command word by the same rule.
#pragma once

#include <QStringList>

namespace harness {

struct GlobalOptions
{
    QString repo;
    QString store;
    qsizetype next = 0; // the index of the first word that is not a global option (the command)
    QString missingValue; // "--repo" or "--store" when it ended the words without its value

    static GlobalOptions read(const QStringList &arguments);
};

} // namespace harness
