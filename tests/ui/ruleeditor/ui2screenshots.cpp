// ui2_screenshots: makes a small real repository with a real run (two checkpoints in a worktree), runs the
// real gate pipeline on it, and saves the Diff, Gates and Rules views as PNGs (run under Xvfb):
//   xvfb-run -a -s "-screen 0 1600x1000x24" ui2_screenshots packaging/screenshots
#include "common/repositorysession.h"
#include "diff/diffreviewpanel.h"
#include "diff/diffview.h"
#include "gates/gatespanel.h"
#include "ruleeditor/layercanvas.h"
#include "ruleeditor/ruleeditorpanel.h"
#include "runtime/worktreemanager.h"
#include "verify/gatepipeline.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtConcurrent>

#include <cstdio>

using namespace harness;
using namespace harness::ui;

namespace {

void write(const QString &root, const QString &path, const QByteArray &text)
{
    const QString full = QDir(root).filePath(path);
    QDir().mkpath(QFileInfo(full).absolutePath());
    QFile f(full);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(full));
    f.write(text);
}

QByteArray git(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), args);
    p.waitForFinished(-1);
    if (p.exitCode() != 0)
        qFatal("git %s: %s", qPrintable(args.join(QLatin1Char(' '))), p.readAllStandardError().constData());
    return p.readAllStandardOutput();
}

QByteArray lockFile(int version)
{
    QByteArray out = "{\n  \"name\": \"ledger-web\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n";
    for (int i = 0; i < 120; ++i)
        out += "    \"node_modules/pkg-" + QByteArray::number(i) + "\": {\"version\": \"1." +
                QByteArray::number(i % 7 + version) + ".0\"},\n";
    return out + "    \"\": {}\n  }\n}\n";
}

void save(QWidget &widget, const QString &path)
{
    widget.repaint();
    QCoreApplication::processEvents();
    if (!widget.grab().save(path))
        qFatal("cannot save %s", qPrintable(path));
    std::printf("wrote %s\n", qPrintable(path));
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QDir().mkpath(out);
    QTemporaryDir dir;
    const QString repo = dir.path() + QStringLiteral("/ledger");
    QDir().mkpath(repo);
    git(repo, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
    git(repo, {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Dana Reviewer")});
    git(repo, {QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("dana@example.org")});

    write(repo, QStringLiteral("app/core/money.h"),
          "#pragma once\n#include <cstdint>\n\n// Money in cents, never floating point.\nstruct Money\n{\n"
          "    std::int64_t cents = 0;\n};\n\ninline Money operator+(Money a, Money b) { return {a.cents + "
          "b.cents}; }\n");
    write(repo, QStringLiteral("app/db/ledger.h"),
          "#pragma once\n#include \"../core/money.h\"\n#include <vector>\n\nclass Ledger\n{\npublic:\n"
          "    void post(Money amount);\n    Money balance() const;\n\nprivate:\n    std::vector<Money> "
          "m_entries;\n};\n");
    write(repo, QStringLiteral("app/db/ledger.cpp"),
          "#include \"ledger.h\"\n\n// Posts one entry; the ledger is append-only.\nvoid Ledger::post(Money "
          "amount)\n{\n"
          "    m_entries.push_back(amount);\n}\n\nMoney Ledger::balance() const\n{\n    Money total;\n"
          "    for (const Money &m : m_entries)\n        total = total + m;\n    return total;\n}\n");
    write(repo, QStringLiteral("app/ui/accountview.cpp"),
          "#include \"../core/money.h\"\n#include <string>\n\n// Shows an account's balance.\nstd::string "
          "formatBalance(Money m)\n{\n"
          "    return std::to_string(m.cents / 100) + \".\" + std::to_string(m.cents % 100);\n}\n");
    write(repo, QStringLiteral("app/util/format.cpp"),
          "#include <string>\n\nstd::string pad(const std::string &s, unsigned width)\n{\n    std::string "
          "out = s;\n"
          "    while (out.size() < width)\n        out.insert(out.begin(), ' ');\n    return out;\n}\n");
    write(repo, QStringLiteral("scripts/deploy.sh"), "#!/bin/sh\nset -e\necho \"deploying ledger\"\n");
    write(repo, QStringLiteral("docs/notes.txt"), "Release notes\r\n- first version\r\n");
    write(repo, QStringLiteral("web/package-lock.json"), lockFile(0));
    write(repo, QStringLiteral("assets/logo.png"), QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    RuleSet rules;
    rules.layers.append({QStringLiteral("layer-core"),
                         QStringLiteral("core"),
                         {QStringLiteral("app/core/**")},
                         {},
                         Severity::Error,
                         QStringLiteral("core holds value types only."),
                         {}});
    rules.layers.append({QStringLiteral("layer-db"),
                         QStringLiteral("db"),
                         {QStringLiteral("app/db/**")},
                         {QStringLiteral("core")},
                         Severity::Error,
                         QString(),
                         {}});
    rules.layers.append({QStringLiteral("layer-ui"),
                         QStringLiteral("ui"),
                         {QStringLiteral("app/ui/**")},
                         {QStringLiteral("core")},
                         Severity::Error,
                         QStringLiteral("The UI reads the ledger through a service, never the db layer."),
                         {}});
    rules.layers.append({QStringLiteral("layer-util"),
                         QStringLiteral("util"),
                         {QStringLiteral("app/util/**")},
                         {},
                         Severity::Warning,
                         QString(),
                         {}});
    LimitRule limit;
    limit.id = QStringLiteral("max-file-lines");
    limit.paths = {QStringLiteral("app/**")};
    limit.maxLines = 400;
    limit.message = QStringLiteral("Split files longer than 400 lines.");
    rules.limits.append(limit);
    ForbiddenRule noFloat;
    noFloat.id = QStringLiteral("no-float-money");
    noFloat.paths = {QStringLiteral("app/**")};
    noFloat.pattern = QStringLiteral("\\b(double|float)\\b");
    noFloat.severity = Severity::Warning;
    noFloat.message = QStringLiteral("Money is integer cents; do not use floating point.");
    rules.forbidden.append(noFloat);
    QDir().mkpath(repo + QStringLiteral("/.harness"));
    if (const Status saved = rules.save(repo + QStringLiteral("/.harness/rules.json")); !saved)
        qFatal("ui2_screenshots: %s", qPrintable(saved.errorText()));
    write(repo, QStringLiteral(".harness/gates.json"),
          "{\n  \"version\": 1,\n  \"gates\": [\n"
          "    {\"id\": \"syntax\", \"kind\": \"command\", \"command\": \"g++ -std=c++17 -fsyntax-only -Wall "
          "-Wextra "
          "app/db/ledger.cpp app/ui/accountview.cpp\", \"parser\": \"gcc\", \"stop_on_failure\": false},\n"
          "    {\"id\": \"architecture\", \"kind\": \"rules\", \"scope\": \"tree\", \"stop_on_failure\": "
          "false},\n"
          "    {\"id\": \"secrets\", \"kind\": \"secrets\", \"scope\": \"changed\", \"stop_on_failure\": "
          "false}\n  ]\n}\n");
    git(repo, {QStringLiteral("add"), QStringLiteral("-A")});
    git(repo,
        {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
         QStringLiteral("Ledger: first version")});

    WorktreeManager manager(repo);
    auto run = manager.create(QStringLiteral("T12"), QStringLiteral("R3"), QStringLiteral("main"));
    if (!run)
        qFatal("%s", qPrintable(run.errorText()));
    const QString wt = run->path;
    // Iteration 1: balance history (with two mistakes the gates catch).
    write(wt, QStringLiteral("app/db/ledger.cpp"),
          "#include \"ledger.h\"\n\n// Posts one entry; the ledger is append-only and keeps its history.\n"
          "void Ledger::post(Money amount)\n{\n    m_entries.push_back(amount);\n}\n\nMoney "
          "Ledger::balance() const\n{\n"
          "    Money running;\n    int unused = 0;\n    for (const Money &entry : m_entries)\n        "
          "running = running + entry;\n"
          "    return running;\n}\n");
    write(wt, QStringLiteral("app/ui/accountview.cpp"),
          "#include \"../core/money.h\"\n#include \"../db/ledger.h\"\n#include <string>\n\n// Shows an "
          "account's balance.\n"
          "std::string formatBalance(Money m)\n{\n    const double euros = m.cents / 100.0;\n"
          "    return std::to_string(euros);\n}\n\nstd::string currentBalance(const Ledger &ledger)\n{\n"
          "    return formatBalance(ledger.balance());\n}\n");
    if (!manager.checkpoint(wt, QStringLiteral("Show the current balance")))
        qFatal("ui2_screenshots: checkpoint failed");
    // Iteration 2: move the formatter into core, make the deploy script executable, update the lock file.
    QFile::remove(wt + QStringLiteral("/app/util/format.cpp"));
    write(wt, QStringLiteral("app/core/format.cpp"),
          "#include <string>\n\nstd::string pad(const std::string &s, std::size_t width)\n{\n    std::string "
          "out = s;\n"
          "    while (out.size() < width)\n        out.insert(out.begin(), ' ');\n    return out;\n}\n");
    QFile(wt + QStringLiteral("/scripts/deploy.sh"))
            .setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                            QFile::ReadOther);
    write(wt, QStringLiteral("web/package-lock.json"), lockFile(1));
    write(wt, QStringLiteral("docs/notes.txt"), "Release notes\r\n- first version\r\n- balance history\r\n");
    write(wt, QStringLiteral("assets/logo.png"), QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x20", 20));
    if (!manager.checkpoint(wt, QStringLiteral("Move pad() to core; executable deploy script")))
        qFatal("ui2_screenshots: checkpoint failed");

    // The real gate pipeline on the run's worktree.
    auto config = GateConfig::load(wt + QStringLiteral("/.harness/gates.json"));
    if (!config)
        qFatal("%s", qPrintable(config.errorText()));
    GateContext context;
    context.worktree = wt;
    context.baseRevision = run->baseCommit;
    const QList<GateResult> results =
            QtConcurrent::run([&] { return GatePipeline(config.value()).run(context); }).result();

    // Diff view: side by side, risky files first, a comment on a line.
    DiffReviewPanel diff;
    diff.resize(1500, 860);
    diff.show();
    {
        QSignalSpy loaded(&diff, &DiffReviewPanel::loaded);
        diff.setTarget({repo, wt, run->branch, QStringLiteral("main"), run->baseCommit});
        loaded.wait(60000);
    }
    GatesPanel gates;
    gates.setResults(results, QStringLiteral("R3"));
    diff.setFindingCounts(gates.findingCountsByFile());
    diff.setSideBySide(true);
    diff.showLocation(QStringLiteral("app/db/ledger.cpp"), 11);
    diff.addComment({QStringLiteral("app/db/ledger.cpp"), LineComment::Side::New, 12,
                     QStringLiteral("Remove this unused variable; -Wall reports it."),
                     QStringLiteral("    int unused = 0;")});
    diff.currentView()->verticalScrollBar()->setValue(0);
    diff.showLocation(QStringLiteral("app/db/ledger.cpp"), 11);
    QCoreApplication::processEvents();
    save(diff, out + QStringLiteral("/diff.png"));

    // Gates view: the architecture gate's findings, the layer violation selected.
    gates.resize(1300, 760);
    gates.show();
    for (int r = 0; r < gates.findingsTable()->model()->rowCount(); ++r) {
        if (gates.findingsTable()->model()->index(r, 3).data().toString() == QLatin1String("layer-ui"))
            gates.selectFinding(r);
    }
    save(gates, out + QStringLiteral("/gates.png"));

    // Rule editor: live red arrow for ui → db, a rule made from the floating-point finding, its effect.
    auto store = Store::open(StoreLocation::sqlite(dir.filePath(QStringLiteral("state.sqlite"))));
    if (!store)
        qFatal("store: %s", qPrintable(store.errorText()));
    RepositorySession session(wt, std::shared_ptr<Store>(std::move(store.value())));
    RuleEditorPanel editor;
    editor.resize(1400, 860);
    editor.show();
    editor.setSession(&session);
    {
        QSignalSpy checked(&editor, &RuleEditorPanel::checkFinished);
        checked.wait(60000);
    }
    for (const GateResult &g : results) {
        for (const Finding &f : g.findings) {
            if (f.rule == QLatin1String("layer-ui")) {
                if (auto made =
                            editor.proposeFromFinding(f, QStringLiteral("R3"), NewRuleKind::ForbiddenPattern);
                    !made)
                    qFatal("ui2_screenshots: %s", qPrintable(made.errorText()));
                break;
            }
        }
    }
    {
        QSignalSpy checked(&editor, &RuleEditorPanel::checkFinished);
        checked.wait(60000);
    }
    while (editor.canvas()->isLayingOut())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    save(editor, out + QStringLiteral("/ruleeditor.png"));
    for (const GateResult &g : results)
        std::printf("gate %s: %s, %d finding(s)\n", qPrintable(g.gate), qPrintable(gateStatusName(g.status)),
                    int(g.findings.size()));
    return 0;
}
