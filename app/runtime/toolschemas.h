// ToolSchemas: what each agent tool takes, as OpenAI-style definitions [{name, description, parameters:
// <JSON Schema>}] — read_file, list_files, search, edit_file, apply_patch, write_file, run_command. The
// ToolExecutor offers the ones the run's permission profile allows.
#pragma once

#include <QJsonArray>

namespace harness {

class ToolSchemas
{
public:
    static const QJsonArray &all();
};

} // namespace harness
