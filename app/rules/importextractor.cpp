// ImportExtractor: hand-written byte scanners (includes are the hot path of `harness check`) and
// small regular expressions for the languages whose import syntax spans lines.
#include "importextractor.h"

#include "textwindows.h"

#include <QRegularExpression>

#include <array>
#include <atomic>
#include <cstring>

namespace harness {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool isIdent(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

int columnOf(const char *lineStart, const char *at)
{
    for (const char *p = lineStart; p < at; ++p)
        if (uchar(*p) >= 0x80) // not ASCII: count UTF-16 code units, as the columns of QString do
            return int(QString::fromUtf8(lineStart, at - lineStart).size()) + 1;
    return int(at - lineStart) + 1;
}

// Calls fn(lineNumber, begin, end) for every line.
template<typename Fn>
void forEachLine(const QByteArray &content, Fn fn)
{
    const char *p = content.constData();
    const char *end = p + content.size();
    int line = 1;
    while (p < end) {
        const char *nl = static_cast<const char *>(memchr(p, '\n', size_t(end - p)));
        const char *lineEnd = nl ? nl : end;
        fn(line, p, lineEnd);
        ++line;
        p = nl ? nl + 1 : end;
    }
}

} // namespace

SourceLanguage ImportExtractor::languageOf(QStringView path)
{
    const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    if (dot < 0 || dot < slash)
        return SourceLanguage::None;
    const QStringView ext = path.mid(dot + 1);
    static const QStringList cpp {QStringLiteral("c"),   QStringLiteral("cc"),  QStringLiteral("cpp"),
                                  QStringLiteral("cxx"), QStringLiteral("c++"), QStringLiteral("h"),
                                  QStringLiteral("hh"),  QStringLiteral("hpp"), QStringLiteral("hxx"),
                                  QStringLiteral("h++"), QStringLiteral("ipp"), QStringLiteral("inl"),
                                  QStringLiteral("tpp"), QStringLiteral("m"),   QStringLiteral("mm")};
    static const QStringList js {QStringLiteral("js"),    QStringLiteral("jsx"), QStringLiteral("mjs"),
                                 QStringLiteral("cjs"),   QStringLiteral("ts"),  QStringLiteral("tsx"),
                                 QStringLiteral("mts"),   QStringLiteral("cts"), QStringLiteral("vue"),
                                 QStringLiteral("svelte")};
    for (const auto &e : cpp)
        if (ext.compare(e, Qt::CaseInsensitive) == 0)
            return SourceLanguage::Cpp;
    for (const auto &e : js)
        if (ext == e)
            return SourceLanguage::JavaScript;
    if (ext == QLatin1String("py") || ext == QLatin1String("pyi"))
        return SourceLanguage::Python;
    if (ext == QLatin1String("go"))
        return SourceLanguage::Go;
    return SourceLanguage::None;
}

QList<Import> ImportExtractor::extract(SourceLanguage language, const QByteArray &content)
{
    switch (language) {
    case SourceLanguage::Cpp:
        return cppIncludes(content);
    case SourceLanguage::Python:
        return pythonImports(content);
    case SourceLanguage::JavaScript:
        return javascriptImports(content);
    case SourceLanguage::Go:
        return goImports(content);
    case SourceLanguage::None:
        break;
    }
    return {};
}

QList<Import> ImportExtractor::cppIncludes(const QByteArray &content)
{
    QList<Import> out;
    bool inBlockComment = false;
    forEachLine(content, [&](int line, const char *b, const char *e) {
        const char *p = b;
        if (inBlockComment) {
            const char *close = nullptr;
            for (const char *q = p; q + 1 < e; ++q)
                if (q[0] == '*' && q[1] == '/') {
                    close = q;
                    break;
                }
            if (!close)
                return;
            inBlockComment = false;
            p = close + 2;
        }
        while (p < e && isSpace(*p))
            ++p;
        // a comment that opens before the directive, e.g. "/* note */ #include"
        while (p + 1 < e && p[0] == '/' && p[1] == '*') {
            const char *q = p + 2;
            while (q + 1 < e && !(q[0] == '*' && q[1] == '/'))
                ++q;
            if (q + 1 >= e) {
                inBlockComment = true;
                return;
            }
            p = q + 2;
            while (p < e && isSpace(*p))
                ++p;
        }
        if (p < e && *p == '#') {
            ++p;
            while (p < e && isSpace(*p))
                ++p;
            const qsizetype left = e - p;
            const bool isInclude = left >= 7 && memcmp(p, "include", 7) == 0;
            const bool isImport = !isInclude && left >= 6 && memcmp(p, "import", 6) == 0;
            if (isInclude || isImport) {
                p += isInclude ? 7 : 6;
                if (isInclude && e - p >= 5 && memcmp(p, "_next", 5) == 0)
                    p += 5;
                while (p < e && isSpace(*p))
                    ++p;
                if (p < e && (*p == '"' || *p == '<')) {
                    const char close = *p == '"' ? '"' : '>';
                    const char *s = p + 1;
                    const char *q = s;
                    while (q < e && *q != close)
                        ++q;
                    if (q < e && q > s)
                        out.append(Import {QString::fromUtf8(s, q - s), line, columnOf(b, s), close == '>'});
                }
            }
        }
        // track block comments opened later on the line
        for (const char *q = p; q + 1 < e; ++q) {
            if (q[0] == '/' && q[1] == '/')
                break;
            if (q[0] == '"') { // skip string literals so "/*" inside them is not a comment
                ++q;
                while (q < e && *q != '"') {
                    if (*q == '\\')
                        ++q;
                    ++q;
                }
                if (q >= e)
                    break;
                continue;
            }
            if (q[0] == '/' && q[1] == '*') {
                const char *r = q + 2;
                while (r + 1 < e && !(r[0] == '*' && r[1] == '/'))
                    ++r;
                if (r + 1 >= e) {
                    inBlockComment = true;
                    break;
                }
                q = r + 1;
            }
        }
    });
    return out;
}

QList<Import> ImportExtractor::pythonImports(const QByteArray &content)
{
    QList<Import> out;
    bool inDocstring = false;
    QByteArray docQuote;
    forEachLine(content, [&](int line, const char *b, const char *e) {
        const char *p = b;
        while (p < e && isSpace(*p))
            ++p;
        const QByteArray text(p, e - p);
        if (inDocstring) {
            if (text.contains(docQuote))
                inDocstring = false;
            return;
        }
        for (const char *quote : {"\"\"\"", "'''"}) {
            const qsizetype first = text.indexOf(quote);
            if (first >= 0 && text.indexOf(quote, first + 3) < 0 && !text.startsWith('#')) {
                inDocstring = true;
                docQuote = quote;
                return;
            }
        }
        auto readModule = [&](const char *s) {
            const char *q = s;
            while (q < e && (isIdent(*q) || *q == '.'))
                ++q;
            return QByteArray(s, q - s);
        };
        if (text.startsWith("import ") || text.startsWith("import\t")) {
            const char *s = p + 6;
            while (s < e) {
                while (s < e && (isSpace(*s) || *s == ',' || *s == '('))
                    ++s;
                const char *start = s;
                const QByteArray mod = readModule(s);
                if (mod.isEmpty())
                    break;
                out.append(Import {QString::fromUtf8(mod), line, columnOf(b, start), false});
                s = start + mod.size();
                while (s < e && isSpace(*s))
                    ++s;
                if (s + 2 < e && memcmp(s, "as", 2) == 0 && isSpace(s[2])) { // "import x as y"
                    s += 2;
                    while (s < e && isSpace(*s))
                        ++s;
                    while (s < e && isIdent(*s))
                        ++s;
                }
                while (s < e && isSpace(*s))
                    ++s;
                if (s >= e || *s != ',')
                    break;
            }
        } else if (text.startsWith("from ") || text.startsWith("from\t")) {
            const char *s = p + 4;
            while (s < e && isSpace(*s))
                ++s;
            const QByteArray mod = readModule(s);
            if (!mod.isEmpty())
                out.append(Import {QString::fromUtf8(mod), line, columnOf(b, s), false});
        }
    });
    return out;
}

namespace {

std::atomic_bool g_windowedJs {true};

constexpr std::array<bool, 256> byteSet(const char *bytes)
{
    std::array<bool, 256> t {};
    for (const char *p = bytes; *p; ++p)
        t[uchar(*p)] = true;
    return t;
}

// The import / require / export-from expression, run over text (the content's bytes from its line
// firstLine up to byte restFrom). A match in a line comment is skipped; for a match whose spec is on a
// later line than its keyword that check looks on to the content's end, past the text.
void javascriptMatches(const QString &text, int firstLine, const QByteArray &content, qsizetype restFrom,
                       qsizetype &lastComment, QList<Import> &out)
{
    static const QRegularExpression rx(
            QStringLiteral("(?<![\\w$.])(?:(?:import|export)\\b[^;'\"`]*?\\bfrom\\s*|import\\s*|(?:require|"
                           "import)\\s*\\(\\s*)(['\"])([^'\"\\n]+)\\1"));
    int line = firstLine;
    qsizetype counted = 0;
    qsizetype lineStart = 0;
    qsizetype commentLine = -1, commentAt = -1; // the first "//" of the line at commentLine (-1: none)
    qsizetype lastCommentInText = -2; // not looked for yet
    auto it = rx.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const qsizetype at = m.capturedStart(2);
        for (; counted < at; ++counted)
            if (text.at(counted) == QLatin1Char('\n')) {
                ++line;
                lineStart = counted + 1;
            }
        // skip matches inside a line comment: a "//" between the line's start and the match (when the
        // spec is on a later line than the keyword, anywhere from the spec's line to the content's end).
        // The first "//" of a line is looked up once per line: linear however many imports a line holds.
        const qsizetype length = m.capturedStart(0) - lineStart;
        bool commented = false;
        if (length >= 0) {
            if (commentLine != lineStart) {
                commentLine = lineStart;
                qsizetype lineEnd = text.indexOf(QLatin1Char('\n'), lineStart);
                if (lineEnd < 0)
                    lineEnd = text.size();
                commentAt = QStringView(text).mid(lineStart, lineEnd - lineStart).indexOf(u"//");
            }
            commented = commentAt >= 0 && commentAt + 2 <= length;
        } else {
            if (lastCommentInText == -2)
                lastCommentInText = text.lastIndexOf(u"//");
            commented = lastCommentInText >= lineStart ||
                    (restFrom < content.size() &&
                     (lastComment == -2 ? (lastComment = content.lastIndexOf("//")) : lastComment) >=
                             restFrom);
        }
        if (commented)
            continue;
        out.append(Import {m.captured(2), line, int(at - lineStart) + 1, false});
    }
}

} // namespace

void ImportExtractor::setWindowedScanAllowed(bool allowed)
{
    g_windowedJs.store(allowed, std::memory_order_relaxed);
}

QList<Import> ImportExtractor::javascriptImports(const QByteArray &content)
{
    QList<Import> out;
    if (!g_windowedJs.load(std::memory_order_relaxed)) {
        if (!content.contains("import") && !content.contains("require") && !content.contains("export"))
            return out;
        qsizetype lastComment = -2;
        javascriptMatches(QString::fromUtf8(content), 1, content, content.size(), lastComment, out);
        return out;
    }
    // Every match starts at one of the words; after it the search cannot pass the first ; ' " or `,
    // and after an opening quote not the next quote or line break: search the lines around the words.
    const char *d = content.constData();
    const qsizetype n = content.size();
    QList<std::pair<qsizetype, int>> words;
    for (const char *word : {"import", "export", "require"}) {
        const size_t length = std::strlen(word);
        for (const char *p = d; p < d + n;) {
            const void *hit = ::memmem(p, size_t(d + n - p), word, length);
            if (!hit)
                break;
            const qsizetype at = static_cast<const char *>(hit) - d;
            words.append({at, int(length)});
            p = d + at + 1;
        }
    }
    if (words.isEmpty())
        return out;
    std::sort(words.begin(), words.end());
    QList<qsizetype> hits;
    hits.reserve(words.size());
    for (const auto &w : std::as_const(words))
        hits.append(w.first);
    auto firstOf = [&](qsizetype from, const std::array<bool, 256> &set) {
        for (qsizetype p = from; p < n; ++p)
            if (set[uchar(d[p])])
                return p;
        return n;
    };
    static constexpr std::array<bool, 256> kDelimiter = byteSet(";'\"`");
    static constexpr std::array<bool, 256> kSpecEnd = byteSet("'\"\n");
    qsizetype scannedFrom = -1, delimiter = -1, stop = -1;
    const auto stopOf = [&](qsizetype i) {
        const qsizetype from = words.at(i).first + words.at(i).second;
        if (from < scannedFrom || from > delimiter) {
            scannedFrom = from;
            delimiter = firstOf(from, kDelimiter);
            stop = delimiter < n && (d[delimiter] == '\'' || d[delimiter] == '"')
                    ? firstOf(delimiter + 1, kSpecEnd)
                    : delimiter;
        }
        return stop;
    };
    qsizetype lastComment = -2; // not looked for yet
    for (const TextWindow &w : TextWindows::build(content, hits, 0, stopOf))
        javascriptMatches(TextWindows::decode(content, w), w.firstLine, content, w.end, lastComment, out);
    return out;
}

QList<Import> ImportExtractor::goImports(const QByteArray &content)
{
    QList<Import> out;
    bool inBlock = false;
    forEachLine(content, [&](int line, const char *b, const char *e) {
        const char *p = b;
        while (p < e && isSpace(*p))
            ++p;
        auto takeQuoted = [&](const char *s) {
            while (s < e && *s != '"' && *s != '`' && *s != ')' && !(s + 1 < e && s[0] == '/' && s[1] == '/'))
                ++s;
            if (s < e && (*s == '"' || *s == '`')) {
                const char close = *s;
                const char *start = s + 1;
                const char *q = start;
                while (q < e && *q != close)
                    ++q;
                if (q < e && q > start)
                    out.append(Import {QString::fromUtf8(start, q - start), line, columnOf(b, start), false});
            }
        };
        if (inBlock) {
            if (p < e && *p == ')') {
                inBlock = false;
                return;
            }
            takeQuoted(p);
            return;
        }
        if (e - p >= 6 && memcmp(p, "import", 6) == 0 &&
            (e - p == 6 || isSpace(p[6]) || p[6] == '(' || p[6] == '"')) {
            const char *s = p + 6;
            while (s < e && isSpace(*s))
                ++s;
            if (s < e && *s == '(') {
                inBlock = true;
                const char *q = s + 1;
                while (q < e && isSpace(*q))
                    ++q;
                if (q < e && *q != ')')
                    takeQuoted(q);
                for (const char *r = s; r < e; ++r)
                    if (*r == ')')
                        inBlock = false;
            } else {
                takeQuoted(s);
            }
        }
    });
    return out;
}

} // namespace harness
