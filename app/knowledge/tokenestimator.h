// TokenEstimator: a documented, tokenizer-free estimate of how many model tokens a text costs, and a
// way to cut a text to a token allowance. No tokenizer library (tiktoken, sentencepiece) is available.
#pragma once

#include <QString>
#include <QStringView>

namespace harness {

// The heuristic (version "chars4-cjk1"):
//   - ASCII characters cost 1/4 token each (BPE tokenizers average ~4 bytes per token on code and
//     English prose);
//   - CJK ideographs, kana, hangul and full-width forms cost 1 token each (they are mostly one token or
//     more per character);
//   - any other non-ASCII UTF-16 unit (accented Latin, Cyrillic, Greek, each half of an emoji's
//     surrogate pair, ...) costs 1/2 token.
// The sum is rounded up. It errs on the high side for code so budgets are not overrun.
class TokenEstimator
{
public:
    static constexpr const char *kHeuristic = "chars4-cjk1";

    static qint64 estimate(QStringView text);

    // The longest prefix of text whose estimate is at most maxTokens, cut at the last line break that
    // keeps at least half of that prefix (so a cut does not split a line when it can avoid it), and never
    // inside a surrogate pair. Returns text unchanged when it already fits.
    static QString clipToTokens(const QString &text, qint64 maxTokens);
};

} // namespace harness
