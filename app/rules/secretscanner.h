// SecretScanner: finds credentials in files and in the added lines of diffs — built-in patterns for
// common cloud and API keys and private keys, the project's own patterns, and an entropy check for
// values assigned to secret-looking names — minus an allowlist. Reported secrets are redacted.
#pragma once

#include "core/diff/diff.h"
#include "core/pathglob.h"
#include "keywordsearch.h"
#include "rule.h"

#include <QRegularExpression>
#include <QSet>

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
    // The built-in entropy check searches only the lines around its keywords (same findings, much less
    // text); tests turn that off to compare with a search of the whole file.
    static void setWindowedScanAllowed(bool allowed);

private:
    struct Compiled
    {
        SecretPattern pattern;
        QRegularExpression regex;
        quint64 keywordBits = 0; // bits of m_keywords; 0: no pre-filter, always run
        bool windowed = false; // the built-in entropy check: searched around its keywords only
    };
    void report(const Compiled &c, const QString &text, int firstLine, QSet<QPair<int, QString>> &seen,
                QList<Finding> &out, const QString &path) const;

    QList<Compiled> m_patterns;
    KeywordSearch m_keywords; // every pattern's keywords, lower case, at most 64
    quint64 m_windowedBits = 0; // keywords of the windowed patterns
    QList<PathGlob> m_allowPaths;
    QList<QRegularExpression> m_allowPatterns;
};

} // namespace harness
