// SecretScanner: finds credentials in files and in the added lines of diffs — built-in patterns for
// common cloud and API keys and private keys, the project's own patterns, and an entropy check for
// values assigned to secret-looking names — minus an allowlist. Reported secrets are redacted.
#pragma once

#include "core/diff/diff.h"
#include "core/pathglob.h"
#include "rule.h"

#include <QRegularExpression>

#include <vector>

namespace harness {

class SecretScanner
{
public:
    explicit SecretScanner(const SecretSettings &settings);

    // Findings for one file's content (path relative to the root, used for the allowlist and report).
    QList<Finding> scanContent(const QString &path, const QByteArray &content) const;
    // Findings for the lines a diff adds, at their line numbers in the new file.
    QList<Finding> scanDiff(const Diff &diff) const;
    bool isAllowedPath(const QString &path) const { return PathGlob::matchesAny(m_allowPaths, path); }

    static QList<SecretPattern> builtinPatterns();
    // Shannon entropy in bits per character.
    static double shannonEntropy(QStringView text);
    // A line holding this marker is never reported (for test fixtures that must hold a fake key).
    static constexpr const char *kAllowMarker = "harness:allow-secret";

private:
    struct Compiled
    {
        SecretPattern pattern;
        QRegularExpression regex;
        quint64 keywordBits = 0; // bits of m_keywords; 0: no pre-filter, always run
    };
    // Which keywords occur in the content, in one case-insensitive pass (a table of leading byte pairs).
    quint64 keywordsIn(const QByteArray &content) const;

    QList<Compiled> m_patterns;
    QList<QByteArray> m_keywords; // lower case, at most 64
    std::vector<quint64> m_pairs; // (first byte << 8 | second byte) -> keywords starting so
    QList<PathGlob> m_allowPaths;
    QList<QRegularExpression> m_allowPatterns;
};

} // namespace harness
