// SymbolExtractor: the top-level symbols of a source file found by cheap line patterns (no parser):
// C/C++ headers, Python, JavaScript/TypeScript and Go. Used by the repo map to hint at what a file holds.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace harness {

class SymbolExtractor
{
public:
    enum class Language { None, CppHeader, Python, Script, Go };

    static Language languageFor(const QString &fileName);

    // Symbols in source order, each as "<kind> <name>" (kinds: class, struct, enum, union, fn, def,
    // const, type, interface), deduplicated, at most maxSymbols (the rest are counted in *more).
    // Only declarations that start at column 0 are considered top level.
    static QStringList extract(Language language, const QByteArray &content, int maxSymbols,
                               int *more = nullptr);
};

} // namespace harness
