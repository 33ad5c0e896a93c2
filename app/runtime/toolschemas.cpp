// ToolSchemas: the JSON Schema of every agent tool, built once.
#include "toolschemas.h"

#include <QJsonObject>
#include <QStringList>

namespace harness {

namespace {

QJsonObject prop(const char *type, const char *description)
{
    return QJsonObject {{QStringLiteral("type"), QString::fromLatin1(type)},
                        {QStringLiteral("description"), QString::fromLatin1(description)}};
}

QJsonObject schema(const char *name, const char *description, const QJsonObject &properties,
                   const QStringList &required)
{
    return QJsonObject {{QStringLiteral("name"), QString::fromLatin1(name)},
                        {QStringLiteral("description"), QString::fromLatin1(description)},
                        {QStringLiteral("parameters"),
                         QJsonObject {{QStringLiteral("type"), QStringLiteral("object")},
                                      {QStringLiteral("properties"), properties},
                                      {QStringLiteral("required"), QJsonArray::fromStringList(required)},
                                      {QStringLiteral("additionalProperties"), false}}}};
}

QJsonArray build()
{
    const QJsonObject anchorOp {
            {QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("properties"),
             QJsonObject {
                     {QStringLiteral("op"),
                      QJsonObject {
                              {QStringLiteral("type"), QStringLiteral("string")},
                              {QStringLiteral("enum"),
                               QJsonArray {QStringLiteral("replace"), QStringLiteral("delete"),
                                           QStringLiteral("insert_before"), QStringLiteral("insert_after"),
                                           QStringLiteral("prepend"), QStringLiteral("append")}}}},
                     {QStringLiteral("start"),
                      prop("string", "first line of the range, LINE:HASH (replace, delete)")},
                     {QStringLiteral("end"),
                      prop("string", "last line of the range, LINE:HASH (optional; default start)")},
                     {QStringLiteral("anchor"), prop("string", "the line to insert before/after, LINE:HASH")},
                     {QStringLiteral("lines"),
                      QJsonObject {{QStringLiteral("type"), QStringLiteral("array")},
                                   {QStringLiteral("items"),
                                    QJsonObject {{QStringLiteral("type"), QStringLiteral("string")}}},
                                   {QStringLiteral("description"),
                                    QStringLiteral("new lines, without LINE:HASH| prefixes")}}}}},
            {QStringLiteral("required"), QJsonArray {QStringLiteral("op")}}};
    QJsonArray tools;
    tools << schema(
            "read_file",
            "Read a text file of the worktree. Each line is shown as LINE:HASH|text; use LINE:HASH as "
            "anchors in edit_file. At most 2000 lines per call; give start_line/end_line for more.",
            QJsonObject {{QStringLiteral("path"), prop("string", "path relative to the worktree root")},
                         {QStringLiteral("start_line"), prop("integer", "first line (1-based)")},
                         {QStringLiteral("end_line"), prop("integer", "last line (inclusive)")}},
            {QStringLiteral("path")});
    tools << schema("list_files", "List files of the worktree (honours .gitignore).",
                    QJsonObject {{QStringLiteral("path"),
                                  prop("string", "directory relative to the root (default: root)")},
                                 {QStringLiteral("pattern"), prop("string", "glob such as **/*.cpp or *.md")},
                                 {QStringLiteral("max_results"),
                                  prop("integer", "at most this many (default 1000)")}},
                    {});
    tools << schema(
            "search",
            "Search file contents with a regular expression (PCRE). Matches come with LINE:HASH anchors.",
            QJsonObject {{QStringLiteral("pattern"), prop("string", "regular expression")},
                         {QStringLiteral("path"), prop("string", "directory to search (default: root)")},
                         {QStringLiteral("glob"), prop("string", "only files matching this glob")},
                         {QStringLiteral("case_insensitive"), prop("boolean", "ignore case")},
                         {QStringLiteral("max_results"),
                          prop("integer", "at most this many matches (default 100)")}},
            {QStringLiteral("pattern")});
    tools << schema(
            "edit_file",
            "Edit an existing file with line-anchored operations. Every anchor (LINE:HASH from read_file) "
            "refers to the file as last read; if any anchor is stale nothing is changed and the current "
            "lines come back with fresh anchors.",
            QJsonObject {{QStringLiteral("path"), prop("string", "path relative to the worktree root")},
                         {QStringLiteral("edits"),
                          QJsonObject {{QStringLiteral("type"), QStringLiteral("array")},
                                       {QStringLiteral("items"), anchorOp}}}},
            {QStringLiteral("path"), QStringLiteral("edits")});
    tools << schema("apply_patch",
                    "Apply a strict unified diff (--- a/path, +++ b/path, @@ -l,n +l,n @@ hunks with exact "
                    "context). All files change or none does.",
                    QJsonObject {{QStringLiteral("patch"), prop("string", "the unified diff")}},
                    {QStringLiteral("patch")});
    tools << schema(
            "write_file", "Create a new file with the given content (refuses to overwrite).",
            QJsonObject {{QStringLiteral("path"), prop("string", "path relative to the worktree root")},
                         {QStringLiteral("content"), prop("string", "the whole file content")}},
            {QStringLiteral("path"), QStringLiteral("content")});
    tools << schema(
            "run_command",
            "Run a shell command in the worktree inside the sandbox (no network unless the run allows "
            "it; time and output are limited).",
            QJsonObject {{QStringLiteral("command"), prop("string", "shell command line")},
                         {QStringLiteral("cwd"), prop("string", "directory relative to the root")},
                         {QStringLiteral("timeout_ms"), prop("integer", "time limit in milliseconds")}},
            {QStringLiteral("command")});
    return tools;
}

} // namespace

const QJsonArray &ToolSchemas::all()
{
    static const QJsonArray tools = build();
    return tools;
}

} // namespace harness
