// SymbolExtractor: one regular expression set per language, applied to lines that start at column 0.
#include "symbolextractor.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace harness {

SymbolExtractor::Language SymbolExtractor::languageFor(const QString &fileName)
{
    const qsizetype dot = fileName.lastIndexOf(QLatin1Char('.'));
    if (dot < 0)
        return Language::None;
    const QString ext = fileName.mid(dot + 1).toLower();
    if (ext == QLatin1String("h") || ext == QLatin1String("hpp") || ext == QLatin1String("hh") ||
        ext == QLatin1String("hxx"))
        return Language::CppHeader;
    if (ext == QLatin1String("py") || ext == QLatin1String("pyi"))
        return Language::Python;
    if (ext == QLatin1String("js") || ext == QLatin1String("mjs") || ext == QLatin1String("cjs") ||
        ext == QLatin1String("jsx") || ext == QLatin1String("ts") || ext == QLatin1String("tsx") ||
        ext == QLatin1String("mts"))
        return Language::Script;
    if (ext == QLatin1String("go"))
        return Language::Go;
    return Language::None;
}

namespace {

struct Pattern
{
    QRegularExpression re;
    QString kind; // fixed kind, or empty to take it from capture group "kind"
};

const QList<Pattern> &patternsFor(SymbolExtractor::Language language)
{
    using L = SymbolExtractor::Language;
    static const QList<Pattern> cpp {
            // class/struct/union/enum definitions (not forward declarations), optional export macro.
            {QRegularExpression(QStringLiteral(
                     R"(^(?:template\s*<.*>\s*)?(?<kind>class|struct|union|enum(?:\s+class|\s+struct)?)\s+)"
                     R"((?:[A-Z][A-Z0-9_]+\s+)?(?<name>[A-Za-z_]\w*)\s*(?:final\s*)?(?::(?!:)[^;]*)?(?:\{.*)?$)")),
             {}},
            // function declarations or inline definitions at namespace scope.
            {QRegularExpression(QStringLiteral(
                     R"(^(?!(?:return|typedef|using|namespace|static_assert|friend|public|private|protected|)"
                     R"(if|else|for|while|switch|case|do|template|extern\s+"C")\b))"
                     R"((?:[A-Za-z_][\w:<>,]*[\s\*&]+)+(?<name>[A-Za-z_][\w:~]*)\s*\((?<args>[^;{]*)\)?)"
                     R"(\s*(?:const|noexcept|override|final|\s)*(?:->\s*[\w:<>]+\s*)?(?:;|\{|$))")),
             QStringLiteral("fn")},
    };
    static const QList<Pattern> python {
            {QRegularExpression(QStringLiteral(R"(^class\s+(?<name>[A-Za-z_]\w*))")),
             QStringLiteral("class")},
            {QRegularExpression(QStringLiteral(R"(^(?:async\s+)?def\s+(?<name>[A-Za-z_]\w*))")),
             QStringLiteral("def")},
    };
    static const QList<Pattern> script {
            {QRegularExpression(QStringLiteral(
                     R"(^export\s+(?:default\s+)?(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?)"
                     R"((?<kind>function\*?|class|const|let|var|interface|type|enum)\s+(?<name>[A-Za-z_$][\w$]*))")),
             {}},
    };
    static const QList<Pattern> go {
            {QRegularExpression(QStringLiteral(
                     R"(^func\s+(?:\(\s*\w*\s*\*?\s*(?<recv>\w+)(?:\[[^\]]*\])?\s*\)\s*)?(?<name>[A-Za-z_]\w*))")),
             QStringLiteral("fn")},
            {QRegularExpression(QStringLiteral(
                     R"(^type\s+(?<name>[A-Za-z_]\w*)(?:\[[^\]]*\])?\s+(?<kind>struct|interface)?)")),
             QStringLiteral("type")},
    };
    static const QList<Pattern> none;
    switch (language) {
    case L::CppHeader:
        return cpp;
    case L::Python:
        return python;
    case L::Script:
        return script;
    case L::Go:
        return go;
    case L::None:
        break;
    }
    return none;
}

QString normaliseKind(QString kind)
{
    kind = kind.simplified();
    if (kind.startsWith(QLatin1String("enum")))
        return QStringLiteral("enum");
    if (kind.startsWith(QLatin1String("function")))
        return QStringLiteral("fn");
    if (kind == QLatin1String("let") || kind == QLatin1String("var"))
        return QStringLiteral("const");
    return kind;
}

} // namespace

QStringList SymbolExtractor::extract(Language language, const QByteArray &content, int maxSymbols, int *more)
{
    QStringList symbols;
    int extra = 0;
    const QList<Pattern> &patterns = patternsFor(language);
    if (patterns.isEmpty()) {
        if (more)
            *more = 0;
        return symbols;
    }
    QSet<QString> seen;
    qsizetype pos = 0;
    const qsizetype size = content.size();
    while (pos < size) {
        qsizetype end = content.indexOf('\n', pos);
        if (end < 0)
            end = size;
        const char first = content.at(pos);
        // Only column-0 lines that begin like a declaration; this skips bodies, comments and directives.
        const bool candidate =
                (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_';
        if (candidate) {
            const QString line = QString::fromUtf8(content.constData() + pos, end - pos).trimmed();
            for (const Pattern &p : patterns) {
                const QRegularExpressionMatch m = p.re.match(line);
                if (!m.hasMatch())
                    continue;
                QString kind = p.kind.isEmpty() ? normaliseKind(m.captured(QStringLiteral("kind"))) : p.kind;
                QString name = m.captured(QStringLiteral("name"));
                if (language == Language::Go) {
                    const QString recv = m.captured(QStringLiteral("recv"));
                    if (!recv.isEmpty())
                        name = recv + QLatin1Char('.') + name;
                    const QString goKind = m.captured(QStringLiteral("kind"));
                    if (!goKind.isEmpty())
                        kind = goKind;
                }
                if (language == Language::CppHeader && kind == QLatin1String("fn") &&
                    (name == QLatin1String("Q_OBJECT") || name.startsWith(QLatin1String("Q_"))))
                    break;
                const QString symbol = kind + QLatin1Char(' ') + name;
                if (!seen.contains(symbol)) {
                    seen.insert(symbol);
                    if (maxSymbols <= 0 || symbols.size() < maxSymbols)
                        symbols.append(symbol);
                    else
                        ++extra;
                }
                break;
            }
        }
        pos = end + 1;
    }
    if (more)
        *more = extra;
    return symbols;
}

} // namespace harness
