// Tests the rule editor's list of rules agents suggested, as a person uses it, on a real git repository with
// a real SQLite store: suggestions recorded by `harness mcp`'s own code (HarnessSensors::suggestRule) are
// listed newest first with what they say; Accept adds the rule as an undoable edit that Save writes to
// rules.json, Dismiss drops it, both are audited and stay decided in a fresh session; a taken id keeps the
// suggestion listed; an unreadable rules.json disables Accept and says why; the list follows the session;
// and the window at 1600×1000 and 1280×720 shows the cards whole (HARNESS_SHOTS_DIR: saved as PNGs).
#include "ui/diff/repofixture.h"

#include "common/repositorysession.h"
#include "core/events/eventdescription.h"
#include "mainwindow.h"
#include "mcp/harnesssensors.h"
#include "ruleeditor/layercanvas.h"
#include "ruleeditor/ruleeditorpanel.h"
#include "ruleeditor/rulesuggestionlist.h"

#include <QAction>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QUndoStack>

using namespace harness;
using namespace harness::ui;

namespace {

const QString kPrintId = QStringLiteral("no-print-in-core");
const QString kLengthId = QStringLiteral("core-file-length");
const QString kPrintMessage =
        QStringLiteral("Log through core/log.h; print() output is lost in the service.");
const QString kPrintReason =
        QStringLiteral("I left a print() in core while debugging and no check caught it.");
const QString kLengthMessage = QStringLiteral("Split core files before they pass 300 lines.");
const QString kLengthReason =
        QStringLiteral("value.h grew to 900 lines in an earlier run and was hard to review.");

QJsonObject printSuggestion()
{
    return {{"kind", "forbidden"},
            {"rule",
             QJsonObject {{"id", kPrintId},
                          {"paths", QJsonArray {"app/core/**"}},
                          {"pattern", "\\bprint\\("},
                          {"severity", "error"},
                          {"message", kPrintMessage}}},
            {"reason", kPrintReason}};
}

QJsonObject lengthSuggestion()
{
    return {{"kind", "limit"},
            {"rule",
             QJsonObject {{"id", kLengthId},
                          {"paths", QJsonArray {"app/core/**"}},
                          {"max_lines", 300},
                          {"severity", "warning"},
                          {"message", kLengthMessage}}},
            {"reason", kLengthReason}};
}

// A repository with rules, two runs (R1, R2) in its store, and the store's file.
struct Fixture
{
    Fixture()
    {
        repo.write(QStringLiteral("app/core/value.h"), "#pragma once\nstruct Value { int v; };\n");
        repo.write(QStringLiteral("app/ui/view.cpp"),
                   "#include \"../core/value.h\"\nint show() { return 1; }\n");
        RuleSet rules;
        rules.layers.append({QStringLiteral("layer-core"),
                             QStringLiteral("core"),
                             {QStringLiteral("app/core/**")},
                             {},
                             Severity::Error,
                             QStringLiteral("core holds value types only."),
                             {}});
        rules.layers.append({QStringLiteral("layer-ui"),
                             QStringLiteral("ui"),
                             {QStringLiteral("app/ui/**")},
                             {QStringLiteral("core")},
                             Severity::Error,
                             QString(),
                             {}});
        QDir().mkpath(repo.filePath(QStringLiteral(".harness")));
        if (!rules.save(rulesPath()).ok())
            qFatal("cannot write rules.json");
        repo.commitAll(QStringLiteral("project"));
        auto store = Store::open(StoreLocation::sqlite(storePath()));
        if (!store)
            qFatal("store: %s", qPrintable(store.errorText()));
        Task task;
        task.title = QStringLiteral("Keep core clean");
        task.contract.goal = QStringLiteral("g");
        auto added = (*store)->addTask(task);
        for (int i = 0; added && i < 2; ++i) {
            Run run;
            run.taskId = added->id;
            if (!(*store)->addRun(run))
                qFatal("cannot add a run");
        }
    }
    QString storePath() const { return state.filePath(QStringLiteral("state.sqlite")); }
    QString rulesPath() const { return repo.filePath(QStringLiteral(".harness/rules.json")); }

    // Suggests a rule the way `harness mcp` on the host records propose_rule; returns its id.
    QString suggest(const QJsonObject &arguments, const QString &run, const QString &actor) const
    {
        McpOptions options;
        options.repoPath = repo.path();
        options.storeSpec = storePath();
        options.runId = run;
        auto sensors = HarnessSensors::open(options);
        if (!sensors)
            qFatal("harness mcp: %s", qPrintable(sensors.errorText()));
        auto suggestion = RuleSuggestion::fromJson(arguments);
        if (!suggestion)
            qFatal("suggestion: %s", qPrintable(suggestion.errorText()));
        auto id = (*sensors)->suggestRule(*suggestion, actor);
        if (!id)
            qFatal("propose_rule: %s", qPrintable(id.errorText()));
        return *id;
    }

    RepoFixture repo;
    QTemporaryDir state;
};

// The repository opened in the workbench: a session over the project's store.
struct Opened
{
    explicit Opened(const QString &root, const QString &storePath)
    {
        auto opened = Store::open(StoreLocation::sqlite(storePath));
        if (!opened)
            qFatal("store: %s", qPrintable(opened.errorText()));
        store = std::shared_ptr<Store>(std::move(opened.value()));
        session = std::make_unique<RepositorySession>(root, store);
        session->setPollInterval(0);
    }
    QList<Event> storeWide(const QString &kind) const
    {
        QList<Event> out;
        if (const Status flushed = store->flush(); !flushed)
            QTest::qFail(qPrintable(flushed.errorText()), __FILE__, __LINE__);
        if (auto events = store->events(QString()))
            for (const Event &e : *events)
                if (e.kind == kind)
                    out << e;
        return out;
    }
    std::shared_ptr<Store> store;
    std::unique_ptr<RepositorySession> session;
};

// Waits until the panel's list has been read and shows `count` suggestions.
bool listed(RuleEditorPanel &panel, int count)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20000) {
        RuleSuggestionList *list = panel.suggestions();
        if (list && !list->isLoading() && list->pending().size() == count &&
            list->findChildren<QWidget *>(QStringLiteral("ruleSuggestion")).size() == count)
            return true;
        QTest::qWait(10);
    }
    return false;
}

QString label(QWidget *card, const char *name)
{
    auto *l = card ? card->findChild<QLabel *>(QLatin1String(name)) : nullptr;
    return l && l->isVisibleTo(card) ? l->text() : QString();
}

bool saveAndWait(RuleEditorPanel &panel)
{
    QSignalSpy saved(&panel, &RuleEditorPanel::saved);
    if (!panel.save().ok())
        return false;
    return saved.wait(20000);
}

QString rulesText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

void shoot(QWidget &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("HARNESS_SHOTS_DIR");
    window.repaint();
    QCoreApplication::processEvents();
    const QPixmap shot = window.grab();
    QVERIFY(!shot.isNull());
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        QVERIFY(shot.save(QDir(dir).filePath(name)));
    }
}

} // namespace

class TestRuleSuggestions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("harness-ui-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_rulesuggestions"));
        QSettings().clear();
    }

    void acceptSaveDismissAndStayDecided()
    {
        Fixture project;
        const QString printSuggestionId =
                project.suggest(printSuggestion(), QStringLiteral("R1"), QStringLiteral("agent:claude-code"));
        project.suggest(lengthSuggestion(), QStringLiteral("R2"), QStringLiteral("agent:gemini-cli"));
        const QString rulesBefore = rulesText(project.rulesPath());
        QVERIFY(!rulesBefore.contains(kPrintId)); // suggesting writes nothing

        auto opened = std::make_unique<Opened>(project.repo.path(), project.storePath());
        auto panel = std::make_unique<RuleEditorPanel>();
        panel->resize(1400, 900);
        panel->show();
        panel->setSession(opened->session.get());
        QVERIFY(listed(*panel, 2));
        RuleSuggestionList *list = panel->suggestions();
        QVERIFY(list->isVisible());
        QCOMPARE(list->headerText(), QStringLiteral("Rules suggested by agents (2)"));
        // Newest first, each with what it checks, what it tells the agent, why, who and when.
        const QList<QWidget *> cards = list->findChildren<QWidget *>(QStringLiteral("ruleSuggestion"));
        QCOMPARE(cards.size(), 2);
        QWidget *print = list->card(kPrintId);
        QWidget *length = list->card(kLengthId);
        QVERIFY(print && length && print->isVisible() && length->isVisible());
        QVERIFY(length->y() < print->y());
        QVERIFY2(label(print, "ruleSuggestionTitle").contains(kPrintId) &&
                         label(print, "ruleSuggestionTitle").contains(QStringLiteral("Forbidden")) &&
                         label(print, "ruleSuggestionTitle").contains(QStringLiteral("pattern \\bprint\\(")),
                 qPrintable(label(print, "ruleSuggestionTitle")));
        QCOMPARE(label(print, "ruleSuggestionMessage"), QStringLiteral("Tells the agent: ") + kPrintMessage);
        QCOMPARE(label(print, "ruleSuggestionReason"), QStringLiteral("Why: ") + kPrintReason);
        QVERIFY2(label(print, "ruleSuggestionOrigin")
                         .startsWith(QStringLiteral("Suggested by agent:claude-code in run R1 · ")),
                 qPrintable(label(print, "ruleSuggestionOrigin")));
        QVERIFY(label(print, "ruleSuggestionOrigin").contains(QDate::currentDate().toString(Qt::ISODate)));
        QVERIFY(label(length, "ruleSuggestionTitle").contains(QStringLiteral("Limit")) &&
                label(length, "ruleSuggestionTitle").contains(QStringLiteral("at most 300 lines")));
        QCOMPARE(label(length, "ruleSuggestionMessage"),
                 QStringLiteral("Tells the agent: ") + kLengthMessage);
        QCOMPARE(label(length, "ruleSuggestionReason"), QStringLiteral("Why: ") + kLengthReason);
        QVERIFY(label(length, "ruleSuggestionOrigin")
                        .startsWith(QStringLiteral("Suggested by agent:gemini-cli in run R2 · ")));
        QVERIFY(label(print, "ruleSuggestionNote").isEmpty());
        QPushButton *accept = list->acceptButton(kPrintId);
        QVERIFY(accept->isEnabled() && list->dismissButton(kPrintId)->isEnabled());
        QVERIFY(accept->toolTip().contains(QStringLiteral("Save writes it to rules.json")));

        // Accept: the rule is in the editor as one undoable edit, shown in its table; the list shrinks.
        QTest::mouseClick(accept, Qt::LeftButton);
        RuleDocument *doc = panel->document();
        QCOMPARE(doc->rules().forbidden.size(), 1);
        QCOMPARE(doc->rules().forbidden[0].id, kPrintId);
        QCOMPARE(doc->rules().forbidden[0].message, kPrintMessage);
        QCOMPARE(doc->undoStack()->count(), 1);
        QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Accept suggested rule ") + kPrintId);
        QCOMPARE(panel->tabs()->currentIndex(), int(RuleTableModel::Kind::Forbidden));
        QVERIFY2(panel->messageText().contains(QStringLiteral("Added the suggested rule no-print-in-core")),
                 qPrintable(panel->messageText()));
        QVERIFY(listed(*panel, 1));
        QVERIFY(!list->card(kPrintId));
        QCOMPARE(list->headerText(), QStringLiteral("Rules suggested by agents (1)"));
        QVERIFY(rulesText(project.rulesPath()) == rulesBefore); // nothing is written before Save
        const QList<Event> decided = opened->storeWide(QStringLiteral("rule_suggestion_decided"));
        QCOMPARE(decided.size(), 1);
        const QList<Event> suggested = opened->storeWide(QStringLiteral("rule_suggested"));
        QCOMPARE(suggested.size(), 2);
        auto accepted = readPayload<RuleSuggestionDecidedPayload>(decided[0]);
        QVERIFY2(accepted, qPrintable(accepted.errorText()));
        QCOMPARE(accepted->decision, QStringLiteral("accepted"));
        QCOMPARE(accepted->suggestion, printSuggestionId);
        QCOMPARE(accepted->eventSeq, suggested[0].seq);
        QCOMPARE(accepted->ruleId, kPrintId);
        QCOMPARE(decided[0].actor, RepositorySession::userActor());
        QCOMPARE(EventDescription::describe(decided[0]),
                 QStringLiteral("accepted suggested forbidden rule no-print-in-core (%1, run R1)")
                         .arg(printSuggestionId));

        // An ordinary edit: undo and redo, then Save writes it (with the agent's reason as its origin).
        doc->undoStack()->undo();
        QVERIFY(doc->rules().forbidden.isEmpty());
        doc->undoStack()->redo();
        QCOMPARE(doc->rules().forbidden.size(), 1);
        QVERIFY(saveAndWait(*panel));
        auto written = RuleSet::load(project.rulesPath());
        QVERIFY2(written, qPrintable(written.errorText()));
        QCOMPARE(written->forbidden.size(), 1);
        QCOMPARE(written->forbidden[0].id, kPrintId);
        QCOMPARE(written->forbidden[0].pattern, QStringLiteral("\\bprint\\("));
        QCOMPARE(written->forbidden[0].message, kPrintMessage);
        QCOMPARE(written->forbidden[0].origin.run, QStringLiteral("R1"));
        QVERIFY(written->forbidden[0].origin.incident.contains(kPrintReason));
        QCOMPARE(written->layers.size(), 2);

        // Dismiss: gone, nothing added; the list hides when nothing waits.
        QTest::mouseClick(list->dismissButton(kLengthId), Qt::LeftButton);
        QVERIFY(listed(*panel, 0));
        QVERIFY(!list->isVisible());
        QVERIFY(doc->rules().limits.isEmpty());
        QVERIFY(!rulesText(project.rulesPath()).contains(kLengthId));
        const QList<Event> both = opened->storeWide(QStringLiteral("rule_suggestion_decided"));
        QCOMPARE(both.size(), 2);
        QCOMPARE(both[1].payload.value("decision").toString(), QStringLiteral("dismissed"));
        QCOMPARE(both[1].payload.value("event_seq").toInteger(), suggested[1].seq);

        // A fresh workbench on the same repository and store: nothing is listed again.
        panel.reset();
        opened.reset();
        Opened again(project.repo.path(), project.storePath());
        RuleEditorPanel fresh;
        fresh.resize(1400, 900);
        fresh.show();
        fresh.setSession(again.session.get());
        QVERIFY(listed(fresh, 0));
        QVERIFY(!fresh.suggestions()->isVisible());
        QCOMPARE(fresh.document()->rules().forbidden.size(), 1);
    }

    void takenIdStaysListed()
    {
        Fixture project;
        // The same rule suggested in two runs is listed once, by the newest.
        project.suggest(printSuggestion(), QStringLiteral("R1"), QStringLiteral("agent:claude-code"));
        project.suggest(printSuggestion(), QStringLiteral("R2"), QStringLiteral("agent:claude-code"));
        Opened opened(project.repo.path(), project.storePath());
        RuleEditorPanel panel;
        panel.resize(1400, 900);
        panel.show();
        panel.setSession(opened.session.get());
        QVERIFY(listed(panel, 1));
        QWidget *card = panel.suggestions()->card(kPrintId);
        QVERIFY2(label(card, "ruleSuggestionOrigin").contains(QStringLiteral("in run R2")) &&
                         label(card, "ruleSuggestionOrigin").endsWith(QStringLiteral("suggested 2 times")),
                 qPrintable(label(card, "ruleSuggestionOrigin")));

        // Meanwhile the person made a rule with that id.
        RuleSet rules = panel.document()->rules();
        ForbiddenRule mine;
        mine.id = kPrintId;
        mine.paths = {QStringLiteral("app/**")};
        mine.pattern = QStringLiteral("printf");
        mine.message = QStringLiteral("Mine.");
        rules.forbidden.append(mine);
        QVERIFY(panel.document()->apply(rules, QStringLiteral("mine")));
        QTest::mouseClick(panel.suggestions()->acceptButton(kPrintId), Qt::LeftButton);
        QVERIFY2(
                label(card, "ruleSuggestionNote")
                        .startsWith(QStringLiteral("Not added: the id no-print-in-core is already taken by a "
                                                   "rule in the editor")),
                qPrintable(label(card, "ruleSuggestionNote")));
        QVERIFY(label(card, "ruleSuggestionNote").endsWith(QStringLiteral("It stays listed.")));
        QCOMPARE(panel.document()->undoStack()->count(), 1);
        QCOMPARE(panel.document()->rules().forbidden.size(), 1);
        QCOMPARE(panel.document()->rules().forbidden[0].message, QStringLiteral("Mine."));
        QTest::qWait(100);
        QVERIFY(listed(panel, 1));
        QVERIFY(panel.suggestions()->acceptButton(kPrintId)->isEnabled());
        QVERIFY(opened.storeWide(QStringLiteral("rule_suggestion_decided")).isEmpty());
    }

    void unreadableRulesDisableAccept()
    {
        Fixture project;
        project.suggest(lengthSuggestion(), QStringLiteral("R1"), QStringLiteral("agent:gemini-cli"));
        project.repo.write(QStringLiteral(".harness/rules.json"),
                           "{ \"version\": 1, \"layers\": [ {\"name\": } ] }\n");
        const QString broken = rulesText(project.rulesPath());
        Opened opened(project.repo.path(), project.storePath());
        RuleEditorPanel panel;
        panel.resize(1400, 900);
        panel.show();
        panel.setSession(opened.session.get());
        QVERIFY(listed(panel, 1));
        QVERIFY(!panel.errorBannerText().isEmpty());
        QVERIFY(panel.suggestions()->isVisible());
        QPushButton *accept = panel.suggestions()->acceptButton(kLengthId);
        QVERIFY(!accept->isEnabled());
        QVERIFY2(accept->toolTip().startsWith(QStringLiteral("rules.json cannot be read, so no rule can be "
                                                             "added to it: ")) &&
                         accept->toolTip().contains(panel.document()->loadError()) &&
                         accept->toolTip().contains(QStringLiteral("press Reload, or replace it")),
                 qPrintable(accept->toolTip()));
        panel.suggestions()->accept(panel.suggestions()->pending().first().id()); // refused, too
        QCOMPARE(panel.suggestions()->pending().size(), 1);
        QVERIFY(opened.storeWide(QStringLiteral("rule_suggestion_decided")).isEmpty());
        // Dismissing needs no rules file.
        QPushButton *dismiss = panel.suggestions()->dismissButton(kLengthId);
        QVERIFY(dismiss->isEnabled());
        QTest::mouseClick(dismiss, Qt::LeftButton);
        QVERIFY(listed(panel, 0));
        QCOMPARE(rulesText(project.rulesPath()), broken);
        QCOMPARE(opened.storeWide(QStringLiteral("rule_suggestion_decided")).size(), 1);
    }

    void followsTheSession()
    {
        Fixture withOne;
        withOne.suggest(printSuggestion(), QStringLiteral("R1"), QStringLiteral("agent:claude-code"));
        Fixture withNone;
        Opened a(withOne.repo.path(), withOne.storePath());
        Opened b(withNone.repo.path(), withNone.storePath());
        RuleEditorPanel panel;
        panel.resize(1400, 900);
        panel.show();
        panel.setSession(a.session.get());
        QVERIFY(listed(panel, 1));
        panel.setSession(b.session.get());
        QVERIFY(listed(panel, 0));
        QVERIFY(!panel.suggestions()->card(kPrintId));
        QVERIFY(!panel.suggestions()->isVisible());
        panel.setSession(nullptr);
        QVERIFY(!panel.suggestions());
        panel.setSession(a.session.get());
        QVERIFY(listed(panel, 1));
    }

    // The Rules view in the window, at a large and at a small window size: both cards whole, with their
    // buttons, and room left for the canvas.
    void inTheWindow_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1600x1000") << QSize(1600, 1000);
        QTest::newRow("1280x720") << QSize(1280, 720);
    }

    void inTheWindow()
    {
        QFETCH(QSize, size);
        Fixture project;
        project.suggest(printSuggestion(), QStringLiteral("R1"), QStringLiteral("agent:claude-code"));
        project.suggest(lengthSuggestion(), QStringLiteral("R2"), QStringLiteral("agent:gemini-cli"));
        MainWindow w;
        w.resize(size);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openRepository(project.repo.path(), project.storePath()) && w.waitForOpen());
        auto *panel = w.findChild<RuleEditorPanel *>(QStringLiteral("ruleEditorPanel"));
        QVERIFY(panel);
        w.showView(panel);
        QVERIFY(listed(*panel, 2));
        QTRY_VERIFY(panel->canvas() && !panel->canvas()->isLayingOut());
        QSignalSpy checked(panel, &RuleEditorPanel::checkFinished);
        QVERIFY(checked.wait(20000)); // the tree's check result is in the bar, however long it is
        QTest::qWait(50);
        shoot(w, QStringLiteral("rulesuggestions-%1x%2.png").arg(size.width()).arg(size.height()));
        // The view is not wider than its place: nothing of a card is cut off at the right.
        auto *area = w.findChild<QScrollArea *>(QStringLiteral("ruleEditorPanelArea"));
        QVERIFY(area);
        QVERIFY2(panel->width() <= area->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(panel->width()).arg(area->viewport()->width())));
        RuleSuggestionList *list = panel->suggestions();
        for (const QString &id : {kPrintId, kLengthId}) {
            QWidget *card = list->card(id);
            QVERIFY(card->isVisible());
            QVERIFY2(card->width() >= 500, qPrintable(QString::number(card->width())));
            for (QWidget *button : {list->acceptButton(id), list->dismissButton(id)}) {
                QVERIFY(button->isVisible());
                QVERIFY(button->width() >= button->sizeHint().width());
                QVERIFY(button->mapTo(card, QPoint(button->width(), 0)).x() <= card->width());
            }
            for (const char *name : {"ruleSuggestionTitle", "ruleSuggestionMessage", "ruleSuggestionReason",
                                     "ruleSuggestionOrigin"}) {
                auto *text = card->findChild<QLabel *>(QLatin1String(name));
                QVERIFY2(text->height() >= text->heightForWidth(text->width()), name); // no line cut off
            }
        }
        // The newest card is whole without scrolling the list; at 1600×1000 both are, with no room wasted.
        auto *scroll = list->findChild<QScrollArea *>(QStringLiteral("ruleSuggestionsScroll"));
        const int viewport = scroll->viewport()->height();
        QVERIFY2(viewport >= list->card(kLengthId)->geometry().bottom(),
                 qPrintable(QString::number(viewport)));
        if (size.height() >= 1000) {
            QVERIFY2(viewport >= list->card(kPrintId)->geometry().bottom(),
                     qPrintable(QString::number(viewport)));
            QVERIFY2(list->height() <= scroll->y() + viewport + 8,
                     qPrintable(QStringLiteral("%1 > %2").arg(list->height()).arg(scroll->y() + viewport)));
        }
        QVERIFY2(panel->canvas()->height() >= 150, qPrintable(QString::number(panel->canvas()->height())));
        w.closeRepository();
    }
};

QTEST_MAIN(TestRuleSuggestions)
#include "tst_rulesuggestions.moc"
