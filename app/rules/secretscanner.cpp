// SecretScanner: keyword pre-filter, then the expression, then entropy and allowlist checks.
#include "secretscanner.h"

#include "textwindows.h"

#include <QHash>

#include <QSet>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>

namespace harness {

namespace {

SecretPattern builtin(const char *id, const char *pattern, const char *what, QStringList keywords,
                      double entropy = 0.0, int group = 0)
{
    SecretPattern p;
    p.id = QString::fromLatin1(id);
    p.pattern = QString::fromLatin1(pattern);
    p.keywords = std::move(keywords);
    p.minEntropy = entropy;
    p.secretGroup = group;
    p.message = QStringLiteral(
                        "This looks like %1. Never commit credentials: remove it from the change, rotate it "
                        "if it "
                        "was ever pushed, and read it at run time from the environment or the OS keychain.")
                        .arg(QString::fromLatin1(what));
    p.origin.incident = QStringLiteral("built-in secret pattern");
    return p;
}

const QString kGenericId = QStringLiteral("generic-secret");
// a quoted or bare value of 16+ token characters assigned to a secret-looking name
const QString kGenericPattern = QStringLiteral(
        "(?i)(?:api[_.-]?key|secret|token|passw(?:or)?d|credential|access[_.-]?key|auth[_.-]?key|"
        "private[_.-]?key)"
        "[A-Za-z0-9_.-]{0,20}['\"]?\\s*(?::=|=>|=|:)\\s*['\"]?([A-Za-z0-9+/_=.~-]{16,})");
// A match of kGenericPattern starts at most this many bytes before its keyword ("private-key").
constexpr qsizetype kGenericLead = 8;

std::atomic_bool g_windowed {true};

// Bytes of the generic pattern's parts after its keyword: the rest of the name ([A-Za-z0-9_.-]), and
// what may follow the assignment (quotes, spaces, the value [A-Za-z0-9+/_=.~-], ':' and '>').
constexpr std::array<bool, 256> byteTable(const char *extra, bool alnum)
{
    std::array<bool, 256> t {};
    for (int c = 0; c < 256; ++c)
        t[c] = alnum && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    for (const char *p = extra; *p; ++p)
        t[uchar(*p)] = true;
    return t;
}
constexpr std::array<bool, 256> kNameByte = byteTable("_.-", true);
constexpr std::array<bool, 256> kSpaceByte = byteTable(" \t\n\v\f\r", false);
constexpr std::array<bool, 256> kValueRunByte = byteTable("_.-+/=~:>'\" \t\n\v\f\r", true);
// After its keyword a match takes at most this many name bytes: "or" and "d" of "passw(?:or)?d", then
// [A-Za-z0-9_.-]{0,20}.
constexpr qsizetype kMaxNameBytes = 23;

// The offset of the last byte any attempt of the generic pattern through a keyword ending at `from`
// can look at: the name's rest, an optional quote and spaces, then ':' or '=' (or nothing more); after
// the assignment, the run of value, quote, space and assignment bytes. Keywords inside one such run
// share its end (cached in run, so that a file of "key:key:..." stays linear).
qsizetype genericStop(const QByteArray &content, qsizetype from, std::pair<qsizetype, qsizetype> &run)
{
    const uchar *b = reinterpret_cast<const uchar *>(content.constData());
    const qsizetype n = content.size();
    qsizetype q = from;
    while (q < n && kNameByte[b[q]] && q - from <= kMaxNameBytes)
        ++q;
    if (q >= n || kNameByte[b[q]])
        return q; // the name goes on too long: no attempt lives past it
    if (b[q] == '\'' || b[q] == '"')
        ++q;
    while (q < n && kSpaceByte[b[q]])
        ++q;
    if (q >= n || (b[q] != ':' && b[q] != '='))
        return q;
    if (q >= run.first && q <= run.second)
        return run.second;
    run.first = q;
    while (q < n && kValueRunByte[b[q]])
        ++q;
    run.second = q;
    return q;
}

// Characters outside ASCII that (?i) matches to an ASCII letter: U+017F (long s, C5 BF) and U+212A
// (Kelvin sign, E2 84 AA). The byte-wise keyword search cannot see them, so a file holding one is
// searched whole.
bool hasCaselessAsciiLookalike(const QByteArray &content)
{
    const char *d = content.constData();
    const char *end = d + content.size();
    for (const char *p = d; (p = static_cast<const char *>(std::memchr(p, 0xC5, size_t(end - p)))); ++p)
        if (p + 1 < end && uchar(p[1]) == 0xBF)
            return true;
    for (const char *p = d; (p = static_cast<const char *>(std::memchr(p, 0xE2, size_t(end - p)))); ++p)
        if (p + 2 < end && uchar(p[1]) == 0x84 && uchar(p[2]) == 0xAA)
            return true;
    return false;
}

} // namespace

void SecretScanner::setWindowedScanAllowed(bool allowed)
{
    g_windowed.store(allowed, std::memory_order_relaxed);
}

QList<SecretPattern> SecretScanner::builtinPatterns()
{
    using L = QStringList;
    return {
            builtin("aws-access-key-id", "\\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\\b",
                    "an AWS access key id",
                    L {QStringLiteral("akia"), QStringLiteral("asia"), QStringLiteral("abia"),
                       QStringLiteral("acca"), QStringLiteral("a3t")},
                    3.0, 1),
            builtin("aws-secret-access-key",
                    "(?i)aws.{0,20}?(?:secret|private).{0,20}?['\"]([A-Za-z0-9/+=]{40})['\"]",
                    "an AWS secret access key", L {QStringLiteral("aws")}, 4.0, 1),
            builtin("github-token", "\\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255})\\b", "a GitHub token",
                    L {QStringLiteral("ghp_"), QStringLiteral("gho_"), QStringLiteral("ghu_"),
                       QStringLiteral("ghs_"), QStringLiteral("ghr_")},
                    3.0, 1),
            builtin("github-fine-grained-token", "\\b(github_pat_[A-Za-z0-9_]{82})\\b",
                    "a GitHub fine-grained token", L {QStringLiteral("github_pat_")}, 3.0, 1),
            builtin("gitlab-token", "\\b(glpat-[A-Za-z0-9_-]{20,})\\b", "a GitLab personal access token",
                    L {QStringLiteral("glpat-")}, 3.0, 1),
            builtin("slack-token", "\\b(xox[abposr]-[A-Za-z0-9-]{10,})\\b", "a Slack token",
                    L {QStringLiteral("xoxa-"), QStringLiteral("xoxb-"), QStringLiteral("xoxp-"),
                       QStringLiteral("xoxo-"), QStringLiteral("xoxs-"), QStringLiteral("xoxr-")},
                    3.0, 1),
            builtin("slack-webhook",
                    "(https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9+/]{30,})",
                    "a Slack webhook URL", L {QStringLiteral("hooks.slack.com")}, 0.0, 1),
            builtin("google-api-key", "\\b(AIza[0-9A-Za-z_-]{35})\\b", "a Google API key",
                    L {QStringLiteral("aiza")}, 3.0, 1),
            builtin("stripe-key", "\\b((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,})\\b", "a Stripe secret key",
                    L {QStringLiteral("sk_live_"), QStringLiteral("sk_test_"), QStringLiteral("rk_live_"),
                       QStringLiteral("rk_test_")},
                    3.0, 1),
            builtin("anthropic-api-key", "\\b(sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{80,})",
                    "an Anthropic API key", L {QStringLiteral("sk-ant-")}, 3.5, 1),
            builtin("openai-api-key",
                    "\\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,})",
                    "an OpenAI API key", L {QStringLiteral("t3blbkfj")}, 3.5, 1),
            builtin("npm-token", "\\b(npm_[A-Za-z0-9]{36})\\b", "an npm access token",
                    L {QStringLiteral("npm_")}, 3.0, 1),
            builtin("pypi-token", "(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})", "a PyPI upload token",
                    L {QStringLiteral("pypi-ageichlwas5vcmc")}, 0.0, 1),
            builtin("azure-storage-key", "AccountKey=([A-Za-z0-9+/]{86}==)", "an Azure storage account key",
                    L {QStringLiteral("accountkey=")}, 4.0, 1),
            builtin("jwt", "\\b(eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,})",
                    "a JSON Web Token", L {QStringLiteral("eyj")}, 3.0, 1),
            builtin("private-key", "(-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----)",
                    "a private key", L {QStringLiteral("-----begin")}, 0.0, 1),
    };
}

double SecretScanner::shannonEntropy(QStringView text)
{
    if (text.isEmpty())
        return 0.0;
    QHash<QChar, int> counts;
    for (QChar c : text)
        counts[c]++;
    double h = 0.0;
    const double n = double(text.size());
    for (int c : std::as_const(counts)) {
        const double p = c / n;
        h -= p * std::log2(p);
    }
    return h;
}

SecretScanner::SecretScanner(const SecretSettings &settings)
{
    QList<SecretPattern> patterns;
    if (settings.builtin)
        patterns = builtinPatterns();
    if (settings.entropy > 0) {
        SecretPattern generic;
        generic.id = kGenericId;
        generic.pattern = kGenericPattern;
        generic.secretGroup = 1;
        generic.minEntropy = settings.entropy;
        generic.keywords =
                QStringList {QStringLiteral("key"), QStringLiteral("secret"), QStringLiteral("token"),
                             QStringLiteral("passw"), QStringLiteral("credential")};
        generic.message = QStringLiteral(
                "A high-entropy value is assigned to a secret-looking name. Never commit credentials: read "
                "it at run time from the environment or the OS keychain; if it is not a secret, add "
                "the marker harness:allow-secret to the line.");
        generic.origin.incident = QStringLiteral("built-in entropy check");
        patterns.append(generic);
    }
    patterns += settings.patterns;
    for (const SecretPattern &p : patterns) {
        Compiled c;
        c.pattern = p;
        c.regex = QRegularExpression(p.pattern);
        if (!c.regex.isValid())
            continue; // RuleSet::validate() reports bad project patterns with their location
        c.regex.optimize();
        for (const QString &k : p.keywords) {
            const QByteArray kw = k.toLower().toUtf8();
            qsizetype index = m_keywords.indexOf(kw);
            if (index < 0 && kw.size() >= 2 && m_keywords.size() < 64) {
                index = m_keywords.size();
                m_keywords.append(kw);
            }
            if (index < 0) { // too short or too many keywords for the table: no pre-filter for this pattern
                c.keywordBits = 0;
                break;
            }
            c.keywordBits |= quint64(1) << index;
        }
        // Every match of the entropy check holds one of its keywords (a windowed search relies on it).
        c.windowed = p.id == kGenericId && p.pattern == kGenericPattern && c.keywordBits != 0;
        if (c.windowed)
            m_windowedBits |= c.keywordBits;
        m_patterns.append(c);
    }
    // Every keyword of 3 or more bytes holds, at an even offset of the content, either its first two
    // bytes or its second and third: the pass looks at every other pair of bytes.
    m_stride2 = std::all_of(m_keywords.cbegin(), m_keywords.cend(),
                            [](const QByteArray &k) { return k.size() >= 3; });
    m_pairIndex.assign(65536, 0);
    m_pairMasks.assign(1, {0, 0});
    // the table holds every case of a pair, so that the pass looks bytes up as they are
    const auto cases = [](uchar c) {
        return c >= 'a' && c <= 'z' ? QList<uchar> {c, uchar(c - 32)} : QList<uchar> {c};
    };
    auto add = [&](uchar a, uchar b, quint64 bit, bool second) {
        quint8 slot = m_pairIndex[(a << 8) | b]; // one slot for all cases (at most 2 x 64 slots)
        if (slot == 0) {
            slot = quint8(m_pairMasks.size());
            m_pairMasks.push_back({0, 0});
            for (uchar x : cases(a))
                for (uchar y : cases(b))
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
    m_allowPaths = PathGlob::compile(settings.allowPaths);
    for (const QString &a : settings.allowPatterns) {
        QRegularExpression rx(a);
        if (rx.isValid())
            m_allowPatterns.append(rx);
    }
}

quint64 SecretScanner::keywordsIn(const QByteArray &content, quint64 collect, QList<Hit> *hits) const
{
    static constexpr auto fold = [] {
        std::array<uchar, 256> t {};
        for (int i = 0; i < 256; ++i)
            t[i] = uchar(i >= 'A' && i <= 'Z' ? i + 32 : i);
        return t;
    }();
    const quint64 all = m_keywords.size() == 64 ? ~quint64(0) : (quint64(1) << m_keywords.size()) - 1;
    if (!hits)
        collect = 0;
    quint64 found = 0;
    const uchar *b = reinterpret_cast<const uchar *>(content.constData());
    const quint8 *index = m_pairIndex.data();
    const qsizetype n = content.size();
    // the keywords of `candidates` that start at offset i (their first two bytes are known to match)
    auto verify = [&](qsizetype i, quint64 candidates) {
        while (candidates) {
            const int bit = std::countr_zero(candidates);
            candidates &= candidates - 1;
            const QByteArray &k = m_keywords.at(bit);
            if (i < 0 || i + k.size() > n)
                continue;
            qsizetype j = 0;
            while (j < k.size() && fold[b[i + j]] == uchar(k.at(j)))
                ++j;
            if (j != k.size())
                continue;
            found |= quint64(1) << bit;
            if (collect & (quint64(1) << bit))
                hits->append(Hit {i, int(k.size())});
        }
    };
    const qsizetype step = m_stride2 ? 2 : 1;
    for (qsizetype i = 0; i + 1 < n; i += step) {
        const quint8 slot = index[(b[i] << 8) | b[i + 1]];
        if (!slot)
            continue;
        const quint64 want = ~found | collect;
        const auto &[first, second] = m_pairMasks[slot];
        if (second & want)
            verify(i - 1, second & want); // a keyword whose second and third bytes are here
        if (first & want)
            verify(i, first & want);
        if (found == all && !collect)
            break;
    }
    return found;
}

void SecretScanner::report(const Compiled &c, const QString &text, int firstLine,
                           QSet<QPair<int, QString>> &seen, QList<Finding> &out, const QString &path) const
{
    // line, line start and line end are carried from match to match (they come in order): linear
    // however many matches a long line holds
    int line = firstLine;
    qsizetype counted = 0, lineStart = 0, lineEnd = -1;
    auto it = c.regex.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const int group = c.pattern.secretGroup <= m.lastCapturedIndex() ? c.pattern.secretGroup : 0;
        const QString secret = m.captured(group);
        if (c.pattern.minEntropy > 0 && shannonEntropy(secret) < c.pattern.minEntropy)
            continue;
        const qsizetype at = m.capturedStart(group);
        if (at < 0) { // a secret group that took no part in the match: reported as it always was
            line = firstLine + int(QStringView(text).left(at).count(QLatin1Char('\n')));
            lineStart = 0;
            lineEnd = text.indexOf(QLatin1Char('\n'), at);
            if (lineEnd < 0)
                lineEnd = text.size();
            counted = text.size() + 1; // the next match counts again from the start
        } else {
            if (at < counted) { // a group before the one counted up to: count again from the start
                line = firstLine;
                counted = lineStart = 0;
                lineEnd = -1;
            }
            for (; counted < at; ++counted)
                if (text.at(counted) == QLatin1Char('\n')) {
                    ++line;
                    lineStart = counted + 1;
                }
            if (lineEnd < at) {
                lineEnd = text.indexOf(QLatin1Char('\n'), at);
                if (lineEnd < 0)
                    lineEnd = text.size();
            }
        }
        const QStringView lineText = QStringView(text).mid(lineStart, lineEnd - lineStart);
        if (lineText.contains(QLatin1String(kAllowMarker)))
            continue;
        bool allowed = false;
        for (const auto &a : m_allowPatterns)
            if (a.match(secret).hasMatch() || a.match(m.captured(0)).hasMatch() ||
                a.match(lineText).hasMatch()) {
                allowed = true;
                break;
            }
        if (allowed)
            continue;
        // the same text often matches the generic check too: report the specific rule once
        if (seen.contains({line, secret}))
            continue;
        seen.insert({line, secret});
        Finding f;
        f.file = path;
        f.line = line;
        f.column = int(at - lineStart) + 1;
        f.severity = c.pattern.severity;
        f.rule = c.pattern.id;
        const QString redacted = secret.left(4) + QStringLiteral("…(%1 characters)").arg(secret.size());
        f.message = QStringLiteral("%1 Found: %2").arg(c.pattern.message, redacted);
        f.source = QStringLiteral("secrets");
        out.append(f);
    }
}

QList<Finding> SecretScanner::scanContent(const QString &path, const QByteArray &content) const
{
    QList<Finding> out;
    if (content.isEmpty() || isAllowedPath(path) || content.contains('\0'))
        return out;
    bool windowed = m_windowedBits && g_windowed.load(std::memory_order_relaxed);
    QList<Hit> hits;
    const quint64 keywords = keywordsIn(content, windowed ? m_windowedBits : 0, &hits);
    windowed = windowed && !hits.isEmpty() && !hasCaselessAsciiLookalike(content);
    QString text;
    bool converted = false;
    QSet<QPair<int, QString>> seen;
    for (const Compiled &c : m_patterns) {
        if (c.keywordBits && !(c.keywordBits & keywords))
            continue;
        if (windowed && c.windowed) {
            // every match starts at most kGenericLead bytes before one of its keywords and looks no
            // further than genericStop: search only the lines around them
            QList<qsizetype> starts;
            starts.reserve(hits.size());
            for (const Hit &h : std::as_const(hits))
                starts.append(h.at);
            std::pair<qsizetype, qsizetype> run {-1, -1};
            const auto stopOf = [&](qsizetype i) {
                return genericStop(content, hits.at(i).at + hits.at(i).length, run);
            };
            for (const TextWindow &w : TextWindows::build(content, starts, kGenericLead, stopOf))
                report(c, TextWindows::decode(content, w), w.firstLine, seen, out, path);
            continue;
        }
        if (!converted) {
            text = QString::fromUtf8(content);
            converted = true;
        }
        report(c, text, 1, seen, out, path);
    }
    std::sort(out.begin(), out.end(), [](const Finding &a, const Finding &b) {
        return std::tie(a.line, a.column, a.rule) < std::tie(b.line, b.column, b.rule);
    });
    return out;
}

QList<Finding> SecretScanner::scanDiff(const Diff &diff) const
{
    QList<Finding> out;
    for (const DiffFile &file : diff.files) {
        if (file.binary || file.isDeleted() || isAllowedPath(file.path()))
            continue;
        QByteArray content;
        QList<int> lineNumbers;
        for (const DiffLine &l : diff.linesOf(file)) {
            if (l.kind != DiffLineKind::Added)
                continue;
            content += diff.lineBytes(l);
            content += '\n';
            lineNumbers.append(int(l.newLine));
        }
        for (Finding f : scanContent(file.path(), content)) {
            f.line = lineNumbers.value(f.line - 1, f.line);
            out.append(f);
        }
    }
    return out;
}

} // namespace harness
