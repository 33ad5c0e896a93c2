// WordDiff: a longest-common-subsequence over word tokens, merged into character ranges.
#include "worddiff.h"

#include <vector>

namespace harness::ui {

namespace {

struct Token
{
    int start;
    int length;
};

std::vector<Token> tokenize(QStringView text)
{
    std::vector<Token> tokens;
    int i = 0;
    const int n = int(text.size());
    auto isWord = [](QChar c) {
        return c.isLetterOrNumber() || c == QLatin1Char('_');
    };
    while (i < n) {
        const int start = i;
        if (isWord(text[i])) {
            while (i < n && isWord(text[i]))
                ++i;
        } else if (text[i].isSpace()) {
            while (i < n && text[i].isSpace())
                ++i;
        } else {
            ++i;
        }
        tokens.push_back({start, i - start});
    }
    return tokens;
}

void addRange(QList<TextRange> &ranges, int start, int length)
{
    if (length <= 0)
        return;
    if (!ranges.isEmpty() && ranges.last().start + ranges.last().length == start)
        ranges.last().length += length;
    else
        ranges.append({start, length});
}

} // namespace

WordDiffResult WordDiff::compare(QStringView oldLine, QStringView newLine, int tokenLimit)
{
    WordDiffResult result;
    const std::vector<Token> a = tokenize(oldLine), b = tokenize(newLine);
    const int n = int(a.size()), m = int(b.size());

    if (n > tokenLimit || m > tokenLimit) {
        int prefix = 0;
        const int shortest = int(qMin(oldLine.size(), newLine.size()));
        while (prefix < shortest && oldLine[prefix] == newLine[prefix])
            ++prefix;
        int suffix = 0;
        while (suffix < shortest - prefix &&
               oldLine[oldLine.size() - 1 - suffix] == newLine[newLine.size() - 1 - suffix])
            ++suffix;
        addRange(result.removed, prefix, int(oldLine.size()) - prefix - suffix);
        addRange(result.added, prefix, int(newLine.size()) - prefix - suffix);
        return result;
    }

    auto same = [&](int i, int j) {
        return oldLine.sliced(a[size_t(i)].start, a[size_t(i)].length) ==
                newLine.sliced(b[size_t(j)].start, b[size_t(j)].length);
    };
    // lcs[i][j] = length of the LCS of a[i..] and b[j..]
    std::vector<int> lcs(size_t(n + 1) * size_t(m + 1), 0);
    auto at = [&](int i, int j) -> int & {
        return lcs[size_t(i) * size_t(m + 1) + size_t(j)];
    };
    for (int i = n - 1; i >= 0; --i) {
        for (int j = m - 1; j >= 0; --j)
            at(i, j) = same(i, j) ? at(i + 1, j + 1) + 1 : qMax(at(i + 1, j), at(i, j + 1));
    }
    int i = 0, j = 0;
    while (i < n && j < m) {
        if (same(i, j)) {
            ++i;
            ++j;
        } else if (at(i + 1, j) >= at(i, j + 1)) {
            addRange(result.removed, a[size_t(i)].start, a[size_t(i)].length);
            ++i;
        } else {
            addRange(result.added, b[size_t(j)].start, b[size_t(j)].length);
            ++j;
        }
    }
    for (; i < n; ++i)
        addRange(result.removed, a[size_t(i)].start, a[size_t(i)].length);
    for (; j < m; ++j)
        addRange(result.added, b[size_t(j)].start, b[size_t(j)].length);
    return result;
}

} // namespace harness::ui
