// bench_check: `harness check` (layers, limits, forbidden patterns and imports, secrets) against
// `rg -c '#include' .` over the same tree in the same run, on three trees: a generated 5,000-file C++
// tree, a generated tree shaped like a real project (~3,500 files of mixed kinds: sources, large
// translation files, data, images, deep folders, an ignored build folder), and this repository with its
// own rules. Prints both medians, their ratio and the CPU times (target: harness check <= 1.3 x rg on
// the realistic tree; the contract is <= 2 x).
//
// bench_check [--rounds N] [--repo PATH] [--harness BIN] [--keep DIR] [--only cpp|realistic|repo]
//   --repo     the repository to check as the third tree (default: this source tree)
//   --harness  also time this `harness` executable as a process (start-up included)
//   --keep     generate the trees below DIR and keep them (for profiling)
#include "checkcommand.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

#ifndef HARNESS_SOURCE_DIR
#define HARNESS_SOURCE_DIR ""
#endif

namespace {

// ---------------------------------------------------------------------------------------------------
// Writing trees

struct TreeStats
{
    int files = 0;
    qint64 bytes = 0;
    int ignoredFiles = 0;
};

bool writeFile(const QString &root, const QString &relative, const QByteArray &bytes, TreeStats &stats,
               bool ignored = false)
{
    const QString path = root + QLatin1Char('/') + relative;
    QDir().mkpath(path.left(path.lastIndexOf(QLatin1Char('/'))));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return false;
    if (ignored) {
        ++stats.ignoredFiles;
    } else {
        ++stats.files;
        stats.bytes += bytes.size();
    }
    return true;
}

QByteArray num(qint64 n)
{
    return QByteArray::number(n);
}

QByteArray decimal(double d)
{
    return QByteArray::number(d, 'f', 2);
}

// ---------------------------------------------------------------------------------------------------
// Tree 1: the generated C++ tree

constexpr int kLayers = 5;
constexpr int kModulesPerLayer = 10;
constexpr int kFilesPerModule = 100; // 50 headers + 50 sources: 5 layers x 10 modules x 100 = 5,000 files

QString moduleName(int layer, int module)
{
    return QStringLiteral("l%1m%2").arg(layer).arg(module);
}

// The body of a header or source: a class with methods and comments, ~60-150 lines with the includes.
QByteArray classText(const QByteArray &ns, int index, bool header, QRandomGenerator &rng)
{
    QByteArray out = "\nnamespace " + ns + " {\n\n";
    const int methods = 4 + int(rng.bounded(10));
    out += "class F" + num(index) + "\n{\npublic:\n";
    for (int m = 0; m < methods; ++m) {
        out += "    // Returns the value of item " + num(m) + "; the caller keeps ownership.\n";
        if (header)
            out += "    int value" + num(m) + "(const std::vector<int> &items) const;\n";
        else
            out += "    int value" + num(m) +
                    "(const std::vector<int> &items) const\n    {\n"
                    "        int sum = 0;\n        for (int v : items)\n            sum += v * " +
                    num(m + 1) +
                    ";\n"
                    "        return sum;\n    }\n";
    }
    out += "\nprivate:\n    std::string m_name = \"f" + num(index) + "\";\n};\n\n} // namespace\n";
    return out;
}

QByteArray systemIncludes(QRandomGenerator &rng)
{
    static const char *system[] = {"<vector>",  "<string>", "<memory>",   "<map>",
                                   "<QString>", "<QList>",  "<optional>", "<algorithm>"};
    QByteArray out;
    const int count = 2 + int(rng.bounded(3));
    for (int i = 0; i < count; ++i)
        out += QByteArray("#include ") + system[rng.bounded(8)] + "\n";
    return out;
}

// A header or source with includes of its own module and lower layers, system headers, a class.
QByteArray fileText(int layer, int module, int index, bool header, QRandomGenerator &rng)
{
    QByteArray out = "// Generated for bench_check: " + moduleName(layer, module).toUtf8() + " file " +
            num(index) + "\n";
    if (header)
        out += "#pragma once\n\n";
    out += systemIncludes(rng);
    if (!header)
        out += "#include \"" + moduleName(layer, module).toUtf8() + "/f" + num(index) + ".h\"\n";
    const int deps = 3 + int(rng.bounded(5));
    for (int i = 0; i < deps; ++i) {
        const int toLayer = int(rng.bounded(layer + 1)); // same or lower layer: allowed
        const int toModule = int(rng.bounded(kModulesPerLayer));
        const int toIndex = int(rng.bounded(kFilesPerModule / 2));
        out += "#include \"" + moduleName(toLayer, toModule).toUtf8() + "/f" + num(toIndex) + ".h\"\n";
    }
    return out + classText(moduleName(layer, module).toUtf8(), index, header, rng);
}

bool writeCppTree(const QString &root, TreeStats &stats)
{
    QRandomGenerator rng(42);
    for (int l = 0; l < kLayers; ++l)
        for (int m = 0; m < kModulesPerLayer; ++m)
            for (int i = 0; i < kFilesPerModule / 2; ++i)
                for (bool header : {true, false})
                    if (!writeFile(root,
                                   QStringLiteral("src/%1/f%2.%3")
                                           .arg(moduleName(l, m))
                                           .arg(i)
                                           .arg(header ? QStringLiteral("h") : QStringLiteral("cpp")),
                                   fileText(l, m, i, header, rng), stats))
                        return false;
    // rules: one layer per generated layer, each allowed to use the layers below it
    QByteArray rules = "{\n  \"layers\": [\n";
    for (int l = 0; l < kLayers; ++l) {
        QByteArray allow;
        for (int k = 0; k < l; ++k)
            allow += (k ? ", \"L" : "\"L") + num(k) + "\"";
        rules += "    {\"name\": \"L" + num(l) + "\", \"paths\": [\"src/l" + num(l) +
                "m*/**\"], \"allow\": [" + allow + "]}";
        rules += l + 1 < kLayers ? ",\n" : "\n";
    }
    rules += "  ],\n  \"limits\": [{\"id\": \"max-lines\", \"paths\": [\"src/**\"], \"max_lines\": 1000, "
             "\"message\": \"Split it.\"}],\n"
             "  \"forbidden\": [{\"id\": \"no-printf\", \"paths\": [\"src/**\"], \"pattern\": "
             "\"\\\\bprintf\\\\s*\\\\(\", \"message\": \"Use the logger.\"}]\n}\n";
    TreeStats ignored;
    return writeFile(root, QStringLiteral(".harness/rules.json"), rules, ignored, true);
}

// ---------------------------------------------------------------------------------------------------
// Tree 2: a tree shaped like a real C++ project

// UI text of a translation file, documentation and data: common words, and now and then (about one
// line in fifty, as in real catalogues) a word the secret and import scans look for.
const char *const kWords[] = {
        "open",    "file",     "settings",    "window",  "shortcut", "the",    "project",  "save",
        "cannot",  "network",  "server",      "folder",  "view",     "select", "message",  "error",
        "changes", "apply",    "default",     "a",       "of",       "to",     "and",      "in",
        "is",      "for",      "with",        "this",    "new",      "name",   "show",     "hide",
        "close",   "delete",   "remove",      "add",     "edit",     "copy",   "paste",    "undo",
        "redo",    "search",   "replace",     "next",    "previous", "page",   "document", "image",
        "color",   "size",     "width",       "height",  "left",     "right",  "top",      "bottom",
        "font",    "language", "help",        "about",   "version",  "update", "download", "upload",
        "account", "user",     "group",       "list",    "table",    "column", "row",      "cell",
        "value",   "option",   "preferences", "tool",    "toolbar",  "menu",   "status",   "ready",
        "loading", "failed",   "success",     "warning", "could",    "not",    "be",       "found"};
const char *const kRareWords[] = {"key", "password", "token", "Keyboard", "secret", "import", "export"};
const char *const kForeign[] = {"Datei öffnen",   "Einstellungen", "Schlüssel",  "Passwort",  "Fenster",
                                "ファイルを開く", "設定",          "Сохранить",  "Настройки", "Impossible",
                                "Paramètres",     "clé",           "Öffentlich", "Ändern"};

QByteArray sentence(QRandomGenerator &rng, int words, bool foreign = false)
{
    QByteArray out;
    for (int i = 0; i < words; ++i) {
        if (i)
            out += ' ';
        if (rng.bounded(300) == 0)
            out += kRareWords[rng.bounded(int(std::size(kRareWords)))];
        else if (foreign && rng.bounded(3) == 0)
            out += kForeign[rng.bounded(int(std::size(kForeign)))];
        else
            out += kWords[rng.bounded(int(std::size(kWords)))];
    }
    return out;
}

QByteArray randomBytes(QRandomGenerator &rng, qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    rng.fillRange(reinterpret_cast<quint32 *>(out.data()), size / 4);
    return out;
}

// A Qt Linguist file (XML), sizeBytes long, naming the sources' files in its locations.
QByteArray linguistText(QRandomGenerator &rng, qint64 sizeBytes, const QStringList &sources)
{
    QByteArray out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE TS>\n<TS version=\"2.1\" "
                     "language=\"de_DE\">\n";
    while (out.size() < sizeBytes) {
        out += "<context>\n    <name>" + sentence(rng, 1) + "Dialog</name>\n";
        for (int m = 0, n = 5 + int(rng.bounded(20)); m < n; ++m)
            out += "    <message>\n        <location filename=\"../" +
                    sources.at(rng.bounded(int(sources.size()))).toUtf8() + "\" line=\"" +
                    num(rng.bounded(900)) + "\"/>\n        <source>" +
                    sentence(rng, 2 + int(rng.bounded(9))) + "</source>\n        <translation>" +
                    sentence(rng, 2 + int(rng.bounded(9)), true) + "</translation>\n    </message>\n";
        out += "</context>\n";
    }
    return out + "</TS>\n";
}

// A gettext catalogue.
QByteArray poText(QRandomGenerator &rng, qint64 sizeBytes, const QStringList &sources)
{
    QByteArray out = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";
    while (out.size() < sizeBytes)
        out += "#: " + sources.at(rng.bounded(int(sources.size()))).toUtf8() + ":" + num(rng.bounded(900)) +
                "\nmsgid \"" + sentence(rng, 2 + int(rng.bounded(9))) + "\"\nmsgstr \"" +
                sentence(rng, 2 + int(rng.bounded(9)), true) + "\"\n\n";
    return out;
}

QByteArray jsonText(QRandomGenerator &rng, int records)
{
    QByteArray out = "[\n";
    for (int r = 0; r < records; ++r)
        out += QByteArray(r ? ",\n" : "") + "  {\"id\": " + num(r) + ", \"name\": \"" + sentence(rng, 3) +
                "\", \"layout\": \"us\", \"count\": " + num(rng.bounded(5000)) + ", \"values\": [" +
                num(rng.bounded(100)) + ", " + num(rng.bounded(100)) + ", " + num(rng.bounded(100)) +
                "], \"enabled\": " + (rng.bounded(2) ? "true" : "false") + "}";
    return out + "\n]\n";
}

QByteArray csvText(QRandomGenerator &rng, qint64 sizeBytes)
{
    QByteArray out = "date,region,product,units,price,comment\n";
    while (out.size() < sizeBytes)
        out += "2024-" + num(1 + rng.bounded(12)) + "-" + num(1 + rng.bounded(28)) + ",r" +
                num(rng.bounded(40)) + ",p" + num(rng.bounded(900)) + "," + num(rng.bounded(1000)) + "," +
                decimal(rng.bounded(100000) / 100.0) + "," + sentence(rng, 3) + "\n";
    return out;
}

QByteArray svgText(QRandomGenerator &rng, qint64 sizeBytes)
{
    QByteArray out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\">\n";
    while (out.size() < sizeBytes) {
        out += "  <path fill=\"#" + QByteArray::number(rng.bounded(0xffffff), 16) + "\" d=\"M";
        for (int i = 0; i < 12; ++i)
            out += decimal(rng.bounded(2400) / 100.0) + " " + decimal(rng.bounded(2400) / 100.0) +
                    (i % 3 ? " " : " L");
        out += "z\"/>\n";
    }
    return out + "</svg>\n";
}

QByteArray markdownText(QRandomGenerator &rng, qint64 sizeBytes)
{
    QByteArray out = "# " + sentence(rng, 4) + "\n\n";
    while (out.size() < sizeBytes) {
        out += sentence(rng, 40 + int(rng.bounded(60))) + ".\n\n";
        if (rng.bounded(4) == 0)
            out += "```cpp\n#include <QString>\nauto x = QString::number(" + num(rng.bounded(100)) +
                    ");\n```\n\n";
    }
    return out;
}

// A binary blob with the magic bytes of its kind (all of these carry NUL bytes early, as real ones do).
QByteArray blob(QRandomGenerator &rng, const QByteArray &magic, qsizetype size)
{
    return magic + randomBytes(rng, qMax<qsizetype>(0, size - magic.size()));
}

constexpr const char *kRealLayers[] = {"core", "model", "net", "ui", "app"};

bool writeRealisticTree(const QString &root, TreeStats &stats)
{
    QRandomGenerator rng(20240611);
    // C++ sources and headers in deep folders: src/<layer>/<module>/<0-4 sub folders>/
    struct Source
    {
        QString path;
        int layer;
    };
    QList<Source> headers, sources;
    static const char *subs[] = {"detail", "impl", "widgets", "io", "util", "internal", "v2", "platform"};
    for (int l = 0; l < 5; ++l)
        for (int m = 0; m < 10; ++m) {
            for (int i = 0; i < 13; ++i) {
                QString dir = QStringLiteral("src/%1/mod%2").arg(QLatin1String(kRealLayers[l])).arg(m);
                for (int d = 0, depth = int(rng.bounded(5)); d < depth; ++d)
                    dir += QLatin1Char('/') + QLatin1String(subs[rng.bounded(8)]);
                const QString stem = dir + QStringLiteral("/unit%1").arg(i);
                headers.append({stem + QStringLiteral(".h"), l});
                sources.append({stem + QStringLiteral(".cpp"), l});
            }
        }
    QStringList sourcePaths;
    for (const Source &s : std::as_const(sources))
        sourcePaths << s.path;
    auto includesFor = [&](int layer, const QString &own) {
        QByteArray out = systemIncludes(rng);
        if (!own.isEmpty())
            out += "#include \"" + own.mid(4).toUtf8() + "\"\n"; // "core/mod1/unit3.h", from src/
        for (int i = 0, n = 3 + int(rng.bounded(6)); i < n; ++i) {
            const Source &h = headers.at(rng.bounded(int(headers.size())));
            if (h.layer <= layer)
                out += "#include \"" + h.path.mid(4).toUtf8() + "\"\n";
        }
        return out;
    };
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const Source &h = headers.at(i);
        if (!writeFile(root, h.path,
                       "// " + h.path.toUtf8() + "\n#pragma once\n\n" + includesFor(h.layer, QString()) +
                               classText("proj", int(i), true, rng),
                       stats))
            return false;
        const Source &s = sources.at(i);
        if (!writeFile(root, s.path,
                       "// " + s.path.toUtf8() + "\n" + includesFor(s.layer, h.path) +
                               classText("proj", int(i), false, rng),
                       stats))
            return false;
    }
    for (int i = 0; i < 200; ++i) // tests
        if (!writeFile(root, QStringLiteral("tests/unit/group%1/tst_case%2.cpp").arg(i % 12).arg(i),
                       "#include <QtTest>\n" + includesFor(4, QString()) + classText("tests", i, false, rng),
                       stats))
            return false;
    // translations: Qt Linguist .ts and gettext .po files of 200 KB - 1 MB
    for (int i = 0; i < 30; ++i)
        if (!writeFile(root, QStringLiteral("translations/project_%1.ts").arg(i),
                       linguistText(rng, 200000 + rng.bounded(800000), sourcePaths), stats))
            return false;
    for (int i = 0; i < 20; ++i)
        if (!writeFile(root, QStringLiteral("po/lang%1.po").arg(i),
                       poText(rng, 200000 + rng.bounded(800000), sourcePaths), stats))
            return false;
    // data
    for (int i = 0; i < 400; ++i)
        if (!writeFile(root, QStringLiteral("data/sets/s%1/records%2.json").arg(i % 20).arg(i),
                       jsonText(rng, 5 + int(rng.bounded(200))), stats))
            return false;
    for (int i = 0; i < 200; ++i)
        if (!writeFile(root, QStringLiteral("data/tables/t%1.csv").arg(i),
                       csvText(rng, 1000 + rng.bounded(100000)), stats))
            return false;
    // images and other binaries: PNG, JPEG, fonts; SVG icons (text)
    const QByteArray png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    const QByteArray jpeg("\xff\xd8\xff\xe0\0\x10JFIF\0", 11);
    const QByteArray font("\0\1\0\0\0\x12\0\x80", 8);
    for (int i = 0; i < 500; ++i)
        if (!writeFile(root, QStringLiteral("resources/icons/%1/icon%2.png").arg(i % 25).arg(i),
                       blob(rng, png, 1000 + rng.bounded(100000)), stats))
            return false;
    for (int i = 0; i < 200; ++i)
        if (!writeFile(root, QStringLiteral("resources/photos/p%1.jpg").arg(i),
                       blob(rng, jpeg, 20000 + rng.bounded(200000)), stats))
            return false;
    for (int i = 0; i < 20; ++i)
        if (!writeFile(root, QStringLiteral("resources/fonts/f%1.ttf").arg(i),
                       blob(rng, font, 100000 + rng.bounded(200000)), stats))
            return false;
    for (int i = 0; i < 300; ++i)
        if (!writeFile(root, QStringLiteral("resources/svg/%1/shape%2.svg").arg(i % 10).arg(i),
                       svgText(rng, 1000 + rng.bounded(30000)), stats))
            return false;
    // documentation in deep folders
    for (int i = 0; i < 250; ++i)
        if (!writeFile(root, QStringLiteral("docs/%1/%2/page%3.md").arg(i % 7).arg(i % 5).arg(i),
                       markdownText(rng, 2000 + rng.bounded(20000)), stats))
            return false;
    // scripts and a small web front end (TypeScript, JavaScript, Python)
    for (int i = 0; i < 40; ++i) {
        if (!writeFile(root, QStringLiteral("web/src/component%1.ts").arg(i),
                       "import { Component } from './component" + num((i + 1) % 40) +
                               "';\nimport * as api from '../lib/api';\n\nexport function render" + num(i) +
                               "(n: number): string {\n  return `" + sentence(rng, 8) + " ${n}`;\n}\n",
                       stats))
            return false;
        if (!writeFile(root, QStringLiteral("scripts/tool%1.py").arg(i),
                       "import os\nimport sys\nfrom pathlib import Path\n\n\ndef main():\n    print(\"" +
                               sentence(rng, 6) + "\")\n",
                       stats))
            return false;
    }
    if (!writeFile(root, QStringLiteral("web/lib/api.ts"), "export const base = '/api';\n", stats))
        return false;
    // a few large files: a vendored amalgamation, a generated table, a large data file, large binaries
    QByteArray amalgamation = "/* vendored amalgamation */\n#include <stdio.h>\n#include <string.h>\n";
    for (int i = 0; amalgamation.size() < 6 * 1000 * 1000; ++i)
        amalgamation += "static int vendor_fn_" + num(i) +
                "(const char *z, int n){\n  int r = 0;\n  for(int i=0; i<n; i++)"
                " r += z[i] * " +
                num(i % 97) + ";\n  return r; /* " + sentence(rng, 6) + " */\n}\n";
    if (!writeFile(root, QStringLiteral("third_party/vendor/amalgamation.c"), amalgamation, stats) ||
        !writeFile(root, QStringLiteral("data/large/sales.csv"), csvText(rng, 4 * 1000 * 1000), stats) ||
        !writeFile(root, QStringLiteral("data/large/catalogue.json"), jsonText(rng, 25000), stats) ||
        !writeFile(root, QStringLiteral("resources/video/intro.mp4"),
                   blob(rng,
                        QByteArray("\0\0\0\x18"
                                   "ftypmp42",
                                   12),
                        8 * 1000 * 1000),
                   stats) ||
        !writeFile(root, QStringLiteral("resources/archives/assets.zip"),
                   blob(rng, QByteArray("PK\3\4\x14\0\0\0", 8), 5 * 1000 * 1000), stats))
        return false;
    if (!writeFile(root, QStringLiteral("README.md"), markdownText(rng, 8000), stats) ||
        !writeFile(root, QStringLiteral("CMakeLists.txt"),
                   "cmake_minimum_required(VERSION 3.25)\nproject(realistic CXX)\nadd_subdirectory(src)\n",
                   stats) ||
        !writeFile(root, QStringLiteral(".gitignore"), "/build/\n*.o\n", stats))
        return false;
    // an ignored build folder with many files (objects, generated sources)
    for (int i = 0; i < 1500; ++i) {
        const bool object = i % 3 != 0;
        if (!writeFile(root,
                       QStringLiteral("build/%1/%2%3")
                                       .arg(i % 30)
                                       .arg(QLatin1String(object ? "unit" : "moc_unit"))
                                       .arg(i) +
                               (object ? QStringLiteral(".o") : QStringLiteral(".cpp")),
                       object ? blob(rng,
                                     QByteArray("\x7f"
                                                "ELF\2\1\1\0",
                                                8),
                                     5000 + rng.bounded(100000))
                              : "#include \"unit.h\"\n" + classText("moc", i, false, rng),
                       stats, true))
            return false;
    }
    // rules shaped like this repository's own: layers, limits, forbidden imports and patterns, secrets
    QByteArray layers;
    for (int l = 0; l < 5; ++l) {
        QByteArray allow;
        for (int k = 0; k < l; ++k)
            allow += QByteArray(k ? ", " : "") + "\"" + kRealLayers[k] + "\"";
        layers += QByteArray(l ? ",\n" : "") + "    {\"id\": \"layer-" + kRealLayers[l] + "\", \"name\": \"" +
                kRealLayers[l] + "\", \"paths\": [\"src/" + kRealLayers[l] + "/**\"], \"allow\": [" + allow +
                "], \"message\": \"Keep the dependency direction.\"}";
    }
    const QByteArray rules =
            "{\n  \"version\": 1,\n  \"exclude\": [\"docs/generated/**\"],\n  \"layers\": [\n" + layers +
            "\n  ],\n"
            "  \"limits\": [\n"
            "    {\"id\": \"file-length-src\", \"paths\": [\"src/**\"], \"max_lines\": 1200, \"message\": "
            "\"Split.\"},\n"
            "    {\"id\": \"file-length-tests\", \"paths\": [\"tests/**\"], \"max_lines\": 2000, "
            "\"message\": \"Split.\"}\n"
            "  ],\n  \"forbidden\": [\n"
            "    {\"id\": \"no-widgets-below-ui\", \"paths\": [\"src/core/**\", \"src/model/**\", "
            "\"src/net/**\"], "
            "\"imports\": [\"QtWidgets\", \"QWidget\", \"QDialog\"], \"message\": \"No widgets here.\"},\n"
            "    {\"id\": \"qt-keywords\", \"paths\": [\"src/**\", \"tests/**\"], \"pattern\": "
            "\"^\\\\s*(?:public |protected |private )?(?:signals|slots)\\\\s*:|^\\\\s*emit\\\\s\", "
            "\"message\": \"Use Q_SIGNALS, Q_SLOTS, Q_EMIT.\"},\n"
            "    {\"id\": \"no-printf\", \"paths\": [\"src/**\"], \"pattern\": \"\\\\bprintf\\\\s*\\\\(\", "
            "\"message\": \"Use the logger.\"},\n"
            "    {\"id\": \"no-bare-process\", \"paths\": [\"src/**\"], \"exclude_paths\": [\"src/app/**\"], "
            "\"pattern\": "
            "\"#include\\\\s*<QProcess>|\\\\bQProcess\\\\s*[*&]?\\\\s*\\\\w+\\\\s*[;({=]|new\\\\s+"
            "QProcess\\\\b\", "
            "\"message\": \"Start processes through the runner.\"}\n"
            "  ],\n  \"secrets\": {\"builtin\": true, \"entropy\": 4, \"allow_paths\": [], "
            "\"allow_patterns\": [\"test-[a-z-]*secret\"], \"patterns\": []}\n}\n";
    TreeStats ignored;
    if (!writeFile(root, QStringLiteral(".harness/rules.json"), rules, ignored, true))
        return false;
    // a git work tree with everything added, as a real project's is (the check and rg honour .gitignore)
    for (const QStringList &args : {QStringList {QStringLiteral("init"), QStringLiteral("-q")},
                                    QStringList {QStringLiteral("add"), QStringLiteral("-A")}}) {
        QProcess git;
        git.setWorkingDirectory(root);
        git.start(QStringLiteral("git"), args);
        if (!git.waitForFinished(300000) || git.exitCode() != 0)
            return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------------
// Measuring

// CPU time (user + system, all threads) used so far by this process or by its finished children, in ms:
// a steadier figure than wall time on a machine shared with other work.
qint64 cpuMs(int who)
{
    struct rusage u;
    getrusage(who, &u);
    return (qint64(u.ru_utime.tv_sec) + u.ru_stime.tv_sec) * 1000 +
            (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000;
}

qint64 median(QList<qint64> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

struct Timing
{
    QList<qint64> wall, cpu;
    void add(qint64 w, qint64 c)
    {
        wall.append(w);
        cpu.append(c);
    }
};

// Runs a program in root with no standard input; returns its wall time and adds CPU time to cpu.
qint64 runProcess(const QString &program, const QStringList &args, const QString &root, qint64 *cpu,
                  QByteArray *output = nullptr, int *exitCode = nullptr)
{
    QProcess p;
    p.setWorkingDirectory(root);
    p.setStandardInputFile(QProcess::nullDevice());
    const qint64 child0 = cpuMs(RUSAGE_CHILDREN);
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    if (!p.waitForStarted(60000))
        std::fprintf(stderr, "bench_check: cannot start %s\n", qPrintable(program));
    p.waitForFinished(300000);
    const QByteArray out = p.readAllStandardOutput();
    const qint64 ms = t.elapsed();
    *cpu = cpuMs(RUSAGE_CHILDREN) - child0;
    if (output)
        *output = out;
    if (exitCode)
        *exitCode = p.exitCode();
    return ms;
}

double ratio(qint64 a, qint64 b)
{
    return b > 0 ? double(a) / double(b) : 0.0;
}

// Times harness check (in this process; and the executable when given) and rg on root. Returns false
// when a tree that must be clean has findings.
bool measure(const QString &name, const QString &root, int rounds, bool mustBeClean, const QString &rg,
             const QString &harnessBinary)
{
    Timing check, rgT, binary;
    int exitCode = -1;
    QString lastOut;
    QByteArray rgOut;
    for (int round = 0; round <= rounds; ++round) { // round 0 warms the page cache for both
        QString out, err;
        QTextStream o(&out), e(&err);
        QElapsedTimer t;
        const qint64 self0 = cpuMs(RUSAGE_SELF), child0 = cpuMs(RUSAGE_CHILDREN);
        t.start();
        exitCode = harness::runCheckCommand({root, QStringLiteral("--format"), QStringLiteral("json")}, o, e);
        const qint64 checkMs = t.elapsed();
        // git ls-files runs as a child: its CPU time is part of the check's
        const qint64 checkCpu = cpuMs(RUSAGE_SELF) - self0 + cpuMs(RUSAGE_CHILDREN) - child0;
        if (exitCode > 1 || (mustBeClean && exitCode != 0)) {
            std::fprintf(stderr, "bench_check: %s: harness check said (exit %d):\n%s%s\n", qPrintable(name),
                         exitCode, qPrintable(out.left(3000)), qPrintable(err));
            return false;
        }
        lastOut = out;
        qint64 rgCpu = 0;
        const qint64 rgMs =
                runProcess(rg, {QStringLiteral("-c"), QStringLiteral("#include"), QStringLiteral(".")}, root,
                           &rgCpu, &rgOut);
        qint64 binCpu = 0, binMs = 0;
        if (!harnessBinary.isEmpty())
            binMs = runProcess(harnessBinary, {QStringLiteral("check"), QStringLiteral(".")}, root, &binCpu);
        if (round > 0) {
            check.add(checkMs, checkCpu);
            rgT.add(rgMs, rgCpu);
            binary.add(binMs, binCpu);
        }
    }
    const int filesChecked = int(lastOut.section(QStringLiteral("\"files_checked\": "), 1)
                                         .section(QLatin1Char(','), 0, 0)
                                         .toInt());
    const qint64 c = median(check.wall), r = median(rgT.wall), cc = median(check.cpu), rc = median(rgT.cpu);
    std::printf("[%s] %s: harness check exit %d, %d files checked; rg counted #include in %lld files\n",
                qPrintable(name), qPrintable(root), exitCode, filesChecked, qint64(rgOut.count('\n')));
    std::printf("[%s]   harness check (in process) median %lld ms, CPU %lld ms over %d runs\n",
                qPrintable(name), c, cc, rounds);
    std::printf("[%s]   rg -c '#include' .         median %lld ms, CPU %lld ms\n", qPrintable(name), r, rc);
    std::printf("[%s]   ratio harness check / rg: %.2f wall (target <= 2, aim 1), %.2f CPU\n",
                qPrintable(name), ratio(c, r), ratio(cc, rc));
    if (!harnessBinary.isEmpty()) {
        const qint64 b = median(binary.wall), bc = median(binary.cpu);
        std::printf("[%s]   %s check . (process) median %lld ms, CPU %lld ms: ratio %.2f wall, %.2f CPU\n",
                    qPrintable(name), qPrintable(harnessBinary), b, bc, ratio(b, r), ratio(bc, rc));
    }
    std::fflush(stdout);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto option = [&](const char *name, const QString &fallback = {}) {
        const qsizetype i = args.indexOf(QLatin1String(name));
        return i > 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
    };
    const int rounds = qMax(1, option("--rounds", QStringLiteral("5")).toInt());
    const QString repo = option("--repo", QStringLiteral(HARNESS_SOURCE_DIR));
    const QString harnessBinary =
            option("--harness").isEmpty() ? QString() : QFileInfo(option("--harness")).absoluteFilePath();
    const QString keep = option("--keep");
    const QString only = option("--only");
    const QString rg = QStandardPaths::findExecutable(QStringLiteral("rg"));
    if (rg.isEmpty()) {
        std::fprintf(stderr,
                     "bench_check: ripgrep (rg) is required as the reference; install the Debian package "
                     "ripgrep\n");
        return 2;
    }
    QTemporaryDir temp;
    const QString base = keep.isEmpty() ? temp.path() : QDir(keep).absolutePath();
    auto wanted = [&](const char *tree) {
        return only.isEmpty() || only == QLatin1String(tree);
    };

    if (wanted("cpp")) {
        const QString root = base + QStringLiteral("/cpp");
        TreeStats stats;
        if (QFileInfo::exists(root + QStringLiteral("/.harness/rules.json")))
            std::printf("bench_check: reusing the C++ tree in %s\n", qPrintable(root));
        else if (!writeCppTree(root, stats))
            return 2;
        else
            std::printf("bench_check: generated C++ tree: %d files (%.1f MB), ~9 includes each\n",
                        stats.files, double(stats.bytes) / 1e6);
        if (!measure(QStringLiteral("cpp"), root, rounds, true, rg, harnessBinary))
            return 1;
    }
    if (wanted("realistic")) {
        const QString root = base + QStringLiteral("/realistic");
        TreeStats stats;
        if (QFileInfo::exists(root + QStringLiteral("/.harness/rules.json")))
            std::printf("bench_check: reusing the realistic tree in %s\n", qPrintable(root));
        else if (!writeRealisticTree(root, stats))
            return 2;
        else
            std::printf("bench_check: generated realistic tree: %d files (%.1f MB; C++, Qt .ts and .po "
                        "translations "
                        "of 0.2-1 MB, JSON, CSV, PNG, JPEG, SVG, Markdown, large files, deep folders) and %d "
                        "files in an ignored build/\n",
                        stats.files, double(stats.bytes) / 1e6, stats.ignoredFiles);
        if (!measure(QStringLiteral("realistic"), root, rounds, true, rg, harnessBinary))
            return 1;
    }
    if (wanted("repo") && !repo.isEmpty()) {
        if (!QFileInfo::exists(repo + QStringLiteral("/.harness/rules.json"))) {
            std::fprintf(stderr, "bench_check: %s has no .harness/rules.json\n", qPrintable(repo));
            return 2;
        }
        // read-only: the check and rg only read it; both honour its .gitignore (build/ is left out)
        if (!measure(QStringLiteral("repo"), QDir(repo).absolutePath(), rounds, false, rg, harnessBinary))
            return 1;
    }
    return 0;
}
