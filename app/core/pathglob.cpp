// PathGlob: glob-to-regex translation with fast paths for the common "dir/**" and "**/*.ext" shapes.
#include "pathglob.h"

namespace harness {

namespace {

bool hasWildcard(QStringView s)
{
    for (QChar c : s)
        if (c == QLatin1Char('*') || c == QLatin1Char('?') || c == QLatin1Char('[') || c == QLatin1Char('{'))
            return true;
    return false;
}

} // namespace

PathGlob::PathGlob(const QString &pattern) : m_pattern(pattern)
{
    QString p = pattern.trimmed();
    // As in .gitignore: a leading "/" (or "./") anchors the pattern at the root.
    const bool anchored = p.startsWith(QLatin1Char('/')) || p.startsWith(QLatin1String("./"));
    if (p.startsWith(QLatin1String("./")))
        p = p.mid(2);
    if (p.startsWith(QLatin1Char('/')))
        p = p.mid(1);
    if (p.isEmpty()) {
        m_error = QStringLiteral("empty path pattern");
        return;
    }
    if (!anchored && !p.contains(QLatin1Char('/')))
        p = QStringLiteral("**/") + p;
    if (p.endsWith(QLatin1Char('/')))
        p += QStringLiteral("**");

    if (p.endsWith(QLatin1String("/**")) && !hasWildcard(QStringView(p).chopped(3))) {
        m_kind = Kind::Prefix;
        m_literal = p.chopped(2); // keeps the trailing '/'
        m_valid = true;
        return;
    }
    if (p.startsWith(QLatin1String("**/*")) && !hasWildcard(QStringView(p).mid(4)) &&
        !p.mid(4).contains(QLatin1Char('/'))) {
        m_kind = Kind::Suffix;
        m_literal = p.mid(4);
        m_valid = true;
        return;
    }
    if (!hasWildcard(p)) {
        m_kind = Kind::Exact;
        m_literal = p;
        m_valid = true;
        return;
    }

    QString rx = QStringLiteral("\\A");
    int braces = 0;
    for (qsizetype i = 0; i < p.size(); ++i) {
        const QChar c = p.at(i);
        if (c == QLatin1Char('*')) {
            if (i + 1 < p.size() && p.at(i + 1) == QLatin1Char('*')) {
                const bool segmentStart = i == 0 || p.at(i - 1) == QLatin1Char('/');
                const bool slashAfter = i + 2 < p.size() && p.at(i + 2) == QLatin1Char('/');
                if (segmentStart && slashAfter) {
                    rx += QStringLiteral("(?:.*/)?"); // "**/" : zero or more directories
                    i += 2;
                } else {
                    rx += QStringLiteral(".*");
                    i += 1;
                }
            } else {
                rx += QStringLiteral("[^/]*");
            }
        } else if (c == QLatin1Char('?')) {
            rx += QStringLiteral("[^/]");
        } else if (c == QLatin1Char('[')) {
            const qsizetype close = p.indexOf(QLatin1Char(']'), i + 1);
            if (close < 0) {
                m_error = QStringLiteral("unclosed '[' in path pattern \"%1\"").arg(pattern);
                return;
            }
            QString cls = p.mid(i + 1, close - i - 1);
            if (cls.startsWith(QLatin1Char('!')))
                cls[0] = QLatin1Char('^');
            rx += QLatin1Char('[') + cls.replace(QLatin1Char('\\'), QLatin1String("\\\\")) + QLatin1Char(']');
            i = close;
        } else if (c == QLatin1Char('{')) {
            ++braces;
            rx += QStringLiteral("(?:");
        } else if (c == QLatin1Char('}') && braces > 0) {
            --braces;
            rx += QLatin1Char(')');
        } else if (c == QLatin1Char(',') && braces > 0) {
            rx += QLatin1Char('|');
        } else {
            rx += QRegularExpression::escape(QString(c));
        }
    }
    if (braces != 0) {
        m_error = QStringLiteral("unclosed '{' in path pattern \"%1\"").arg(pattern);
        return;
    }
    rx += QStringLiteral("\\z");
    m_regex = QRegularExpression(rx);
    if (!m_regex.isValid()) {
        m_error = QStringLiteral("invalid path pattern \"%1\": %2").arg(pattern, m_regex.errorString());
        return;
    }
    m_regex.optimize();
    m_valid = true;
}

bool PathGlob::matches(QStringView path) const
{
    if (!m_valid)
        return false;
    switch (m_kind) {
    case Kind::Prefix:
        return path.startsWith(m_literal);
    case Kind::Suffix:
        return path.endsWith(m_literal);
    case Kind::Exact:
        return path == m_literal;
    case Kind::Regex:
        break;
    }
    return m_regex.match(path).hasMatch();
}

bool PathGlob::matchesAny(const QList<PathGlob> &globs, QStringView path)
{
    for (const auto &g : globs)
        if (g.matches(path))
            return true;
    return false;
}

QList<PathGlob> PathGlob::compile(const QStringList &patterns)
{
    QList<PathGlob> out;
    out.reserve(patterns.size());
    for (const auto &p : patterns)
        out.append(PathGlob(p));
    return out;
}

} // namespace harness
