// KeywordSearch: the tables of both passes, the exact comparison every candidate goes through, the
// portable pass and the AVX2 pass.
#include "keywordsearch.h"

#include <algorithm>
#include <bit>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HARNESS_KEYWORDSEARCH_AVX2 1
#include <immintrin.h>
#endif

namespace harness {

namespace {

constexpr std::array<uchar, 256> kFold = [] {
    std::array<uchar, 256> t {};
    for (int i = 0; i < 256; ++i)
        t[i] = uchar(i >= 'A' && i <= 'Z' ? i + 32 : i);
    return t;
}();

// The bytes that match a keyword's byte: both cases of an ASCII letter, the byte itself otherwise.
QList<uchar> casesOf(uchar c)
{
    return c >= 'a' && c <= 'z' ? QList<uchar> {c, uchar(c - 32)} : QList<uchar> {c};
}

// How often a byte turns up in ordinary text and code, roughly (a space, then lower-case letters in the
// order of their frequency in English, digits and punctuation, upper-case letters, the rest).
double byteWeight(uchar c)
{
    static constexpr char kLetters[] = "etaoinsrhldcumfpgwybvkxjqz";
    if (c >= 'a' && c <= 'z')
        return 12.0 / (1.0 + 0.5 * double(std::strchr(kLetters, c) - kLetters));
    if (c >= 'A' && c <= 'Z')
        return byteWeight(uchar(c + 32)) / 8.0;
    if (c == ' ')
        return 15.0;
    if (c == '\n' || c == '\t')
        return 3.0;
    if ((c >= '0' && c <= '9') || std::strchr("()_;,.\"=/-:<>*{}&'[]#+!?", c))
        return c ? 0.6 : 0.02;
    return c >= 0x80 ? 0.05 : 0.02;
}

// The chance that a position of ordinary text passes the tables of a bucket holding these keywords: at
// each fingerprint position, the weight of the bytes whose low and high nibbles both occur there.
double passChance(const QList<QByteArray> &keywords, const QList<int> &bucket, int fingerprint)
{
    if (bucket.isEmpty())
        return 0.0;
    double chance = 1.0;
    for (int p = 0; p < fingerprint; ++p) {
        quint16 lows = 0, highs = 0;
        for (int index : bucket)
            for (uchar c : casesOf(uchar(keywords.at(index).at(p)))) {
                lows |= quint16(1u << (c & 0x0F));
                highs |= quint16(1u << (c >> 4));
            }
        double weight = 0.0;
        for (quint16 h = highs; h; h &= h - 1)
            for (quint16 l = lows; l; l &= l - 1)
                weight += byteWeight(uchar(std::countr_zero(h) << 4 | std::countr_zero(l)));
        chance *= weight / 400.0;
    }
    return chance;
}

} // namespace

// Shares the keywords out over the buckets: each (the most likely to pass first) into the bucket where it
// adds least to the chance of passing, then single moves while one lowers the total.
std::array<QList<int>, KeywordSearch::kBuckets> KeywordSearch::shareOut(const QList<QByteArray> &keywords,
                                                                        int fingerprint)
{
    std::array<QList<int>, kBuckets> buckets;
    QList<std::pair<double, int>> order;
    for (int i = 0; i < keywords.size(); ++i)
        order.append({-passChance(keywords, {i}, fingerprint), i});
    std::sort(order.begin(), order.end());
    const auto withOut = [](QList<int> bucket, int index) {
        bucket.removeOne(index);
        return bucket;
    };
    for (const auto &[chance, index] : std::as_const(order)) {
        int best = 0;
        double bestAdded = 0.0;
        for (int b = 0; b < kBuckets; ++b) {
            const double added = passChance(keywords, buckets[b] + QList<int> {index}, fingerprint) -
                    passChance(keywords, buckets[b], fingerprint);
            if (b == 0 || added < bestAdded) {
                best = b;
                bestAdded = added;
            }
        }
        buckets[best].append(index);
    }
    for (bool moved = true; moved;) { // each move lowers the total, so this ends
        moved = false;
        for (int from = 0; from < kBuckets && !moved; ++from) {
            const QList<int> members = buckets[from];
            for (int index : members) {
                const double fromNow = passChance(keywords, buckets[from], fingerprint);
                const double fromAfter = passChance(keywords, withOut(buckets[from], index), fingerprint);
                for (int to = 0; to < kBuckets && !moved; ++to) {
                    if (to == from)
                        continue;
                    const double toNow = passChance(keywords, buckets[to], fingerprint);
                    const double toAfter =
                            passChance(keywords, buckets[to] + QList<int> {index}, fingerprint);
                    if (fromAfter + toAfter < (fromNow + toNow) * 0.999) {
                        buckets[from].removeOne(index);
                        buckets[to].append(index);
                        moved = true;
                    }
                }
                if (moved)
                    break;
            }
        }
    }
    return buckets;
}

struct KeywordSearch::Scan
{
    const uchar *b;
    qsizetype n;
    quint64 collect;
    QList<Hit> *hits;
    bool wantFacts; // the vector pass notes the facts (and so reads the text to its end)
    quint64 found = 0;
    Facts facts;

    // The byte at i is NUL, 0xC5 or 0xE2: notes what it starts.
    void note(qsizetype i)
    {
        const uchar c = b[i];
        if (c == 0)
            facts.nul = true;
        else if (c == 0xC5)
            facts.foldsToAscii |= i + 1 < n && b[i + 1] == 0xBF;
        else if (c == 0xE2)
            facts.foldsToAscii |= i + 2 < n && b[i + 1] == 0x84 && b[i + 2] == 0xAA;
    }

    // Compares the candidates (keyword bits) at offset i, in keyword order; records what matches.
    void verify(const QList<QByteArray> &keywords, qsizetype i, quint64 candidates)
    {
        while (candidates) {
            const int bit = std::countr_zero(candidates);
            candidates &= candidates - 1;
            const QByteArray &k = keywords.at(bit);
            if (i < 0 || i + k.size() > n)
                continue;
            qsizetype j = 0;
            while (j < k.size() && kFold[b[i + j]] == uchar(k.at(j)))
                ++j;
            if (j != k.size())
                continue;
            found |= quint64(1) << bit;
            if (collect & (quint64(1) << bit))
                hits->append(Hit {i, int(k.size())});
        }
    }
    // Keywords still worth comparing: those not found yet, and those whose every place is wanted.
    quint64 wanted() const { return ~found | collect; }
};

KeywordSearch::KeywordSearch(const QList<QByteArray> &keywords)
{
    for (const QByteArray &k : keywords)
        if (k.size() >= 2 && m_keywords.size() < kMaxKeywords)
            m_keywords.append(k);
    m_all = m_keywords.size() == 64 ? ~quint64(0) : (quint64(1) << m_keywords.size()) - 1;

    // Portable pass. Every keyword of 3 or more bytes holds, at an even offset of the content, either
    // its first two bytes or its second and third: the pass looks at every other pair of bytes.
    m_stride2 = std::all_of(m_keywords.cbegin(), m_keywords.cend(),
                            [](const QByteArray &k) { return k.size() >= 3; });
    m_pairIndex.assign(65536, 0);
    m_pairMasks.assign(1, {0, 0});
    auto add = [&](uchar a, uchar b, quint64 bit, bool second) {
        quint8 slot = m_pairIndex[(a << 8) | b]; // one slot for all cases (at most 2 x 64 slots)
        if (slot == 0) {
            slot = quint8(m_pairMasks.size());
            m_pairMasks.push_back({0, 0});
            for (uchar x : casesOf(a))
                for (uchar y : casesOf(b))
                    m_pairIndex[(x << 8) | y] = slot;
        }
        (second ? m_pairMasks[slot].second : m_pairMasks[slot].first) |= bit;
    };
    for (qsizetype i = 0; i < m_keywords.size(); ++i) {
        const QByteArray &k = m_keywords.at(i);
        add(uchar(k.at(0)), uchar(k.at(1)), quint64(1) << i, false);
        if (m_stride2)
            add(uchar(k.at(1)), uchar(k.at(2)), quint64(1) << i, true);
    }

    // Vector pass: the first 2 or 3 bytes of each keyword, the keywords shared out over the buckets so
    // that few bytes of ordinary text pass a bucket's tables by chance.
    if (m_keywords.isEmpty())
        return;
    m_fingerprint = m_stride2 ? 3 : 2;
    const std::array<QList<int>, kBuckets> buckets = shareOut(m_keywords, m_fingerprint);
    for (int bucket = 0; bucket < kBuckets; ++bucket)
        for (int index : buckets.at(bucket)) {
            const quint8 bucketBit = quint8(1u << (bucket % 8));
            m_bucketKeywords[bucket] |= quint64(1) << index;
            for (int p = 0; p < m_fingerprint; ++p)
                for (uchar c : casesOf(uchar(m_keywords.at(index).at(p))))
                    for (int lane : {0, 16}) {
                        m_low[bucket / 8][p][lane + (c & 0x0F)] |= bucketBit;
                        m_high[bucket / 8][p][lane + (c >> 4)] |= bucketBit;
                    }
        }
}

bool KeywordSearch::vectorAvailable()
{
#ifdef HARNESS_KEYWORDSEARCH_AVX2
    static const bool available = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") != 0;
    }();
    return available;
#else
    return false;
#endif
}

KeywordSearch::Facts KeywordSearch::factsOf(const char *data, qsizetype size)
{
    Facts facts;
    const char *end = data + size;
    facts.nul = std::memchr(data, 0, size_t(size)) != nullptr;
    for (const char *p = data; (p = static_cast<const char *>(std::memchr(p, 0xC5, size_t(end - p)))); ++p)
        if (p + 1 < end && uchar(p[1]) == 0xBF)
            facts.foldsToAscii = true;
    for (const char *p = data;
         !facts.foldsToAscii && (p = static_cast<const char *>(std::memchr(p, 0xE2, size_t(end - p)))); ++p)
        if (p + 2 < end && uchar(p[1]) == 0x84 && uchar(p[2]) == 0xAA)
            facts.foldsToAscii = true;
    return facts;
}

quint64 KeywordSearch::find(const char *data, qsizetype size, quint64 collect, QList<Hit> *hits, Facts *facts,
                            Pass pass) const
{
    if (!hits)
        collect = 0;
    Scan scan {reinterpret_cast<const uchar *>(data), size, collect, hits, facts != nullptr};
    const bool vector = pass == Pass::Best && vectorAvailable() && !m_keywords.isEmpty() && size >= 2;
    if (facts && !vector)
        *facts = factsOf(data, size);
    if (m_keywords.isEmpty() || size < 2)
        return 0;
    if (!vector)
        return findPortable(scan);
    const quint64 found = findVector(scan);
    if (facts)
        *facts = scan.facts;
    return found;
}

quint64 KeywordSearch::findPortable(Scan &scan) const
{
    const quint8 *index = m_pairIndex.data();
    const qsizetype step = m_stride2 ? 2 : 1;
    for (qsizetype i = 0; i + 1 < scan.n; i += step) {
        const quint8 slot = index[(scan.b[i] << 8) | scan.b[i + 1]];
        if (!slot)
            continue;
        const quint64 want = scan.wanted();
        const auto &[first, second] = m_pairMasks[slot];
        if (second & want)
            scan.verify(m_keywords, i - 1, second & want); // a keyword whose second and third bytes are here
        if (first & want)
            scan.verify(m_keywords, i, first & want);
        if (scan.found == m_all && !scan.collect)
            break;
    }
    return scan.found;
}

#ifdef HARNESS_KEYWORDSEARCH_AVX2

__attribute__((target("avx2"))) quint64 KeywordSearch::findVector(Scan &scan) const
{
    const int f = m_fingerprint;
    __m256i low[2][3], high[2][3];
    for (int set = 0; set < 2; ++set)
        for (int p = 0; p < 3; ++p) {
            low[set][p] = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(m_low[set][p].data()));
            high[set][p] = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(m_high[set][p].data()));
        }
    const __m256i zero = _mm256_setzero_si256();
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    const __m256i c5 = _mm256_set1_epi8(char(0xC5)), e2 = _mm256_set1_epi8(char(0xE2));
    alignas(32) quint8 buckets[2][32];
    // the last positions: their bytes copied into a buffer padded with NUL bytes (a candidate that
    // runs past the end is refused by the comparison, which reads the content itself)
    alignas(32) uchar tail[64] = {};
    const qsizetype n = scan.n;
    for (qsizetype i = 0; i < n; i += 32) {
        const uchar *p = scan.b + i;
        if (i + 32 + f - 1 > n) {
            std::memset(tail, 0, sizeof tail);
            std::memcpy(tail, p, size_t(n - i));
            p = tail;
        }
        __m256i m[2] = {_mm256_set1_epi8(-1), _mm256_set1_epi8(-1)};
        for (int at = 0; at < f; ++at) {
            const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + at));
            if (at == 0 && scan.wantFacts) {
                const __m256i rare =
                        _mm256_or_si256(_mm256_cmpeq_epi8(v, zero),
                                        _mm256_or_si256(_mm256_cmpeq_epi8(v, c5), _mm256_cmpeq_epi8(v, e2)));
                quint32 rareMask = quint32(_mm256_movemask_epi8(rare));
                if (n - i < 32) // the padding's NUL bytes are not the text's
                    rareMask &= (quint32(1) << (n - i)) - 1;
                for (; rareMask; rareMask &= rareMask - 1)
                    scan.note(i + std::countr_zero(rareMask));
            }
            const __m256i lo = _mm256_and_si256(v, nibble);
            const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble);
            for (int set = 0; set < 2; ++set)
                m[set] = _mm256_and_si256(m[set],
                                          _mm256_and_si256(_mm256_shuffle_epi8(low[set][at], lo),
                                                           _mm256_shuffle_epi8(high[set][at], hi)));
        }
        quint32 mask = ~quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(m[0], zero))) |
                ~quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(m[1], zero)));
        if (!mask)
            continue;
        _mm256_store_si256(reinterpret_cast<__m256i *>(buckets[0]), m[0]);
        _mm256_store_si256(reinterpret_cast<__m256i *>(buckets[1]), m[1]);
        while (mask) {
            const int j = std::countr_zero(mask);
            mask &= mask - 1;
            quint64 candidates = 0;
            for (int set = 0; set < 2; ++set)
                for (quint32 bits = buckets[set][j]; bits; bits &= bits - 1)
                    candidates |= m_bucketKeywords[set * 8 + std::countr_zero(bits)];
            candidates &= scan.wanted();
            if (candidates)
                scan.verify(m_keywords, i + j, candidates);
        }
        if (scan.found == m_all && !scan.collect && !scan.wantFacts)
            break;
    }
    return scan.found;
}

#else

quint64 KeywordSearch::findVector(Scan &scan) const
{
    return findPortable(scan);
}

#endif

} // namespace harness
