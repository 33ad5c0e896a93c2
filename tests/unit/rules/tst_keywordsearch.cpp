// KeywordSearch: the vector pass and the portable pass find exactly the occurrences a comparison at every
// offset finds (keywords in any case, at the start and end of the text, across the 32-byte blocks, among
// non-ASCII and NUL bytes), for keyword sets of every shape the secret scan can give it.
#include "rules/keywordsearch.h"

#include <QRandomGenerator>
#include <QTest>

using namespace harness;

namespace {

using Hits = QList<KeywordSearch::Hit>;

// The reference: every keyword compared at every offset.
quint64 naive(const QList<QByteArray> &keywords, const QByteArray &text, quint64 collect, Hits *hits)
{
    quint64 found = 0;
    for (qsizetype i = 0; i < text.size(); ++i)
        for (qsizetype k = 0; k < keywords.size(); ++k) {
            const QByteArray &w = keywords.at(k);
            if (i + w.size() > text.size())
                continue;
            bool same = true;
            for (qsizetype j = 0; j < w.size() && same; ++j) {
                const char c = text.at(i + j);
                same = (c >= 'A' && c <= 'Z' ? char(c + 32) : c) == w.at(j);
            }
            if (!same)
                continue;
            found |= quint64(1) << k;
            if (collect & (quint64(1) << k))
                hits->append({i, int(w.size())});
        }
    return found;
}

// A keyword as it may appear: each ASCII letter in either case.
QByteArray anyCase(QRandomGenerator &rng, QByteArray word)
{
    for (char &c : word)
        if (c >= 'a' && c <= 'z' && rng.bounded(2))
            c = char(c - 32);
    return word;
}

// Text of filler (letters, punctuation, UTF-8, high bytes) with keywords, their prefixes and near misses
// spread through it, and now and then a NUL byte or a character that (?i) folds to an ASCII letter.
QByteArray text(QRandomGenerator &rng, const QList<QByteArray> &keywords, int length)
{
    static const QList<QByteArray> filler = {"e",  "a", " ",  "\n",   "k", "-",    "_",    "ey",   "to", "ac",
                                             "ke", "ä", "日", "\xFF", "s", "\xC5", "\xE2", "\x84", "gh", "="};
    static const QList<QByteArray> rare = {QByteArray(1, '\0'), "\xC5\xBF", "\xE2\x84\xAA", "\xE2\x84",
                                           "\x84\xAA"};
    QByteArray out;
    while (out.size() < length) {
        const int what = int(rng.bounded(400));
        const QByteArray &k = keywords.at(rng.bounded(int(keywords.size())));
        if (what < 40)
            out += anyCase(rng, k);
        else if (what < 80)
            out += anyCase(rng, k.left(1 + rng.bounded(int(k.size()))));
        else if (what < 82)
            out += rare.at(rng.bounded(int(rare.size())));
        else
            out += filler.at(rng.bounded(int(filler.size())));
    }
    return out.left(length);
}

} // namespace

class tst_KeywordSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesFindWhatEveryOffsetFinds_data()
    {
        QTest::addColumn<QList<QByteArray>>("keywords");
        // the secret scan's own: built-in patterns' keywords and the entropy check's
        QTest::newRow("secret-scan") << QList<QByteArray> {"akia",
                                                           "asia",
                                                           "abia",
                                                           "acca",
                                                           "a3t",
                                                           "aws",
                                                           "ghp_",
                                                           "gho_",
                                                           "ghu_",
                                                           "ghs_",
                                                           "ghr_",
                                                           "github_pat_",
                                                           "glpat-",
                                                           "xoxa-",
                                                           "xoxb-",
                                                           "xoxp-",
                                                           "xoxo-",
                                                           "xoxs-",
                                                           "xoxr-",
                                                           "hooks.slack.com",
                                                           "aiza",
                                                           "sk_live_",
                                                           "sk_test_",
                                                           "rk_live_",
                                                           "rk_test_",
                                                           "sk-ant-",
                                                           "t3blbkfj",
                                                           "npm_",
                                                           "pypi-ageichlwas5vcmc",
                                                           "accountkey=",
                                                           "eyj",
                                                           "-----begin",
                                                           "key",
                                                           "secret",
                                                           "token",
                                                           "passw",
                                                           "credential"};
        QTest::newRow("one") << QList<QByteArray> {"key"};
        QTest::newRow("two-byte") << QList<QByteArray> {"ke", "token", "ey"}; // 2-byte fingerprints
        QTest::newRow("non-ascii") << QList<QByteArray> {"schlüssel", "ключ", "k-y", "__"};
        QList<QByteArray> many;
        for (int i = 0; i < KeywordSearch::kMaxKeywords; ++i)
            many << "k" + QByteArray::number(i * 7919 % 1000) + "x";
        QTest::newRow("sixty-four") << many;
    }
    void passesFindWhatEveryOffsetFinds()
    {
        QFETCH(QList<QByteArray>, keywords);
        const KeywordSearch search(keywords);
        QCOMPARE(search.keywords(), keywords);
        const quint64 all = keywords.size() == 64 ? ~quint64(0) : (quint64(1) << keywords.size()) - 1;
        QRandomGenerator rng(4242);
        int occurrences = 0, nuls = 0, foldings = 0;
        for (int round = 0; round < 700; ++round) {
            // short texts (the tail alone), texts around the block size, and long ones
            const int length = round % 3 == 0 ? int(rng.bounded(40))
                    : round % 3 == 1          ? 28 + int(rng.bounded(72))
                                              : int(rng.bounded(3000));
            const QByteArray content = text(rng, keywords, length);
            const quint64 collect = round % 4 == 0 ? 0 : round % 4 == 1 ? all : rng.generate64() & all;
            Hits expected, best, portable;
            const quint64 found = naive(keywords, content, collect, &expected);
            KeywordSearch::Facts bestFacts, portableFacts;
            const quint64 bestFound = search.find(content, collect, &best, &bestFacts);
            const quint64 portableFound =
                    search.find(content, collect, &portable, &portableFacts, KeywordSearch::Pass::Portable);
            // the facts: a NUL byte, U+017F or U+212A anywhere
            const bool nul = content.contains('\0');
            const bool folds = content.contains("\xC5\xBF") || content.contains("\xE2\x84\xAA");
            QCOMPARE(bestFacts.nul, nul);
            QCOMPARE(portableFacts.nul, nul);
            QCOMPARE(bestFacts.foldsToAscii, folds);
            QCOMPARE(portableFacts.foldsToAscii, folds);
            nuls += nul;
            foldings += folds;
            // without facts asked for, the vector pass may stop once every keyword is found
            if (search.find(content) != found)
                QFAIL(qPrintable(QStringLiteral("round %1: found without facts differs").arg(round)));
            if (bestFound != found || portableFound != found || best != expected || portable != expected)
                QFAIL(qPrintable(QStringLiteral("round %1, text %2: found %3 (best %4, portable %5), %6 "
                                                "hits (best %7, portable %8)")
                                         .arg(round)
                                         .arg(QString::fromLatin1(content.toPercentEncoding()))
                                         .arg(found, 0, 16)
                                         .arg(bestFound, 0, 16)
                                         .arg(portableFound, 0, 16)
                                         .arg(expected.size())
                                         .arg(best.size())
                                         .arg(portable.size())));
            occurrences += int(expected.size());
        }
        QVERIFY2(occurrences > 500, qPrintable(QString::number(occurrences)));
        QVERIFY(nuls > 50 && nuls < 650); // texts with and without each
        QVERIFY(foldings > 50 && foldings < 650);
    }

    // A keyword in the last bytes, across a block boundary, and at every offset of a 100-byte text.
    void everyOffset()
    {
        const KeywordSearch search({"token", "key", "-----begin"});
        for (const QByteArray &word : {QByteArray("ToKeN"), QByteArray("KEY"), QByteArray("-----BEGIN")})
            for (int at = 0; at + word.size() <= 100; ++at) {
                QByteArray content(100, 'x');
                content.replace(at, word.size(), word);
                Hits best, portable;
                const quint64 f = search.find(content, 7, &best);
                QCOMPARE(search.find(content, 7, &portable, nullptr, KeywordSearch::Pass::Portable), f);
                QCOMPARE(std::popcount(f), 1);
                QCOMPARE(best.size(), 1);
                QCOMPARE(best.first().at, qsizetype(at));
                QCOMPARE(best, portable);
                // the text cut just before the keyword ends holds none
                QCOMPARE(search.find(content.left(at + word.size() - 1)), quint64(0));
            }
        // the facts of texts too short to hold a keyword
        for (const QByteArray &tiny : {QByteArray(), QByteArray(1, '\0'), QByteArray("\xC5\xBF")}) {
            KeywordSearch::Facts facts;
            QCOMPARE(search.find(tiny, 0, nullptr, &facts), quint64(0));
            QCOMPARE(facts.nul, tiny.contains('\0'));
            QCOMPARE(facts.foldsToAscii, tiny.size() == 2);
        }
        qInfo("vector pass %s", KeywordSearch::vectorAvailable() ? "used" : "not available here");
    }
};

QTEST_GUILESS_MAIN(tst_KeywordSearch)
#include "tst_keywordsearch.moc"
