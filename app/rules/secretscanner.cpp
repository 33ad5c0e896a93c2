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
    QList<QByteArray> keywords;
    for (const SecretPattern &p : patterns) {
        Compiled c;
        c.pattern = p;
        c.regex = QRegularExpression(p.pattern);
        if (!c.regex.isValid())
            continue; // RuleSet::validate() reports bad project patterns with their location
        c.regex.optimize();
        for (const QString &k : p.keywords) {
            const QByteArray kw = k.toLower().toUtf8();
            qsizetype index = keywords.indexOf(kw);
            if (index < 0 && kw.size() >= 2 && keywords.size() < KeywordSearch::kMaxKeywords) {
                index = keywords.size();
                keywords.append(kw);
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
    m_keywords = KeywordSearch(keywords);
    m_allowPaths = PathGlob::compile(settings.allowPaths);
    for (const QString &a : settings.allowPatterns) {
        QRegularExpression rx(a);
        if (rx.isValid())
            m_allowPatterns.append(rx);
    }
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
    if (content.isEmpty() || isAllowedPath(path))
        return out;
    bool windowed = m_windowedBits && g_windowed.load(std::memory_order_relaxed);
    QList<KeywordSearch::Hit> hits;
    // one pass finds the keywords and tells a binary file (a NUL byte anywhere: never scanned) and a
    // character the keyword search cannot see (then the entropy check searches the whole text)
    KeywordSearch::Facts facts;
    const quint64 keywords = m_keywords.find(content, windowed ? m_windowedBits : 0, &hits, &facts);
    if (facts.nul)
        return out;
    windowed = windowed && !hits.isEmpty() && !facts.foldsToAscii;
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
            for (const KeywordSearch::Hit &h : std::as_const(hits))
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
