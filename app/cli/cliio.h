// CliIo: the streams a command writes to, so commands can be run in tests without a process.
#pragma once

#include <QTextStream>

namespace harness {

struct CliIo
{
    QTextStream &out;
    QTextStream &err;
};

} // namespace harness
