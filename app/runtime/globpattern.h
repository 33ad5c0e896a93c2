// GlobPattern: a path or command pattern with `*`, `**` and `?`, used by permission profiles.
// Path globs: `*` and `?` stay within one path segment, `**` crosses `/` ("src/**", "**/*.cpp").
// Command globs: `*` matches anything, spaces and slashes included ("git diff *").
#pragma once

#include <QRegularExpression>
#include <QString>

namespace harness {

class GlobPattern
{
public:
    enum class Mode { Path, Command };
    GlobPattern(const QString &pattern, Mode mode);

    bool matches(const QString &subject) const;
    QString pattern() const { return m_pattern; }
    bool isValid() const { return m_regex.isValid(); }

private:
    QString m_pattern;
    QRegularExpression m_regex;
};

} // namespace harness
