// TokenEstimator: weights per character class, summed in quarter tokens to stay in integers.
#include "tokenestimator.h"

namespace harness {

namespace {

bool isWide(char16_t c)
{
    return (c >= 0x1100 && c <= 0x11FF) // Hangul Jamo
            || (c >= 0x2E80 && c <= 0x9FFF) // CJK radicals, kana, CJK unified ideographs, ...
            || (c >= 0xAC00 && c <= 0xD7AF) // Hangul syllables
            || (c >= 0xF900 && c <= 0xFAFF) // CJK compatibility ideographs
            || (c >= 0xFF00 && c <= 0xFFEF); // full-width and half-width forms
}

// Cost of one UTF-16 unit in quarter tokens.
int quarterCost(char16_t c)
{
    if (c < 0x80)
        return 1;
    if (isWide(c))
        return 4;
    return 2;
}

} // namespace

qint64 TokenEstimator::estimate(QStringView text)
{
    qint64 quarters = 0;
    for (const QChar ch : text)
        quarters += quarterCost(ch.unicode());
    return (quarters + 3) / 4;
}

QString TokenEstimator::clipToTokens(const QString &text, qint64 maxTokens)
{
    if (maxTokens <= 0)
        return {};
    const qint64 allowance = maxTokens * 4;
    qint64 quarters = 0;
    qsizetype end = 0;
    for (; end < text.size(); ++end) {
        const qint64 next = quarters + quarterCost(text.at(end).unicode());
        if (next > allowance)
            break;
        quarters = next;
    }
    if (end == text.size())
        return text;
    if (end > 0 && text.at(end - 1).isHighSurrogate())
        --end;
    if (end == 0)
        return {};
    const qsizetype newline = text.lastIndexOf(QLatin1Char('\n'), end - 1);
    if (newline >= 0 && newline + 1 >= end / 2)
        end = newline + 1;
    return text.left(end);
}

} // namespace harness
