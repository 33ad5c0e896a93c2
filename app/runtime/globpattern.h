// GlobPattern: a path or command pattern, used by permission profiles and the agent's file tools.
// Path globs are core's PathGlob, the one path-glob language of the whole program (rules, scopes,
// auto-approval, permissions): `*` and `?` stay within a segment, `**` crosses `/`, a pattern without
// `/` matches the file name at any depth ("*.py"), braces and classes work ("*.{h,cpp}").
// Command globs: `*` matches anything, spaces and slashes included ("git diff *").
#pragma once

#include "core/pathglob.h"

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
    bool isValid() const { return m_mode == Mode::Path ? m_path.isValid() : m_regex.isValid(); }
    // Why a path pattern is invalid (an unclosed '[' or '{', an empty pattern).
    QString errorString() const
    {
        return m_mode == Mode::Path ? m_path.errorString() : m_regex.errorString();
    }

private:
    QString m_pattern;
    Mode m_mode;
    PathGlob m_path;
    QRegularExpression m_regex;
};

} // namespace harness
