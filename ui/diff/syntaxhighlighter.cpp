// SyntaxHighlighter: KSyntaxHighlighting adapter, or the built-in keyword/string/comment/number lexer.
#include "syntaxhighlighter.h"

#include <QFileInfo>
#include <QHash>
#include <QSet>

#ifdef HARNESS_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/Theme>
#endif

namespace harness::ui {

#ifdef HARNESS_HAVE_KSYNTAXHIGHLIGHTING

namespace {
class SpanCollector : public KSyntaxHighlighting::AbstractHighlighter
{
public:
    QList<SyntaxSpan> run(const QString &line)
    {
        m_spans.clear();
        const KSyntaxHighlighting::State next = highlightLine(line, KSyntaxHighlighting::State());
        Q_UNUSED(next) // each diff line starts fresh: it is a fragment of its file
        return m_spans;
    }

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format) override
    {
        if (length <= 0)
            return;
        // Themes mark some styles by weight or slant alone (Breeze: keywords are bold in the text
        // colour), so a span is kept when it has any of the three.
        const bool coloured = format.hasTextColor(theme());
        const bool bold = format.isBold(theme());
        const bool italic = format.isItalic(theme());
        if (!coloured && !bold && !italic)
            return;
        const QColor color = coloured
                ? format.textColor(theme())
                : QColor::fromRgba(theme().textColor(KSyntaxHighlighting::Theme::Normal));
        m_spans.append({offset, length, color, bold, italic});
    }

private:
    QList<SyntaxSpan> m_spans;
};
} // namespace

struct SyntaxHighlighter::Private
{
    KSyntaxHighlighting::Repository repository;
    SpanCollector collector;
    QHash<QString, KSyntaxHighlighting::Definition> definitions; // by file suffix
};

SyntaxHighlighter::SyntaxHighlighter(bool darkBackground) : d(std::make_unique<Private>())
{
    d->collector.setTheme(d->repository.defaultTheme(darkBackground
                                                             ? KSyntaxHighlighting::Repository::DarkTheme
                                                             : KSyntaxHighlighting::Repository::LightTheme));
}

SyntaxHighlighter::~SyntaxHighlighter() = default;

QList<SyntaxSpan> SyntaxHighlighter::highlight(const QString &fileName, const QString &line)
{
    const QString key = QFileInfo(fileName).fileName();
    auto it = d->definitions.find(key);
    if (it == d->definitions.end())
        it = d->definitions.insert(key, d->repository.definitionForFileName(fileName));
    if (!it->isValid())
        return {};
    if (d->collector.definition() != *it)
        d->collector.setDefinition(*it);
    return d->collector.run(line);
}

QString SyntaxHighlighter::backendName()
{
    return QStringLiteral("KSyntaxHighlighting");
}

#else

namespace {

enum class Family { None, CLike, Hash, Json };

struct Language
{
    Family family = Family::None;
    QSet<QString> keywords;
    bool preprocessor = false; // C and C++: a line starting with '#'
};

QSet<QString> words(const char *list)
{
    QSet<QString> set;
    for (const QString &w : QString::fromLatin1(list).split(QLatin1Char(' '), Qt::SkipEmptyParts))
        set.insert(w);
    return set;
}

Language languageFor(const QString &fileName)
{
    const QFileInfo info(fileName);
    const QString suffix = info.suffix().toLower();
    const QString name = info.fileName();
    static const QSet<QString> cSuffixes = words("c cc cpp cxx c++ h hh hpp hxx ipp inl m mm");
    static const QSet<QString> jsSuffixes = words("js jsx ts tsx mjs cjs java kt kts cs swift scala dart");
    if (cSuffixes.contains(suffix))
        return {Family::CLike,
                words("auto bool break case catch char class const constexpr consteval continue default "
                      "delete do "
                      "double else enum explicit extern false float for friend if inline int long mutable "
                      "namespace new noexcept nullptr operator override private protected public return "
                      "short "
                      "signed sizeof static struct switch template this throw true try typedef typename "
                      "union "
                      "unsigned using virtual void volatile while co_await co_return concept requires"),
                true};
    if (jsSuffixes.contains(suffix))
        return {Family::CLike,
                words("abstract async await boolean break case catch class const continue default delete do "
                      "else "
                      "enum export extends false final finally for function if implements import in "
                      "instanceof "
                      "interface let new null private protected public return static super switch this throw "
                      "true try type typeof undefined var void while yield fun val package override"),
                false};
    if (suffix == QLatin1String("go"))
        return {Family::CLike,
                words("break case chan const continue default defer else fallthrough for func go goto if "
                      "import "
                      "interface map package range return select struct switch type var nil true false"),
                false};
    if (suffix == QLatin1String("rs"))
        return {Family::CLike,
                words("as async await break const continue crate else enum extern false fn for if impl in "
                      "let "
                      "loop match mod move mut pub ref return self Self static struct super trait true type "
                      "unsafe use where while"),
                false};
    if (suffix == QLatin1String("py") || suffix == QLatin1String("pyi"))
        return {Family::Hash,
                words("and as assert async await break class continue def del elif else except False finally "
                      "for "
                      "from global if import in is lambda None nonlocal not or pass raise return True try "
                      "while "
                      "with yield self"),
                false};
    if (suffix == QLatin1String("sh") || suffix == QLatin1String("bash") ||
        name == QLatin1String("Dockerfile"))
        return {Family::Hash,
                words("if then else elif fi for while do done case esac function return in local export set "
                      "FROM RUN COPY ADD ENV WORKDIR CMD ENTRYPOINT ARG"),
                false};
    if (suffix == QLatin1String("cmake") || name == QLatin1String("CMakeLists.txt"))
        return {Family::Hash,
                words("if elseif else endif foreach endforeach function endfunction macro endmacro set "
                      "add_library add_executable target_link_libraries include option find_package"),
                false};
    if (suffix == QLatin1String("yml") || suffix == QLatin1String("yaml") ||
        suffix == QLatin1String("toml") || suffix == QLatin1String("rb") || suffix == QLatin1String("pl"))
        return {Family::Hash, words("true false null"), false};
    if (suffix == QLatin1String("json"))
        return {Family::Json, words("true false null"), false};
    return {};
}

struct Palette
{
    QColor keyword, string, comment, number, preprocessor;
};

} // namespace

struct SyntaxHighlighter::Private
{
    Palette palette;
    QHash<QString, Language> languages; // by file name
};

SyntaxHighlighter::SyntaxHighlighter(bool darkBackground) : d(std::make_unique<Private>())
{
    if (darkBackground)
        d->palette = {QColor(0x7a, 0xa6, 0xda), QColor(0xb9, 0xca, 0x4a), QColor(0x96, 0x98, 0x96),
                      QColor(0xe7, 0x8c, 0x45), QColor(0xc3, 0x97, 0xd8)};
    else
        d->palette = {QColor(0x1f, 0x3f, 0xa8), QColor(0x0a, 0x7a, 0x2a), QColor(0x70, 0x70, 0x70),
                      QColor(0xa0, 0x40, 0x00), QColor(0x80, 0x30, 0x90)};
}

SyntaxHighlighter::~SyntaxHighlighter() = default;

QList<SyntaxSpan> SyntaxHighlighter::highlight(const QString &fileName, const QString &line)
{
    auto it = d->languages.find(fileName);
    if (it == d->languages.end())
        it = d->languages.insert(fileName, languageFor(fileName));
    const Language &lang = *it;
    QList<SyntaxSpan> spans;
    if (lang.family == Family::None)
        return spans;
    const Palette &p = d->palette;
    const int n = int(line.size());
    int i = 0;
    while (i < n && line[i].isSpace())
        ++i;
    if (lang.preprocessor && i < n && line[i] == QLatin1Char('#')) {
        spans.append({i, n - i, p.preprocessor, false, false});
        return spans;
    }
    // A line inside a block comment (" * text" or "*/") is shown as comment.
    if (lang.family == Family::CLike && i < n && line[i] == QLatin1Char('*') &&
        (i + 1 >= n || line[i + 1].isSpace() || line[i + 1] == QLatin1Char('/'))) {
        spans.append({i, n - i, p.comment, false, true});
        return spans;
    }
    auto isWordStart = [](QChar c) {
        return c.isLetter() || c == QLatin1Char('_');
    };
    auto isWord = [](QChar c) {
        return c.isLetterOrNumber() || c == QLatin1Char('_');
    };
    while (i < n) {
        const QChar c = line[i];
        const QChar next = i + 1 < n ? line[i + 1] : QChar();
        if ((lang.family == Family::Hash && c == QLatin1Char('#')) ||
            (lang.family == Family::CLike && c == QLatin1Char('/') && next == QLatin1Char('/'))) {
            spans.append({i, n - i, p.comment, false, true});
            break;
        }
        if (lang.family == Family::CLike && c == QLatin1Char('/') && next == QLatin1Char('*')) {
            int end = int(line.indexOf(QLatin1String("*/"), i + 2));
            end = end < 0 ? n : end + 2;
            spans.append({i, end - i, p.comment, false, true});
            i = end;
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('`')) {
            int j = i + 1;
            while (j < n && line[j] != c) {
                if (line[j] == QLatin1Char('\\'))
                    ++j;
                ++j;
            }
            j = qMin(n, j + 1);
            spans.append({i, j - i, p.string, false, false});
            i = j;
            continue;
        }
        if (c.isDigit()) {
            int j = i;
            while (j < n &&
                   (line[j].isLetterOrNumber() || line[j] == QLatin1Char('.') ||
                    line[j] == QLatin1Char('\'')))
                ++j;
            spans.append({i, j - i, p.number, false, false});
            i = j;
            continue;
        }
        if (isWordStart(c)) {
            int j = i;
            while (j < n && isWord(line[j]))
                ++j;
            if (lang.keywords.contains(line.mid(i, j - i)))
                spans.append({i, j - i, p.keyword, true, false});
            i = j;
            continue;
        }
        ++i;
    }
    return spans;
}

QString SyntaxHighlighter::backendName()
{
    return QStringLiteral("built-in");
}

#endif

} // namespace harness::ui
