// `harness check [PATH] [--changed-since REV] [--format text|json|sarif] [--rules FILE]`: the rule engine
// headless, for CI. Exit 0 clean, 1 violations (errors or warnings), 2 bad input.
#pragma once

#include <QStringList>
#include <QTextStream>

namespace harness {

// args: the words after "check". Blocking (runs the whole check before returning).
int runCheckCommand(const QStringList &args, QTextStream &out, QTextStream &err);
QString checkCommandHelp();

} // namespace harness
