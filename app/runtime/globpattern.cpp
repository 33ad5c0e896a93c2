// GlobPattern: paths through PathGlob; commands through a regex in which `*` and `?` cross everything.
#include "globpattern.h"

namespace harness {

GlobPattern::GlobPattern(const QString &pattern, Mode mode) : m_pattern(pattern), m_mode(mode)
{
    if (mode == Mode::Path) {
        m_path = PathGlob(pattern);
        return;
    }
    QString rx;
    rx.reserve(pattern.size() * 2 + 8);
    rx += QStringLiteral("\\A");
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('*')) {
            rx += QStringLiteral("[\\s\\S]*");
            while (i + 1 < pattern.size() && pattern.at(i + 1) == QLatin1Char('*'))
                ++i;
        } else if (c == QLatin1Char('?')) {
            rx += QStringLiteral("[\\s\\S]");
        } else {
            rx += QRegularExpression::escape(QString(c));
        }
    }
    rx += QStringLiteral("\\z");
    m_regex.setPattern(rx);
}

bool GlobPattern::matches(const QString &subject) const
{
    return m_mode == Mode::Path ? m_path.matches(subject) : m_regex.match(subject).hasMatch();
}

} // namespace harness
