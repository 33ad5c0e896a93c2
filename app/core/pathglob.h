// PathGlob: a path pattern such as "app/core/**", "**/*.cpp" or "*.{h,cpp}" matched against paths
// relative to the repository root. A pattern without '/' matches the file name at any depth; a leading
// '/' anchors it at the root (as in .gitignore).
#pragma once

#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace harness {

class PathGlob
{
public:
    PathGlob() = default;
    explicit PathGlob(const QString &pattern);

    const QString &pattern() const { return m_pattern; }
    bool isValid() const { return m_valid; }
    QString errorString() const { return m_error; }
    bool matches(QStringView path) const;

    // True when any of the globs matches.
    static bool matchesAny(const QList<PathGlob> &globs, QStringView path);
    static QList<PathGlob> compile(const QStringList &patterns);

private:
    enum class Kind { Regex, Prefix, Suffix, Exact };
    QString m_pattern;
    Kind m_kind = Kind::Regex;
    QString m_literal;
    QRegularExpression m_regex;
    bool m_valid = false;
    QString m_error;
};

} // namespace harness
