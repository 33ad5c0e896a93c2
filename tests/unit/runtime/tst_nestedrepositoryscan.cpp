// NestedRepositoryScan: what counts as a repository of the agent's making inside a worktree, read from
// the file system without following links; registered submodules and tracked bare fixtures pass.
#include "runtime/nestedrepositoryscan.h"
#include "runtimetesthelpers.h"

#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace harness;
using namespace harness::testing;

namespace {

using Setup = std::function<void(const QString &tree, const QString &outside)>;

QStringList describe(const QList<NestedRepository> &found)
{
    QStringList out;
    for (const auto &n : found)
        out << n.path + QLatin1Char(':') + n.found;
    return out;
}

} // namespace

Q_DECLARE_METATYPE(Setup)

class TestNestedRepositoryScan : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_repo, m_tree, m_outside;

    QString path(const QString &rel) const { return m_tmp->filePath(rel); }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        m_repo = path(QStringLiteral("repo"));
        m_outside = path(QStringLiteral("outside"));
        makeRepo(m_repo);
        git(m_repo,
            {QStringLiteral("worktree"), QStringLiteral("add"), QStringLiteral("-q"), QStringLiteral("-b"),
             QStringLiteral("run"), path(QStringLiteral("tree")), QStringLiteral("main")});
        m_tree = QFileInfo(path(QStringLiteral("tree"))).canonicalFilePath();
        QVERIFY(QFileInfo(m_tree + QStringLiteral("/.git")).isFile());
        QDir().mkpath(m_outside);
    }

    void aWorktreeAsMadeHasNone()
    {
        writeFile(m_tree + QStringLiteral("/src/deep/er/file.c"), "int x;\n");
        QVERIFY(NestedRepositoryScan::candidates(m_tree).isEmpty());
        QVERIFY(NestedRepositoryScan::check(m_tree));
        QVERIFY(NestedRepositoryScan::candidates(m_repo).isEmpty()); // a main checkout's .git directory
    }

    void finds_data()
    {
        QTest::addColumn<Setup>("setup");
        QTest::addColumn<QString>("expected");
        QTest::newRow(".git directory") << Setup([](const QString &t, const QString &) {
            git(t, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("vendor/lib")});
        }) << QStringLiteral("vendor/lib:git_directory");
        QTest::newRow(".git file") << Setup([](const QString &t, const QString &o) {
            writeFile(t + QStringLiteral("/vendor/x/.git"), "gitdir: " + o.toUtf8() + "/elsewhere\n");
        }) << QStringLiteral("vendor/x:git_file");
        QTest::newRow(".git symbolic link") << Setup([](const QString &t, const QString &o) {
            QDir().mkpath(t + QStringLiteral("/vendor/y"));
            QFile::link(o, t + QStringLiteral("/vendor/y/.git"));
        }) << QStringLiteral("vendor/y:git_link");
        QTest::newRow(".GIT (case-insensitive file systems)") << Setup([](const QString &t, const QString &) {
            QDir().mkpath(t + QStringLiteral("/a/.GIT"));
        }) << QStringLiteral("a:git_directory");
        QTest::newRow("bare repository") << Setup([](const QString &t, const QString &) {
            git(t,
                {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
                 QStringLiteral("fixtures/evil.git")});
        }) << QStringLiteral("fixtures/evil.git:bare_repository");
        QTest::newRow("bare shape, files only") << Setup([](const QString &t, const QString &) {
            writeFile(t + QStringLiteral("/b/HEAD"), "ref: refs/heads/main\n");
            QDir().mkpath(t + QStringLiteral("/b/objects"));
            QDir().mkpath(t + QStringLiteral("/b/refs"));
        }) << QStringLiteral("b:bare_repository");
        QTest::newRow("root .git points into the tree") << Setup([](const QString &t, const QString &) {
            QFile::remove(t + QStringLiteral("/.git"));
            writeFile(t + QStringLiteral("/.git"), "gitdir: .evil\n");
            QDir().mkpath(t + QStringLiteral("/.evil"));
        }) << QStringLiteral(".:git_pointer");
        QTest::newRow("root .git is a link") << Setup([](const QString &t, const QString &o) {
            QFile::remove(t + QStringLiteral("/.git"));
            QFile::link(o, t + QStringLiteral("/.git"));
        }) << QStringLiteral(".:git_pointer");
    }
    void finds()
    {
        QFETCH(Setup, setup);
        QFETCH(QString, expected);
        setup(m_tree, m_outside);
        const QStringList found = describe(NestedRepositoryScan::violations(m_tree));
        QVERIFY2(found.contains(expected), qPrintable(found.join(QLatin1Char(' '))));
        const Status s = NestedRepositoryScan::check(m_tree);
        QVERIFY(!s);
        QCOMPARE(s.error().field, QString(NestedRepositoryScan::kErrorCode));
        // What, where, and what to do.
        QVERIFY2(s.error().message.contains(expected.section(QLatin1Char(':'), 0, 0)),
                 qPrintable(s.errorText()));
        QVERIFY(s.error().message.contains(QStringLiteral("Delete")));
        QVERIFY(s.error().message.contains(QStringLiteral("submodule")));
    }

    void linksAreNotFollowed()
    {
        git(m_outside, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("other")});
        QFile::link(m_outside, m_tree + QStringLiteral("/outside-link"));
        QFile::link(m_outside + QStringLiteral("/other"), m_tree + QStringLiteral("/other-link"));
        QVERIFY2(NestedRepositoryScan::candidates(m_tree).isEmpty(),
                 qPrintable(describe(NestedRepositoryScan::candidates(m_tree)).join(QLatin1Char(' '))));
    }

    void aTreeTooDeepToInspectIsRefused()
    {
        QString path = m_tree;
        for (int i = 0; i < 300; ++i)
            path += QStringLiteral("/d");
        QVERIFY(QDir().mkpath(path));
        QVERIFY(describe(NestedRepositoryScan::violations(m_tree))
                        .join(QLatin1Char(' '))
                        .contains(QStringLiteral(":too_deep")));
    }

    // A submodule the base commit registers, checked out the way git does it (its .git file points into
    // the repository's own git directory), is the human's: allowed. The same path with a repository the
    // agent made is not.
    void registeredSubmoduleIsAllowed()
    {
        const QString lib = path(QStringLiteral("lib"));
        makeRepo(lib);
        git(m_repo,
            {QStringLiteral("-c"), QStringLiteral("protocol.file.allow=always"), QStringLiteral("submodule"),
             QStringLiteral("add"), QStringLiteral("-q"), lib, QStringLiteral("third_party/lib")});
        git(m_repo, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("lib as a submodule")});
        const QString tree = path(QStringLiteral("tree2"));
        git(m_repo,
            {QStringLiteral("worktree"), QStringLiteral("add"), QStringLiteral("-q"), QStringLiteral("-b"),
             QStringLiteral("run2"), tree, QStringLiteral("main")});
        git(tree,
            {QStringLiteral("-c"), QStringLiteral("protocol.file.allow=always"), QStringLiteral("submodule"),
             QStringLiteral("update"), QStringLiteral("-q"), QStringLiteral("--init")});
        QVERIFY(QFileInfo(tree + QStringLiteral("/third_party/lib/.git")).isFile());
        QCOMPARE(describe(NestedRepositoryScan::candidates(tree)),
                 QStringList {QStringLiteral("third_party/lib:git_file")});
        QVERIFY2(NestedRepositoryScan::check(tree),
                 qPrintable(NestedRepositoryScan::check(tree).errorText()));

        // The agent points the submodule's .git at a directory of its own making.
        writeFile(tree + QStringLiteral("/third_party/lib/.git"), "gitdir: ../../.mine\n");
        git(tree,
            {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
             QStringLiteral(".mine")});
        QVERIFY(describe(NestedRepositoryScan::violations(tree))
                        .contains(QStringLiteral("third_party/lib:git_file")));
        // A repository at a path the base does not register is refused even with a plausible pointer.
        writeFile(tree + QStringLiteral("/third_party/lib/.git"),
                  "gitdir: " +
                          QFileInfo(m_repo + QStringLiteral("/.git/modules/third_party/lib"))
                                  .canonicalFilePath()
                                  .toUtf8() +
                          "\n");
        writeFile(tree + QStringLiteral("/other/.git"),
                  "gitdir: " +
                          QFileInfo(m_repo + QStringLiteral("/.git/modules/third_party/lib"))
                                  .canonicalFilePath()
                                  .toUtf8() +
                          "\n");
        QCOMPARE(describe(NestedRepositoryScan::violations(tree)).filter(QStringLiteral(":git_file")),
                 QStringList {QStringLiteral("other:git_file")});
    }

    // Tools that work on git data keep bare repositories as test fixtures: tracked and unchanged, they
    // pass; changed (the agent adds a config with a command in it), they are refused.
    void trackedBareFixtureIsAllowedUntilChanged()
    {
        writeFile(m_repo + QStringLiteral("/tests/fixtures/repo.git/HEAD"), "ref: refs/heads/main\n");
        writeFile(m_repo + QStringLiteral("/tests/fixtures/repo.git/objects/.keep"), "");
        writeFile(m_repo + QStringLiteral("/tests/fixtures/repo.git/refs/.keep"), "");
        git(m_repo, {QStringLiteral("add"), QStringLiteral("-A")});
        git(m_repo, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("fixture")});
        const QString tree = path(QStringLiteral("tree3"));
        git(m_repo,
            {QStringLiteral("worktree"), QStringLiteral("add"), QStringLiteral("-q"), QStringLiteral("-b"),
             QStringLiteral("run3"), tree, QStringLiteral("main")});
        QCOMPARE(describe(NestedRepositoryScan::candidates(tree)),
                 QStringList {QStringLiteral("tests/fixtures/repo.git:bare_repository")});
        QVERIFY(NestedRepositoryScan::check(tree));
        writeFile(tree + QStringLiteral("/tests/fixtures/repo.git/config"),
                  "[core]\n\tfsmonitor = touch /tmp/harness-pwned\n");
        QVERIFY(!NestedRepositoryScan::check(tree));
    }
};

QTEST_GUILESS_MAIN(TestNestedRepositoryScan)
#include "tst_nestedrepositoryscan.moc"
