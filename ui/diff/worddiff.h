// WordDiff: which character ranges differ between an old and a new version of one line, at word level.
#pragma once

#include <QList>
#include <QString>

namespace harness::ui {

struct TextRange
{
    int start = 0;
    int length = 0;
    bool operator==(const TextRange &) const = default;
};

struct WordDiffResult
{
    QList<TextRange> removed; // ranges in the old line
    QList<TextRange> added; // ranges in the new line
};

class WordDiff
{
public:
    // Tokens are runs of letters/digits/underscore, runs of whitespace, or single other characters.
    // Lines with more tokens than the limit fall back to the common prefix and suffix.
    static WordDiffResult compare(QStringView oldLine, QStringView newLine, int tokenLimit = 400);
};

} // namespace harness::ui
