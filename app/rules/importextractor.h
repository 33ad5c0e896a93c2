// ImportExtractor: finds what a source file depends on — C/C++ #include, Python import, JavaScript /
// TypeScript import/require/export-from, Go import — with the line and column of each.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace harness {

enum class SourceLanguage { None, Cpp, Python, JavaScript, Go };

struct Import
{
    QString spec; // as written: "core/task.h", "os.path", "./util", "net/http"
    int line = 0; // 1-based
    int column = 0; // 1-based, where the spec starts
    bool angled = false; // C/C++ #include <...>
    bool operator==(const Import &) const = default;
};

class ImportExtractor
{
public:
    static SourceLanguage languageOf(QStringView path);
    static QList<Import> extract(SourceLanguage language, const QByteArray &content);

    static QList<Import> cppIncludes(const QByteArray &content);
    static QList<Import> pythonImports(const QByteArray &content);
    static QList<Import> javascriptImports(const QByteArray &content);
    static QList<Import> goImports(const QByteArray &content);

    // JavaScript imports are searched only in the lines around "import", "export" and "require" (same
    // results, much less text in a large file); tests turn that off to compare with the whole file.
    static void setWindowedScanAllowed(bool allowed);
};

} // namespace harness
