// Fuzz target for the include/import extractor (C/C++, Python, JavaScript/TypeScript, Go) and the
// resolver behind it: arbitrary source text must never crash them, and every import found must have a
// line and column inside the text and resolve to a file of the tree or to nothing.
#include "rules/dependencyresolver.h"
#include "rules/importextractor.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const harness::SourceLanguage languages[] = {
            harness::SourceLanguage::Cpp, harness::SourceLanguage::Python,
            harness::SourceLanguage::JavaScript, harness::SourceLanguage::Go};
    static const QStringList files {QStringLiteral("src/core/task.h"), QStringLiteral("src/ui/view.cpp"),
                                    QStringLiteral("pkg/__init__.py"), QStringLiteral("pkg/mod.py"),
                                    QStringLiteral("web/util.ts"),     QStringLiteral("web/main.ts"),
                                    QStringLiteral("cmd/main.go")};
    static const harness::DependencyResolver resolver(QStringLiteral("/nonexistent"), files);
    static const QString from[] = {QStringLiteral("src/ui/view.cpp"), QStringLiteral("pkg/mod.py"),
                                   QStringLiteral("web/main.ts"), QStringLiteral("cmd/main.go")};
    // the first byte picks the language, the rest is the source
    const int which = data[0] % 4;
    const QByteArray text(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const int lines = int(text.count('\n')) + 1;
    for (const harness::Import &imp : harness::ImportExtractor::extract(languages[which], text)) {
        if (imp.line < 1 || imp.line > lines || imp.column < 1 || imp.spec.isEmpty())
            abort();
        const QString target = resolver.resolve(from[which], languages[which], imp);
        if (!target.isEmpty() && !files.contains(target))
            abort(); // resolved to a file that is not in the tree
    }
    return 0;
}
