// Translation of glob patterns into anchored regular expressions.
#include "globpattern.h"

namespace harness {

GlobPattern::GlobPattern(const QString &pattern, Mode mode) : m_pattern(pattern)
{
    QString rx;
    rx.reserve(pattern.size() * 2 + 8);
    rx += QStringLiteral("\\A");
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('*')) {
            const bool doubleStar = i + 1 < pattern.size() && pattern.at(i + 1) == QLatin1Char('*');
            if (mode == Mode::Command) {
                rx += QStringLiteral("[\\s\\S]*");
                if (doubleStar)
                    ++i;
            } else if (doubleStar) {
                ++i;
                // "**/" also matches nothing, so "**/*.cpp" matches "a.cpp".
                if (i + 1 < pattern.size() && pattern.at(i + 1) == QLatin1Char('/')) {
                    ++i;
                    rx += QStringLiteral("(?:[^/]*/)*");
                } else {
                    rx += QStringLiteral("[\\s\\S]*");
                }
            } else {
                rx += QStringLiteral("[^/]*");
            }
        } else if (c == QLatin1Char('?')) {
            rx += mode == Mode::Command ? QStringLiteral("[\\s\\S]") : QStringLiteral("[^/]");
        } else {
            rx += QRegularExpression::escape(QString(c));
        }
    }
    rx += QStringLiteral("\\z");
    m_regex.setPattern(rx);
}

bool GlobPattern::matches(const QString &subject) const
{
    return m_regex.match(subject).hasMatch();
}

} // namespace harness
