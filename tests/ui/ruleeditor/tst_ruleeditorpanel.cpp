// Tests the rule editor as a person uses it, on a real repository and the real rule engine: live red
// arrows, drag to allow and Delete to forbid, table edits with inline validation, undo and redo of every
// operation, the effect shown before saving, stable saving and reloading, and "make this a rule".
#include "ui/diff/repofixture.h"

#include "common/repositorysession.h"
#include "gates/gatespanel.h"
#include "ruleeditor/layercanvas.h"
#include "ruleeditor/newruledialog.h"
#include "ruleeditor/ruleeditorpanel.h"
#include "rules/ruleengine.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

using namespace harness;
using namespace harness::ui;

namespace {

// A repository opened in the workbench: a session over a store of its own, in a scratch folder.
struct Opened
{
    explicit Opened(const QString &root)
    {
        auto opened = Store::open(StoreLocation::sqlite(state.filePath(QStringLiteral("state.sqlite"))));
        if (!opened)
            qFatal("store: %s", qPrintable(opened.errorText()));
        store = std::shared_ptr<Store>(std::move(opened.value()));
        session = std::make_unique<RepositorySession>(root, store);
        session->setPollInterval(0);
    }
    QTemporaryDir state;
    std::shared_ptr<Store> store;
    std::unique_ptr<RepositorySession> session;
};

// Shows the session in the panel and waits until its boxes are laid out.
bool show(RuleEditorPanel &panel, Opened &opened)
{
    panel.setSession(opened.session.get());
    if (!panel.canvas())
        return false;
    QElapsedTimer timer;
    timer.start();
    while (panel.canvas()->isLayingOut() && timer.elapsed() < 20000)
        QTest::qWait(10);
    return !panel.canvas()->isLayingOut();
}

bool saveAndWait(RuleEditorPanel &panel)
{
    QSignalSpy saved(&panel, &RuleEditorPanel::saved);
    QSignalSpy failed(&panel, &RuleEditorPanel::saveFailed);
    if (!panel.save().ok())
        return false;
    QElapsedTimer timer;
    timer.start();
    while (saved.count() + failed.count() == 0 && timer.elapsed() < 20000)
        QTest::qWait(10);
    return saved.count() == 1;
}

// Clicks an "Add …" button and fills the dialog it opens; returns whether OK could be pressed.
bool addThroughDialog(RuleEditorPanel &panel, const QString &button, const QString &name,
                      const QString &message, const QString &pattern = {})
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // dialogs closed before
    QTest::mouseClick(panel.findChild<QPushButton *>(button), Qt::LeftButton);
    NewRuleDialog *dialog = nullptr;
    for (NewRuleDialog *d : panel.findChildren<NewRuleDialog *>())
        if (d->isVisible())
            dialog = d;
    if (!dialog)
        return false;
    dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(name);
    if (auto *p = dialog->findChild<QLineEdit *>(QStringLiteral("patternEdit")))
        p->setText(pattern);
    dialog->findChild<QPlainTextEdit *>(QStringLiteral("messageEdit"))->setPlainText(message);
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    if (!ok->isEnabled()) {
        dialog->reject();
        return false;
    }
    QTest::mouseClick(ok, Qt::LeftButton);
    QCoreApplication::processEvents();
    return true;
}

// ui includes db although only core is allowed for it: one forbidden dependency.
void makeProject(RepoFixture &repo)
{
    repo.write(QStringLiteral("app/core/value.h"), "#pragma once\nstruct Value { int v; };\n");
    repo.write(QStringLiteral("app/db/store.h"),
               "#pragma once\n#include \"../core/value.h\"\nstruct Store { Value v; };\n");
    repo.write(QStringLiteral("app/ui/view.cpp"),
               "#include \"../core/value.h\"\n#include \"../db/store.h\"\nint show() {\n    return 1;\n}\n");
    RuleSet rules;
    rules.layers.append({QStringLiteral("layer-core"),
                         QStringLiteral("core"),
                         {QStringLiteral("app/core/**")},
                         {},
                         Severity::Error,
                         QString(),
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
                         QStringLiteral("Use a service."),
                         {}});
    LimitRule limit;
    limit.id = QStringLiteral("max-lines");
    limit.paths = {QStringLiteral("app/**")};
    limit.maxLines = 400;
    limit.message = QStringLiteral("Split long files.");
    rules.limits.append(limit);
    ForbiddenRule forbidden;
    forbidden.id = QStringLiteral("no-todo");
    forbidden.paths = {QStringLiteral("app/**")};
    forbidden.pattern = QStringLiteral("TODO");
    forbidden.message = QStringLiteral("Finish the work.");
    rules.forbidden.append(forbidden);
    QDir().mkpath(repo.filePath(QStringLiteral(".harness")));
    QVERIFY(rules.save(repo.filePath(QStringLiteral(".harness/rules.json"))).ok());
    repo.commitAll(QStringLiteral("project"));
}

bool waitForCheck(RuleEditorPanel &panel)
{
    QSignalSpy spy(&panel, &RuleEditorPanel::checkFinished);
    return spy.wait(20000);
}

bool hasViolation(const LayerCanvas *canvas, const QString &from, const QString &to, int count)
{
    for (const LayerCanvas::Arrow &a : canvas->violations()) {
        if (a.from == from && a.to == to && a.count == count)
            return true;
    }
    return false;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestRuleEditorPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsLayersAndLiveViolations()
    {
        RepoFixture repo;
        makeProject(repo);
        RuleEditorPanel panel;
        Opened opened(repo.path());
        QVERIFY(show(panel, opened));
        QVERIFY(waitForCheck(panel));
        QCOMPARE(panel.model(RuleTableModel::Kind::Layers)->rowCount(), 3);
        QVERIFY(hasViolation(panel.canvas(), QStringLiteral("ui"), QStringLiteral("db"), 1));
        bool allowedShown = false;
        for (const LayerCanvas::Arrow &a : panel.canvas()->arrows())
            allowedShown |= a.from == QLatin1String("db") && a.to == QLatin1String("core") && a.allowed &&
                    a.count == 1;
        QVERIFY(allowedShown);
    }

    void dragAllowsDeleteForbidsWithUndoRedo()
    {
        RepoFixture repo;
        makeProject(repo);
        RuleEditorPanel panel;
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        Opened opened(repo.path());
        QVERIFY(show(panel, opened));
        QVERIFY(waitForCheck(panel));
        LayerCanvas *canvas = panel.canvas();

        // Drag from ui's handle onto db: ui may now depend on db, and the red arrow goes away.
        QTest::mousePress(canvas->viewport(), Qt::LeftButton, {},
                          canvas->handlePosition(QStringLiteral("ui")));
        QTest::mouseRelease(canvas->viewport(), Qt::LeftButton, {},
                            canvas->layerCenter(QStringLiteral("db")));
        QVERIFY(panel.document()
                        ->rules()
                        .layerByName(QStringLiteral("ui"))
                        ->allow.contains(QStringLiteral("db")));
        QVERIFY(waitForCheck(panel));
        QVERIFY(canvas->violations().isEmpty());

        QUndoStack *undo = panel.document()->undoStack();
        undo->undo();
        QVERIFY(!panel.document()
                         ->rules()
                         .layerByName(QStringLiteral("ui"))
                         ->allow.contains(QStringLiteral("db")));
        QVERIFY(waitForCheck(panel));
        QVERIFY(hasViolation(canvas, QStringLiteral("ui"), QStringLiteral("db"), 1));
        undo->redo();
        QVERIFY(panel.document()
                        ->rules()
                        .layerByName(QStringLiteral("ui"))
                        ->allow.contains(QStringLiteral("db")));

        // Select the db → core arrow and press Delete: forbidden, and the tree's use of it turns red.
        QVERIFY(canvas->selectArrow(QStringLiteral("db"), QStringLiteral("core")));
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_Delete);
        QVERIFY(panel.document()->rules().layerByName(QStringLiteral("db"))->allow.isEmpty());
        QVERIFY(waitForCheck(panel));
        QVERIFY(hasViolation(canvas, QStringLiteral("db"), QStringLiteral("core"), 1));
        QTest::keyClick(&panel, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(panel.document()->rules().layerByName(QStringLiteral("db"))->allow,
                 QStringList {QStringLiteral("core")});
        panel.findChild<QAction *>(QStringLiteral("redoAction"))->trigger();
        QVERIFY(panel.document()->rules().layerByName(QStringLiteral("db"))->allow.isEmpty());
    }

    void tableEditsValidateInlineAndUndo()
    {
        RepoFixture repo;
        makeProject(repo);
        RuleEditorPanel panel;
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        Opened opened(repo.path());
        QVERIFY(show(panel, opened));
        RuleTableModel *limits = panel.model(RuleTableModel::Kind::Limits);
        QTableView *view = panel.table(RuleTableModel::Kind::Limits);
        panel.tabs()->setCurrentIndex(1);
        const QModelIndex maxLines =
                limits->index(0, int(limits->keys().indexOf(QStringLiteral("max_lines"))));

        // Typing into the cell: a word is refused with a message, a number is taken.
        view->setCurrentIndex(maxLines);
        view->edit(maxLines);
        auto *editor = view->findChild<QLineEdit *>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("many"));
        QTest::keyClick(editor, Qt::Key_Return); // the delegate commits on the next event loop turn
        QTRY_VERIFY(panel.messageText().contains(QStringLiteral("positive whole number")));
        QCOMPARE(panel.document()->rules().limits[0].maxLines, 400);
        QVERIFY(limits->setData(maxLines, QStringLiteral("120")));
        QCOMPARE(panel.document()->rules().limits[0].maxLines, 120);

        // A bad regular expression is refused; a duplicate id is taken but shown in red and blocks saving.
        RuleTableModel *forbidden = panel.model(RuleTableModel::Kind::Forbidden);
        QVERIFY(!forbidden->setData(forbidden->index(0, 3), QStringLiteral("([")));
        QVERIFY(forbidden->lastError().contains(QStringLiteral("regular expression")));
        QVERIFY(forbidden->setData(forbidden->index(0, 0), QStringLiteral("max-lines")));
        QVERIFY(!panel.document()->validation().ok());
        QCOMPARE(forbidden->index(0, 0).data(Qt::BackgroundRole).value<QColor>(), QColor(0xff, 0xd7, 0xd5));
        QVERIFY(!panel.save().ok());
        QVERIFY(panel.messageText().contains(QStringLiteral("used twice")));
        panel.document()->undoStack()->undo();
        QVERIFY(panel.document()->validation().ok());
        QCOMPARE(panel.document()->rules().forbidden[0].id, QStringLiteral("no-todo"));

        // Add and remove rows, each undoable.
        QVERIFY(addThroughDialog(panel, QStringLiteral("secretsAdd"), QStringLiteral("internal token"),
                                 QStringLiteral("Read tokens from the keychain."),
                                 QStringLiteral("internal_token_[A-Za-z0-9]{24}")));
        QCOMPARE(panel.document()->rules().secrets.patterns.size(), 1);
        QCOMPARE(panel.document()->rules().secrets.patterns[0].id, QStringLiteral("internal-token"));
        RuleTableModel *secrets = panel.model(RuleTableModel::Kind::Secrets);
        QVERIFY(!secrets->setData(secrets->index(0, 3), QStringLiteral("12"))); // entropy above 8 bits
        QVERIFY(secrets->setData(secrets->index(0, 3), QStringLiteral("3.5")));
        QCOMPARE(panel.document()->rules().secrets.patterns[0].minEntropy, 3.5);
        QVERIFY(limits->removeRule(0));
        QVERIFY(panel.document()->rules().limits.isEmpty());
        QUndoStack *undo = panel.document()->undoStack();
        undo->undo();
        QCOMPARE(panel.document()->rules().limits.size(), 1);
        undo->undo(); // entropy
        undo->undo(); // the added secret pattern
        QVERIFY(panel.document()->rules().secrets.patterns.isEmpty());
        undo->undo(); // max_lines back to 400
        QCOMPARE(panel.document()->rules().limits[0].maxLines, 400);
        QVERIFY(!panel.document()->isModified());
        undo->redo();
        QCOMPARE(panel.document()->rules().limits[0].maxLines, 120);

        // Renaming a layer keeps the directions that named it.
        RuleTableModel *layers = panel.model(RuleTableModel::Kind::Layers);
        QVERIFY(layers->setData(layers->index(0, 1), QStringLiteral("domain")));
        QCOMPARE(panel.document()->rules().layerByName(QStringLiteral("ui"))->allow,
                 QStringList {QStringLiteral("domain")});
    }

    void layerOperationsUndoAndRedo()
    {
        RepoFixture repo;
        makeProject(repo);
        RuleEditorPanel panel;
        panel.show();
        Opened opened(repo.path());
        QVERIFY(show(panel, opened));
        RuleTableModel *layers = panel.model(RuleTableModel::Kind::Layers);
        QUndoStack *undo = panel.document()->undoStack();
        const RuleSet original = panel.document()->rules();

        QVERIFY(addThroughDialog(panel, QStringLiteral("layersAdd"), QStringLiteral("api"),
                                 QStringLiteral("api uses core only.")));
        QCOMPARE(panel.document()->rules().layers.size(), 4);
        const QString added = panel.document()->rules().layers.last().name;
        QTRY_VERIFY(!panel.canvas()->isLayingOut());
        QVERIFY(!panel.canvas()->layerCenter(added).isNull()); // a new box on the canvas
        // Allow through the table: unknown names are refused, known ones taken.
        const int allowColumn = int(layers->keys().indexOf(QStringLiteral("allow")));
        QVERIFY(!layers->setData(layers->index(3, allowColumn), QStringLiteral("nowhere")));
        QVERIFY(layers->lastError().contains(QStringLiteral("no layer named")));
        QVERIFY(layers->setData(layers->index(3, allowColumn), QStringLiteral("core, db")));
        QCOMPARE(panel.document()->rules().layers.last().allow,
                 (QStringList {QStringLiteral("core"), QStringLiteral("db")}));
        QVERIFY(layers->setData(layers->index(3, int(layers->keys().indexOf(QStringLiteral("paths")))),
                                QStringLiteral("app/api/**")));
        // Removing db also removes the directions that named it.
        QVERIFY(layers->removeRule(1));
        QCOMPARE(panel.document()->rules().layers.last().allow, QStringList {QStringLiteral("core")});

        QCOMPARE(undo->count(), 4);
        while (undo->canUndo())
            undo->undo();
        QCOMPARE(panel.document()->rules(), original);
        QVERIFY(!panel.document()->isModified());
        while (undo->canRedo())
            undo->redo();
        QCOMPARE(panel.document()->rules().layers.size(), 3);
        QCOMPARE(panel.document()->rules().layers.last().paths, QStringList {QStringLiteral("app/api/**")});
        QVERIFY(panel.document()->isModified());
    }

    void generalSettingsValidateAndUndo()
    {
        RepoFixture repo;
        makeProject(repo);
        RuleEditorPanel panel;
        panel.show();
        Opened opened(repo.path());
        QVERIFY(show(panel, opened));
        auto *exclude = panel.findChild<QLineEdit *>(QStringLiteral("excludeEdit"));
        QVERIFY(exclude);
        exclude->setText(QStringLiteral("app/generated/**"));
        Q_EMIT exclude->editingFinished();
        QCOMPARE(panel.document()->rules().exclude, QStringList {QStringLiteral("app/generated/**")});
        auto *patterns = panel.findChild<QLineEdit *>(QStringLiteral("allowPatternsEdit"));
        patterns->setText(QStringLiteral("(unclosed"));
        Q_EMIT patterns->editingFinished();
        QVERIFY(panel.document()->rules().secrets.allowPatterns.isEmpty());
        QVERIFY(panel.messageText().contains(QStringLiteral("allowed matches")));
        QCOMPARE(patterns->text(), QString()); // the form shows the rules as they are
        panel.findChild<QCheckBox *>(QStringLiteral("builtinSecretsCheck"))->setChecked(false);
        QVERIFY(!panel.document()->rules().secrets.builtin);
        panel.document()->undoStack()->undo();
        QVERIFY(panel.document()->rules().secrets.builtin);
        QVERIFY(panel.findChild<QCheckBox *>(QStringLiteral("builtinSecretsCheck"))->isChecked());
        panel.document()->undoStack()->undo();
        QVERIFY(panel.document()->rules().exclude.isEmpty());
        QVERIFY(exclude->text().isEmpty());
    }

    void showsTheEffectBeforeSavingThenSavesStably()
    {
        RepoFixture repo;
        makeProject(repo);
        RuleEditorPanel panel;
        Opened opened(repo.path());
        QVERIFY(show(panel, opened));
        QVERIFY(waitForCheck(panel));
        QVERIFY(panel.pendingEffect().isEmpty());
        RuleTableModel *limits = panel.model(RuleTableModel::Kind::Limits);
        QVERIFY(limits->setData(limits->index(0, 3), QStringLiteral("3")));
        QVERIFY(waitForCheck(panel));
        const QStringList effect = panel.pendingEffect();
        QCOMPARE(effect.size(), 1); // only view.cpp has more than 3 lines
        QVERIFY(effect.first().startsWith(QStringLiteral("app/ui/view.cpp")));
        QVERIFY(effect.first().contains(QStringLiteral("max-lines")));

        QVERIFY(saveAndWait(panel));
        const QString file = repo.filePath(QStringLiteral(".harness/rules.json"));
        // Stable formatting: the file diffs as the one value that changed.
        const QString diff =
                QString::fromUtf8(repo.git({QStringLiteral("diff"), QStringLiteral("-U0"),
                                            QStringLiteral("--"), QStringLiteral(".harness/rules.json")}));
        QStringList changed;
        for (const QString &line : diff.split(QLatin1Char('\n'))) {
            if ((line.startsWith(QLatin1Char('+')) || line.startsWith(QLatin1Char('-'))) &&
                !line.startsWith(QLatin1String("+++")) && !line.startsWith(QLatin1String("---")))
                changed << line;
        }
        QCOMPARE(changed.size(), 2);
        QVERIFY(changed[0].contains(QStringLiteral("400")));
        QVERIFY(changed[1].contains(QStringLiteral("3")));
        QCOMPARE(readFile(file), panel.document()->rules().toJsonText());

        // Reload in a new editor: the same rules, nothing modified.
        RuleEditorPanel other;
        Opened again(repo.path());
        QVERIFY(show(other, again));
        QCOMPARE(other.document()->rules(), panel.document()->rules());
        QVERIFY(!other.document()->isModified());
        QCOMPARE(other.document()->rules().limits[0].maxLines, 3);
    }

    void makeThisARuleFromTheGatesView()
    {
        RepoFixture repo;
        makeProject(repo);
        repo.write(QStringLiteral("app/db/query.cpp"),
                   "// TODO: escape the input\nint query() { return 0; }\n");
        RuleEditorPanel editor;
        Opened opened(repo.path());
        QVERIFY(show(editor, opened));
        auto findings = RuleEngine::check(repo.path(), editor.document()->rules());
        QVERIFY(findings.ok());
        GateResult gate;
        gate.gate = QStringLiteral("architecture");
        gate.status = GateStatus::Failed;
        gate.findings = findings.value();
        GatesPanel gates;
        gates.setResults({gate}, QStringLiteral("R9"));
        connect(&gates, &GatesPanel::makeRuleRequested, &editor,
                [&editor](const Finding &f, const QString &runId) {
                    (void)editor.proposeFromFinding(f, runId);
                });
        // The layer violation, made into a rule: a forbidden include for the ui layer.
        QAbstractItemModel *table = gates.findingsTable()->model();
        for (int r = 0; r < table->rowCount(); ++r) {
            if (table->index(r, 3).data().toString() == QLatin1String("layer-ui"))
                gates.selectFinding(r);
        }
        QCOMPARE(gates.currentFinding()->rule, QStringLiteral("layer-ui"));
        QTest::mouseClick(gates.findChild<QPushButton *>(QStringLiteral("makeRuleButton")), Qt::LeftButton);
        const RuleSet &rules = editor.document()->rules();
        QVERIFY2(editor.messageText().startsWith(QStringLiteral("New rule")),
                 qPrintable(editor.messageText()));
        QCOMPARE(editor.document()->undoStack()->count(), 1);
        bool found = false;
        for (const ForbiddenRule &f : rules.forbidden)
            found |= f.origin.run == QLatin1String("R9") &&
                    f.origin.finding.value(QStringLiteral("rule")).toString() == QLatin1String("layer-ui");
        for (const Layer &l : rules.layers)
            found |= l.origin.run == QLatin1String("R9");
        QVERIFY(found);
        QVERIFY(editor.document()->isModified());
    }

    void makeARuleFromAFinding()
    {
        RepoFixture repo;
        makeProject(repo);
        repo.write(QStringLiteral("app/ui/debug.cpp"),
                   "#include <cstdio>\nvoid dump() { std::printf(\"state\\n\"); }\n");
        Finding finding;
        finding.file = QStringLiteral("app/ui/debug.cpp");
        finding.line = 2;
        finding.rule = QStringLiteral("review");
        finding.message = QStringLiteral("printf debugging left in the UI");
        finding.source = QStringLiteral("review");
        RuleEditorPanel panel;
        Opened opened(repo.path());
        QVERIFY(show(panel, opened));
        const auto id = panel.proposeFromFinding(finding, QStringLiteral("R42"));
        QVERIFY2(id.ok(), qPrintable(id.errorText()));
        const RuleSet &rules = panel.document()->rules();
        QCOMPARE(rules.forbidden.size(), 2);
        const ForbiddenRule &made = rules.forbidden.last();
        QCOMPARE(made.id, id.value());
        QCOMPARE(made.origin.run, QStringLiteral("R42"));
        QCOMPARE(made.origin.finding.value(QStringLiteral("file")).toString(), finding.file);
        QCOMPARE(panel.tabs()->currentIndex(), 2);
        QCOMPARE(panel.table(RuleTableModel::Kind::Forbidden)->currentIndex().row(), 1);
        // The new rule catches the line it was made from.
        auto findings = RuleEngine::check(repo.path(), rules);
        QVERIFY(findings.ok());
        bool caught = false;
        for (const Finding &f : findings.value())
            caught |= f.rule == made.id && f.file == finding.file && f.line == 2;
        QVERIFY(caught);
        panel.document()->undoStack()->undo();
        QCOMPARE(panel.document()->rules().forbidden.size(), 1);
    }

    // Bug: open X, visit Rules, open Y whose rules.json is invalid — the tab kept X's layers, undo history
    // and an enabled Save, and Save wrote X's rules into Y.
    // A session destroyed while the panel shows it takes its document along: the editor built on that
    // document goes first (its tables read the document when they are hidden; AddressSanitizer saw it).
    void aClosedSessionLeavesTheEditorEmpty()
    {
        RepoFixture repo;
        makeProject(repo);
        RuleEditorPanel panel;
        panel.resize(1200, 800);
        panel.show();
        auto opened = std::make_unique<Opened>(repo.path());
        QVERIFY(show(panel, *opened));
        QVERIFY(panel.canvas());
        opened.reset();
        QVERIFY(!panel.document());
        QVERIFY(!panel.canvas());
        QVERIFY(!panel.saveAction());
        panel.hide();
    }

    void anotherRepositoryShowsItsOwnRulesNeverTheLastOnes()
    {
        RepoFixture x, y;
        makeProject(x);
        y.write(QStringLiteral(".harness/rules.json"), "{ \"version\": 1, \"layers\": [ }\n");
        const QByteArray yBefore = readFile(y.filePath(QStringLiteral(".harness/rules.json")));
        const QByteArray xBefore = readFile(x.filePath(QStringLiteral(".harness/rules.json")));
        RuleEditorPanel panel;
        panel.resize(1200, 800);
        panel.show();
        Opened openX(x.path());
        QVERIFY(show(panel, openX));
        RuleTableModel *limits = panel.model(RuleTableModel::Kind::Limits);
        QVERIFY(limits->setData(limits->index(0, 3), QStringLiteral("120")));
        QCOMPARE(panel.document()->undoStack()->count(), 1);
        QVERIFY(panel.saveAction()->isEnabled());

        Opened openY(y.path());
        panel.setSession(openY.session.get());
        QVERIFY2(panel.errorBannerText().contains(QStringLiteral("cannot be edited")),
                 qPrintable(panel.errorBannerText()));
        QVERIFY(panel.errorBannerText().contains(QStringLiteral("rules.json")));
        QCOMPARE(panel.document()->filePath(), y.filePath(QStringLiteral(".harness/rules.json")));
        QCOMPARE(panel.model(RuleTableModel::Kind::Layers)->rowCount(), 0);
        QCOMPARE(panel.model(RuleTableModel::Kind::Limits)->rowCount(), 0);
        QVERIFY(panel.canvas()->layerCenter(QStringLiteral("core")).isNull());
        QCOMPARE(panel.document()->undoStack()->count(), 0);
        QVERIFY(!panel.saveAction()->isEnabled());
        panel.saveAction()->trigger();
        QVERIFY(!panel.save().ok());
        QTest::qWait(200);
        QCOMPARE(readFile(y.filePath(QStringLiteral(".harness/rules.json"))), yBefore);
        QCOMPARE(readFile(x.filePath(QStringLiteral(".harness/rules.json"))), xBefore);
        // X's edit stays with X's session: shown again, it is still there, unsaved.
        panel.setSession(openX.session.get());
        QCOMPARE(panel.document()->rules().limits[0].maxLines, 120);
        QCOMPARE(panel.document()->undoStack()->count(), 1);
    }

    // Bug: starting on a repository with an invalid rules.json, Save was enabled and replaced the file
    // with an empty rule set without asking. Now only "replace, keeping a backup" can, after a yes.
    void anUnreadableFileIsReplacedOnlyAfterConfirmationKeepingABackup()
    {
        RepoFixture y;
        y.write(QStringLiteral("README.md"), "hello\n");
        y.write(QStringLiteral(".harness/rules.json"), "{ \"version\": 1, \"layers\": [ }\n");
        const QString file = y.filePath(QStringLiteral(".harness/rules.json"));
        const QByteArray before = readFile(file);
        RuleEditorPanel panel;
        panel.show();
        Opened opened(y.path());
        panel.setSession(opened.session.get());
        QVERIFY(!panel.document()->isEditable());
        QVERIFY(!panel.saveAction()->isEnabled());
        QVERIFY(!panel.document()->apply(RuleDocument::defaultRules(), QStringLiteral("sneak")));
        QVERIFY(!panel.save().ok());

        auto *replace = panel.findChild<QPushButton *>(QStringLiteral("replaceRulesButton"));
        QVERIFY(replace && replace->isVisible());
        QTest::mouseClick(replace, Qt::LeftButton);
        auto *confirm = panel.findChild<QMessageBox *>(QStringLiteral("replaceRulesConfirm"));
        QVERIFY(confirm && confirm->isVisible());
        QTest::mouseClick(confirm->button(QMessageBox::Cancel), Qt::LeftButton);
        QTest::qWait(200);
        QCOMPARE(readFile(file), before);
        QVERIFY(!QFileInfo::exists(file + QStringLiteral(".bak")));

        QTest::mouseClick(replace, Qt::LeftButton);
        confirm = panel.findChild<QMessageBox *>(QStringLiteral("replaceRulesConfirm"));
        QVERIFY(confirm);
        QSignalSpy saved(&panel, &RuleEditorPanel::saved);
        QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);
        QVERIFY(saved.wait(20000));
        QCOMPARE(readFile(file + QStringLiteral(".bak")), before);
        QVERIFY(RuleSet::load(file).ok());
        QVERIFY(panel.document()->isEditable());
        QVERIFY(panel.errorBannerText().isEmpty());
        QVERIFY(panel.messageText().contains(QStringLiteral("rules.json.bak")));
        // The replacement is in the audit trail, naming the backup.
        QVERIFY(opened.store->flush());
        auto events = opened.store->eventsFromLog(0, 100);
        QVERIFY(events.ok());
        bool audited = false;
        for (const Event &e : events.value())
            audited |= e.kind == QLatin1String("rules_changed") &&
                    e.payload.value(QStringLiteral("backup")).toString() ==
                            QLatin1String(".harness/rules.json.bak") &&
                    e.actor.startsWith(QLatin1String("human:"));
        QVERIFY(audited);
    }

    void aSaveIsAuditedAndRefusedWhenTheFileChangedOnDisk()
    {
        RepoFixture repo;
        makeProject(repo);
        RuleEditorPanel panel;
        Opened opened(repo.path());
        QVERIFY(show(panel, opened));
        RuleTableModel *limits = panel.model(RuleTableModel::Kind::Limits);
        QVERIFY(limits->setData(limits->index(0, 3), QStringLiteral("300")));
        QVERIFY(saveAndWait(panel));
        QVERIFY(opened.store->flush());
        auto events = opened.store->eventsFromLog(0, 100);
        QVERIFY(events.ok());
        QCOMPARE(events->size(), 1);
        QCOMPARE(events->first().kind, QStringLiteral("rules_changed"));
        QCOMPARE(events->first().payload.value(QStringLiteral("changed")).toArray(),
                 QJsonArray {QStringLiteral("max-lines")});

        // Someone else changes the file: the editor's next save is refused and writes nothing.
        const QString file = repo.filePath(QStringLiteral(".harness/rules.json"));
        RuleSet other = RuleSet::load(file).value();
        other.limits[0].maxLines = 999;
        QVERIFY(other.save(file).ok());
        QVERIFY(limits->setData(limits->index(0, 3), QStringLiteral("50")));
        QSignalSpy failed(&panel, &RuleEditorPanel::saveFailed);
        QVERIFY(panel.save().ok());
        QVERIFY(failed.wait(20000));
        QVERIFY(panel.messageText().contains(QStringLiteral("changed on disk")));
        QCOMPARE(RuleSet::load(file).value().limits[0].maxLines, 999);
    }

    // Bug: on a 10-layer project boxes overlapped and three were off-screen.
    void tenLayersAreLaidOutWithoutOverlapAndAllInView()
    {
        RepoFixture repo;
        RuleSet rules;
        const QStringList names {QStringLiteral("app"),     QStringLiteral("ui"),
                                 QStringLiteral("api"),     QStringLiteral("service"),
                                 QStringLiteral("domain"),  QStringLiteral("storage"),
                                 QStringLiteral("network"), QStringLiteral("crypto"),
                                 QStringLiteral("util"),    QStringLiteral("base")};
        for (int i = 0; i < names.size(); ++i) {
            Layer l;
            l.id = QStringLiteral("layer-") + names[i];
            l.name = names[i];
            l.paths = {QStringLiteral("src/%1/**").arg(names[i])};
            if (i + 1 < names.size())
                l.allow << names[i + 1];
            if (i + 2 < names.size() && i % 2 == 0)
                l.allow << names[i + 2];
            rules.layers.append(l);
        }
        QDir().mkpath(repo.filePath(QStringLiteral(".harness")));
        QVERIFY(rules.save(repo.filePath(QStringLiteral(".harness/rules.json"))).ok());
        RuleEditorPanel panel;
        panel.resize(1280, 720);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        Opened opened(repo.path());
        QVERIFY(show(panel, opened));
        LayerCanvas *canvas = panel.canvas();
        QVERIFY(!canvas->layoutEngine().isEmpty());
        const QRect viewport = canvas->viewport()->rect();
        for (int i = 0; i < names.size(); ++i) {
            const QRectF box = canvas->layerRect(names[i]);
            QVERIFY(!box.isEmpty());
            for (int j = i + 1; j < names.size(); ++j)
                QVERIFY2(!box.intersects(canvas->layerRect(names[j])),
                         qPrintable(names[i] + QStringLiteral(" overlaps ") + names[j]));
            const QRect shown = canvas->mapFromScene(box).boundingRect();
            QVERIFY2(viewport.contains(shown), qPrintable(names[i] + QStringLiteral(" is outside the view")));
        }
        // Using layers stand above the layers they use.
        QVERIFY(canvas->layerRect(QStringLiteral("app")).top() <
                canvas->layerRect(QStringLiteral("base")).top());

        // A box the person moved is remembered by the session's document and keeps its place when a new
        // layer is laid out; Auto Layout places it again.
        QTest::mousePress(canvas->viewport(), Qt::LeftButton, {},
                          canvas->layerCenter(QStringLiteral("util")));
        QTest::mouseMove(canvas->viewport(), canvas->layerCenter(QStringLiteral("util")) + QPoint(5, 0));
        QTest::mouseRelease(canvas->viewport(), Qt::LeftButton, {},
                            canvas->layerCenter(QStringLiteral("util")) + QPoint(5, 0));
        QVERIFY(canvas->movedLayers().contains(QStringLiteral("util")));
        QVERIFY(panel.document()->movedLayers().contains(QStringLiteral("util")));
        const QPointF kept = canvas->positions().value(QStringLiteral("util"));
        QVERIFY(addThroughDialog(panel, QStringLiteral("layersAdd"), QStringLiteral("tools"),
                                 QStringLiteral("tools may use util only.")));
        QTRY_VERIFY(!canvas->isLayingOut());
        QCOMPARE(canvas->positions().value(QStringLiteral("util")), kept);
        QVERIFY(!canvas->layerRect(QStringLiteral("tools")).isEmpty());
        canvas->autoLayout(); // "Auto Layout" forgets moves on purpose
        QTRY_VERIFY(!canvas->isLayingOut());
        QVERIFY(!canvas->movedLayers().contains(QStringLiteral("util")));
        QVERIFY(canvas->positions().value(QStringLiteral("util")) != kept);
    }

    // Bug: "closeEditor called with an editor that does not belong to this view" while editing the table.
    void editingACellKeepsTheEditorTheViews()
    {
        static QStringList warnings;
        warnings.clear();
        const QtMessageHandler previous = qInstallMessageHandler(
                [](QtMsgType, const QMessageLogContext &, const QString &message) { warnings << message; });
        RepoFixture repo;
        makeProject(repo);
        RuleEditorPanel panel;
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        Opened opened(repo.path());
        QVERIFY(show(panel, opened));
        panel.tabs()->setCurrentIndex(1);
        RuleTableModel *limits = panel.model(RuleTableModel::Kind::Limits);
        QTableView *view = panel.table(RuleTableModel::Kind::Limits);
        const QModelIndex message = limits->index(0, int(limits->keys().indexOf(QStringLiteral("message"))));
        view->setCurrentIndex(message);
        view->edit(message);
        auto *editor = view->findChild<QLineEdit *>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Keep files short."));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(panel.document()->rules().limits[0].message, QStringLiteral("Keep files short."));
        QTest::qWait(50);
        qInstallMessageHandler(previous);
        for (const QString &w : std::as_const(warnings))
            QVERIFY2(!w.contains(QStringLiteral("closeEditor")), qPrintable(w));
    }

    // Bug: a new layer got the id "layer-layer-1" and no message for the agent.
    void aNewLayerAsksForItsMessageAndTakesItsIdFromTheName()
    {
        RepoFixture repo;
        makeProject(repo);
        RuleEditorPanel panel;
        panel.show();
        Opened opened(repo.path());
        QVERIFY(show(panel, opened));
        // Without a message the dialog does not accept.
        QVERIFY(!addThroughDialog(panel, QStringLiteral("layersAdd"), QStringLiteral("Web API"), QString()));
        QCOMPARE(panel.document()->rules().layers.size(), 3);
        QVERIFY(addThroughDialog(panel, QStringLiteral("layersAdd"), QStringLiteral("Web API"),
                                 QStringLiteral("The web API calls services, never the database.")));
        const Layer &made = panel.document()->rules().layers.last();
        QCOMPARE(made.id, QStringLiteral("layer-web-api"));
        QCOMPARE(made.name, QStringLiteral("Web API"));
        QCOMPARE(made.message, QStringLiteral("The web API calls services, never the database."));
        QCOMPARE(RuleTableModel::idFor(RuleTableModel::Kind::Layers, QStringLiteral("layer-x"), {}),
                 QStringLiteral("layer-x"));
        QCOMPARE(RuleTableModel::idFor(RuleTableModel::Kind::Layers, QStringLiteral("core"),
                                       panel.document()->rules()),
                 QStringLiteral("layer-core-2"));
        QVERIFY(addThroughDialog(panel, QStringLiteral("forbiddenAdd"), QStringLiteral("No printf"),
                                 QStringLiteral("Log through Logger."), QStringLiteral("\\bprintf\\(")));
        QCOMPARE(panel.document()->rules().forbidden.last().id, QStringLiteral("no-printf"));
        QCOMPARE(panel.document()->undoStack()->count(), 2);
    }
};

QTEST_MAIN(TestRuleEditorPanel)
#include "tst_ruleeditorpanel.moc"
