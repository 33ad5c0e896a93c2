// KeywordSearch: which of up to 64 keywords occur in a text (ASCII letters in either case) and where —
// the pre-filter of the secret scan, which runs over every byte of every text file a check reads. A
// vector pass (AVX2, when the processor has it) looks at 32 positions at a time for the first bytes of
// all keywords at once (nibble tables over sixteen buckets of keywords, the "Teddy" fingerprint ripgrep
// uses); a portable pass looks the pairs of bytes up in a table. Every candidate either pass finds is
// compared byte by byte, so both report exactly the occurrences there are.
#pragma once

#include <QByteArray>
#include <QList>

#include <array>
#include <utility>
#include <vector>

namespace harness {

class KeywordSearch
{
public:
    struct Hit
    {
        qsizetype at; // byte offset of the keyword's first byte
        int length;
        bool operator==(const Hit &) const = default;
    };
    // What the same pass notices about the text on the way (so that no caller reads it again for them).
    struct Facts
    {
        bool nul = false; // a NUL byte: binary data
        // U+017F or U+212A, which a case-insensitive expression matches to 's' and 'k' but this search,
        // which folds ASCII letters only, does not see
        bool foldsToAscii = false;
    };
    enum class Pass { Best, Portable };
    static constexpr int kMaxKeywords = 64;

    // keywords: lower case (an ASCII letter in one matches either case), 2 bytes or more, at most 64.
    explicit KeywordSearch(const QList<QByteArray> &keywords = {});

    const QList<QByteArray> &keywords() const { return m_keywords; }

    // The bits (1 << index) of the keywords that occur in [data, data + size). Every occurrence of a
    // keyword in `collect` is appended to hits: by offset, then by keyword index. facts, when given, is
    // filled in for the whole text.
    quint64 find(const char *data, qsizetype size, quint64 collect = 0, QList<Hit> *hits = nullptr,
                 Facts *facts = nullptr, Pass pass = Pass::Best) const;
    quint64 find(const QByteArray &content, quint64 collect = 0, QList<Hit> *hits = nullptr,
                 Facts *facts = nullptr, Pass pass = Pass::Best) const
    {
        return find(content.constData(), content.size(), collect, hits, facts, pass);
    }
    // The facts alone, read byte by byte (memchr).
    static Facts factsOf(const char *data, qsizetype size);

    // Whether Pass::Best uses the vector pass on this processor.
    static bool vectorAvailable();

    struct Scan; // the state of one search (found keywords, hits), shared by both passes

private:
    static constexpr int kBuckets = 16;
    static std::array<QList<int>, kBuckets> shareOut(const QList<QByteArray> &keywords, int fingerprint);
    quint64 findPortable(Scan &scan) const;
    quint64 findVector(Scan &scan) const;

    QList<QByteArray> m_keywords;
    quint64 m_all = 0;
    // portable pass: (byte << 8 | next byte) -> index in m_pairMasks, 0: none
    std::vector<quint8> m_pairIndex;
    // keywords whose first and second bytes are that pair, and those whose second and third are
    std::vector<std::pair<quint64, quint64>> m_pairMasks;
    bool m_stride2 = true; // every keyword has 3 bytes or more: look at every other pair only
    // vector pass: for each of the first m_fingerprint bytes of a keyword, the buckets whose keywords
    // may have a byte with that low (and that high) nibble there; two sets of eight buckets, each table
    // twice (for both 128-bit lanes)
    int m_fingerprint = 0;
    std::array<std::array<std::array<quint8, 32>, 3>, 2> m_low {};
    std::array<std::array<std::array<quint8, 32>, 3>, 2> m_high {};
    std::array<quint64, kBuckets> m_bucketKeywords {};
};

} // namespace harness
