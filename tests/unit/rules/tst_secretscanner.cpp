// SecretScanner: built-in cloud/API key and private key patterns, the entropy check, project patterns
// and the allowlist, on files and on the added lines of diffs. The fake keys below are assembled from
// pieces so that this file itself holds no secret-shaped text.
#include "core/diff/diffparser.h"
#include "rules/secretscanner.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace harness;

namespace {

QByteArray join(std::initializer_list<const char *> parts)
{
    QByteArray out;
    for (const char *p : parts)
        out += p;
    return out;
}

QStringList described(const QList<Finding> &findings)
{
    QStringList out;
    for (const Finding &f : findings)
        out << QStringLiteral("%1@%2:%3 %4").arg(f.rule).arg(f.line).arg(f.column).arg(f.message);
    return out;
}

QByteArray randomFrom(QRandomGenerator &rng, const char *alphabet, int length)
{
    const int n = int(qstrlen(alphabet));
    QByteArray out;
    for (int i = 0; i < length; ++i)
        out += alphabet[rng.bounded(n)];
    return out;
}

// Text made of the pieces the entropy check and its windows care about: secret-looking names in any
// case, assignments, quotes, spaces and line breaks, values, and what can trip a byte-wise search
// (non-ASCII, invalid UTF-8, a byte order mark mid-file, characters (?i) folds to ASCII letters).
QByteArray secretSoup(QRandomGenerator &rng)
{
    static const char *names[] = {
            "key",        "KEY",           "Api_Key",    "api-key",      "secret",
            "SECRET",     "client_secret", "token",      "Token",        "passwd",
            "password",   "PassWord",      "credential", "private.key",  "auth_key",
            "access-key", "monkey",        "keyboard",   "xaccess_keyz", "tokens_list_of_many_more_words"};
    static const char *joins[] = {"=",  ":",    ":=",      "=>", " = ", ": ", "\"", "'", " ", "  ", "\t",
                                  "\n", "\r\n", "\n\n   ", ",",  ";",   "(",  ")",  "#", "<", ">"};
    static const char *noise[] = {"hello",
                                  "x",
                                  "ä",
                                  "日本語",
                                  "\xC5\xBF",
                                  "\xE2\x84\xAA",
                                  "\xEF\xBB\xBF",
                                  "\xFF",
                                  "\xC3",
                                  "harness:allow-secret",
                                  "test-fake-secret",
                                  "\n\xEF\xBB\xBFtoken="};
    static const char *spaces[] = {"", " ", "\t", "\n", "\n\n  ", "\r\n", "  \n\t"};
    const char *const valueBytes = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_=.~-";
    auto pick = [&](const auto &list) {
        return QByteArray(list[rng.bounded(int(std::size(list)))]);
    };
    QByteArray out;
    for (int i = 0, n = 1 + int(rng.bounded(60)); i < n; ++i) {
        switch (rng.bounded(5)) {
        case 0:
            out += pick(names);
            break;
        case 1:
            out += pick(joins);
            break;
        case 2:
            out += randomFrom(rng, valueBytes, 8 + int(rng.bounded(33)));
            break;
        case 3: {
            // an assignment, its parts spread over lines: name, rest of the name, quote, spaces, operator,
            // spaces, quote, value
            out += pick(names) + randomFrom(rng, "abc_.-XY9", int(rng.bounded(26))) +
                    (rng.bounded(2) ? pick(joins).left(1) : QByteArray()) + pick(spaces) +
                    pick(std::array {"=", ":", ":=", "=>", "-", ""}) + pick(spaces) +
                    pick(std::array {"'", "\"", ""}) + randomFrom(rng, valueBytes, 10 + int(rng.bounded(30)));
            break;
        }
        default:
            // rarely: a character (?i) folds to an ASCII letter, which makes the scan search the whole file
            out += rng.bounded(20) == 0 ? pick(noise) : QByteArray(noise[rng.bounded(4)]);
        }
    }
    return out;
}

QStringList found(const QList<Finding> &findings)
{
    QStringList out;
    for (const Finding &f : findings)
        out << QStringLiteral("%1@%2").arg(f.rule).arg(f.line);
    return out;
}

} // namespace

class tst_SecretScanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsSecrets_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("aws-key-id") << join({"region = 'eu'\naws_id = '", "AKIA", "Q3EGRXZ7LMNP4TUV", "'\n"})
                                    << QStringList {"aws-access-key-id@2"};
        QTest::newRow("aws-secret") << join({"AWS_SECRET_ACCESS_KEY = \"", "wJalrXUtnFEMI/K7MDENG/bPxRfiCY",
                                             "q8Zt3mN0pL\"\n"})
                                    << QStringList {"aws-secret-access-key@1"};
        QTest::newRow("github") << join({"token: ", "ghp", "_", "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5", "\n"})
                                << QStringList {"github-token@1"};
        QTest::newRow("gitlab") << join({"x\ny\nGL=", "glpat", "-", "Zx8Qp3LmN7vR2tYw9KjH", "\n"})
                                << QStringList {"gitlab-token@3"};
        QTest::newRow("slack") << join({"SLACK=", "xoxb", "-", "2736451-8812736451-AbCdEfGhIjKlMnOp", "\n"})
                               << QStringList {"slack-token@1"};
        QTest::newRow("google") << join({"key=", "AIza", "SyD4x9Qm2Lp7Rt5Vw8Yz1Bc3Ef6Gh0Jk2Mn", "\n"})
                                << QStringList {"google-api-key@1"};
        QTest::newRow("stripe") << join({"STRIPE=", "sk_live", "_", "4eC39HqLyjWDarjtT1zdp7dc", "\n"})
                                << QStringList {"stripe-key@1"};
        QTest::newRow("private-key") << join({"const char *k =\n\"-----BEGIN RSA ",
                                              "PRIVATE KEY-----\\nMIIE...\";\n"})
                                     << QStringList {"private-key@2"};
        QTest::newRow("openssh-key") << join({"-----BEGIN OPENSSH ", "PRIVATE KEY-----\n"})
                                     << QStringList {"private-key@1"};
        QTest::newRow("jwt") << join({"Authorization: Bearer ", "eyJ", "hbGciOiJIUzI1NiJ9.", "eyJ",
                                      "zdWIiOiIxMjM0NTY3ODkwIn0.",
                                      "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U\n"})
                             << QStringList {"jwt@1"};
        QTest::newRow("generic-entropy")
                << join({"config = {\n  'db_password': '", "Xk9#", "vR2tYw9KjH4sDfQ8mZp3Lq", "'\n}\n"})
                << QStringList {}; // '#' ends the token: the 4-char rest is too short
        QTest::newRow("generic-entropy-hit")
                << join({"API_KEY=", "Zx8Qp3LmN7vR2tYw9KjH4sDf", "\n"}) << QStringList {"generic-secret@1"};
        QTest::newRow("generic-json")
                << join({"{\"client_secret\": \"", "q9Vx2Lm8Rt4Yp1Zk7Hw3Jn6Bs5Df", "\"}\n"})
                << QStringList {"generic-secret@1"};
        QTest::newRow("placeholder-low-entropy")
                << QByteArray("API_KEY=xxxxxxxxxxxxxxxxxxxxxxxx\npassword = 'changeme'\n") << QStringList {};
        QTest::newRow("uuid-token-low-entropy")
                << QByteArray("token = \"123e4567-e89b-12d3-a456-426614174000\"\n") << QStringList {};
        QTest::newRow("code-not-secret")
                << QByteArray(
                           "const QString key = m_settings.value(QStringLiteral(\"api_key\")).toString();\n")
                << QStringList {};
        QTest::newRow("inline-allow")
                << join({"API_KEY=", "Zx8Qp3LmN7vR2tYw9KjH4sDf", " # harness:allow-secret\n"})
                << QStringList {};
        QTest::newRow("specific-wins-over-generic")
                << join({"github_token = \"", "ghp", "_", "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5", "\"\n"})
                << QStringList {"github-token@1"};
    }
    void findsSecrets()
    {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, expected);
        const SecretScanner scanner {SecretSettings()};
        const QList<Finding> findings = scanner.scanContent(QStringLiteral("src/config.txt"), content);
        QCOMPARE(found(findings), expected);
        for (const Finding &f : findings) {
            QCOMPARE(f.source, QStringLiteral("secrets"));
            QCOMPARE(f.file, QStringLiteral("src/config.txt"));
            QVERIFY(f.column > 0);
            QVERIFY2(f.message.contains(QStringLiteral("characters)")), qPrintable(f.message)); // redacted
        }
    }

    void reportsNeverContainTheSecret()
    {
        const QByteArray secret = join({"ghp", "_", "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"});
        const QList<Finding> f =
                SecretScanner(SecretSettings()).scanContent(QStringLiteral("a"), "x = " + secret + "\n");
        QCOMPARE(f.size(), 1);
        QVERIFY(!f.first().message.contains(QString::fromLatin1(secret)));
        QVERIFY(!QJsonDocument(f.first().toJson()).toJson().contains(secret));
    }

    void allowlistAndSettings()
    {
        const QByteArray content =
                join({"API_KEY=", "Zx8Qp3LmN7vR2tYw9KjH4sDf", "\nid=", "AKIA", "Q3EGRXZ7LMNP4TUV", "\n"});
        SecretSettings s;
        QCOMPARE(SecretScanner(s).scanContent(QStringLiteral("a.env"), content).size(), 2);
        s.allowPaths = {QStringLiteral("tests/fixtures/**")};
        QVERIFY(SecretScanner(s).scanContent(QStringLiteral("tests/fixtures/a.env"), content).isEmpty());
        s.allowPatterns = {QStringLiteral("^Zx8Q")};
        QCOMPARE(found(SecretScanner(s).scanContent(QStringLiteral("a.env"), content)),
                 QStringList {QStringLiteral("aws-access-key-id@2")});
        s.allowPatterns = {QStringLiteral("fixture-only")}; // matched against the whole line too
        QCOMPARE(found(SecretScanner(s).scanContent(QStringLiteral("a.env"),
                                                    content +
                                                            "k = \"-----BEGIN "
                                                            "PRIVATE KEY----- fixture-only\"\n"))
                         .size(),
                 2);
        s.allowPatterns.clear();
        s.entropy = 0; // entropy check off
        QCOMPARE(found(SecretScanner(s).scanContent(QStringLiteral("a.env"), content)),
                 QStringList {QStringLiteral("aws-access-key-id@2")});
        s.builtin = false;
        QVERIFY(SecretScanner(s).scanContent(QStringLiteral("a.env"), content).isEmpty());
        SecretPattern own;
        own.id = QStringLiteral("acme-token");
        own.pattern = QStringLiteral("acme_([a-z0-9]{12})");
        own.secretGroup = 1;
        own.keywords = {QStringLiteral("ACME_")};
        own.message = QStringLiteral("Read the ACME token from the keychain.");
        s.patterns = {own};
        const QList<Finding> f =
                SecretScanner(s).scanContent(QStringLiteral("a"), "x\nt = acme_k3j9x0q2m8z1\n");
        QCOMPARE(found(f), QStringList {QStringLiteral("acme-token@2")});
        QCOMPARE(f.first().column, 10);
        QVERIFY(f.first().message.startsWith(QStringLiteral("Read the ACME token")));
    }

    void scansOnlyTheLinesADiffAdds()
    {
        const QByteArray key = join({"AKIA", "Q3EGRXZ7LMNP4TUV"});
        auto parsed =
                DiffParser::parse("--- a/deploy/env.sh\n+++ b/deploy/env.sh\n@@ -10,2 +10,2 @@\n-OLD=" + key +
                                  "\n echo\n+NEW=" + key + "\n");
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorText()));
        Diff diff = *parsed;
        // A deleted file is not scanned, whatever lines a model of it holds.
        DiffFile gone;
        gone.oldPath = QStringLiteral("old.sh");
        gone.status = DiffFileStatus::Deleted;
        diff.addFile(gone);
        diff.addHunk(1, 0, 1, 1);
        diff.addLine(DiffLineKind::Added, "NEW=" + key);
        diff.finish();
        const QList<Finding> f = SecretScanner(SecretSettings()).scanDiff(diff);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f.first().file, QStringLiteral("deploy/env.sh"));
        QCOMPARE(f.first().line, 11);
        QCOMPARE(f.first().column, 5);
    }

    // The entropy check searches only the lines around its keywords: it must report exactly what a
    // search of the whole text reports (lines, columns, rules, the order of the duplicate check).
    void windowedScanFindsWhatAWholeScanFinds()
    {
        SecretSettings settings;
        settings.allowPatterns = {QStringLiteral("test-[a-z]*secret")};
        const SecretScanner scanner(settings);
        QRandomGenerator rng(1207);
        int total = 0;
        for (int round = 0; round < 2000; ++round) {
            QByteArray content = secretSoup(rng);
            if (round % 50 == 0) // a large file: sparse keywords far apart, secrets among them
                for (int i = 0; i < 40; ++i)
                    content += QByteArray(3000, 'w') + "\n" + secretSoup(rng);
            SecretScanner::setWindowedScanAllowed(true);
            const QStringList windowed = described(scanner.scanContent(QStringLiteral("f"), content));
            SecretScanner::setWindowedScanAllowed(false);
            const QStringList whole = described(scanner.scanContent(QStringLiteral("f"), content));
            SecretScanner::setWindowedScanAllowed(true);
            if (windowed != whole) // the message is built only for a failure
                QFAIL(qPrintable(
                        QStringLiteral("round %1:\n%2\nwindowed: %3\nwhole: %4")
                                .arg(QString::number(round), QString::fromUtf8(content.toPercentEncoding()),
                                     windowed.join(QLatin1String(" | ")), whole.join(QLatin1String(" | ")))));
            total += int(whole.size());
        }
        QVERIFY2(total > 300, qPrintable(QString::number(total))); // the soup does hold secrets
    }

    void windowedScanCases_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("expected");
        const QByteArray value = "Zx8Qp3LmN7vR2tYw9KjH4sDf";
        QTest::newRow("spans-lines") << "a\ntoken\n\n   =\n  '" + value + "'\n"
                                     << QStringList {"generic-secret@5"};
        QTest::newRow("long-s") << "x\n\xC5\xBF"
                                   "ecret = '" +
                        value + "'\nkey\n"
                                << QStringList {"generic-secret@2"};
        QTest::newRow("kelvin") << "api_\xE2\x84\xAA"
                                   "ey: " +
                        value + "\ntoken\n"
                                << QStringList {"generic-secret@1"};
        QTest::newRow("bom-mid-file") << "line\n\xEF\xBB\xBFpassword=" + value + "\n"
                                      << QStringList {"generic-secret@2"};
        QTest::newRow("far-apart") << QByteArray(100000, 'q') + "\napi_key=" + value + "\n" +
                        QByteArray(100000, 'q') + "\nsecret: " + value +
                        "\n" << QStringList {"generic-secret@2", "generic-secret@4"};
        QTest::newRow("at-the-end") << "API_KEY=" + value << QStringList {"generic-secret@1"};
    }
    void windowedScanCases()
    {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, expected);
        const SecretScanner scanner {SecretSettings()};
        const QList<Finding> windowed = scanner.scanContent(QStringLiteral("f"), content);
        QCOMPARE(found(windowed), expected);
        SecretScanner::setWindowedScanAllowed(false);
        const QList<Finding> whole = scanner.scanContent(QStringLiteral("f"), content);
        SecretScanner::setWindowedScanAllowed(true);
        QCOMPARE(described(windowed), described(whole));
    }

    void entropy()
    {
        QCOMPARE(SecretScanner::shannonEntropy(u"aaaa"), 0.0);
        QCOMPARE(SecretScanner::shannonEntropy(u"abab"), 1.0);
        QCOMPARE(SecretScanner::shannonEntropy(u"abcdefgh"), 3.0);
        QCOMPARE(SecretScanner::shannonEntropy(u""), 0.0);
    }
};

QTEST_GUILESS_MAIN(tst_SecretScanner)
#include "tst_secretscanner.moc"
