// RuleEditorPanel: assembles the canvas, the tables, the live checker and the undo stack.
#include "ruleeditorpanel.h"

#include "layercanvas.h"
#include "rulesettingsform.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace harness::ui {

namespace {
constexpr int kMaxEffectLines = 200;

// Columns sized to their content, but none wider than a readable maximum.
void fitColumns(QTableView *view)
{
    view->resizeColumnsToContents();
    for (int c = 0; c < view->model()->columnCount(); ++c)
        view->setColumnWidth(c, qMin(view->columnWidth(c), 280));
}
} // namespace

RuleEditorPanel::RuleEditorPanel(QWidget *parent) : QWidget(parent)
{
    m_document = new RuleDocument(this);
    m_checker = new LiveChecker(this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    auto addTool = [&](QAction *action, const QString &name) {
        auto *button = new QToolButton(this);
        action->setObjectName(name);
        button->setDefaultAction(action);
        button->setObjectName(name + QStringLiteral("Button"));
        bar->addWidget(button);
        this->addAction(action);
    };
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("Redo"));
    redo->setShortcut(QKeySequence::Redo);
    addTool(undo, QStringLiteral("undoAction"));
    addTool(redo, QStringLiteral("redoAction"));
    auto *saveAction = new QAction(tr("Save rules.json"), this);
    saveAction->setShortcut(QKeySequence::Save);
    addTool(saveAction, QStringLiteral("saveAction"));
    auto *reloadAction = new QAction(tr("Reload"), this);
    addTool(reloadAction, QStringLiteral("reloadAction"));
    bar->addSpacing(16);
    m_checkStatus = new QLabel(this);
    m_checkStatus->setObjectName(QStringLiteral("checkStatus"));
    bar->addWidget(m_checkStatus, 1);
    layout->addLayout(bar);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("ruleEditorMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);
    m_validation = new QLabel(this);
    m_validation->setObjectName(QStringLiteral("validationMessage"));
    m_validation->setWordWrap(true);
    m_validation->setStyleSheet(QStringLiteral("QLabel { color: #cf222e; }"));
    m_validation->hide();
    layout->addWidget(m_validation);

    auto *vertical = new QSplitter(Qt::Vertical, this);
    auto *splitter = new QSplitter(Qt::Horizontal, vertical);
    auto *canvasBox = new QWidget(splitter);
    auto *canvasLayout = new QVBoxLayout(canvasBox);
    canvasLayout->setContentsMargins(0, 0, 0, 0);
    auto *hint =
            new QLabel(tr("Drag from a layer's round handle to another layer to allow that direction; select "
                          "an arrow and press Delete to forbid it. Red arrows: dependencies in the tree "
                          "that the rules forbid."),
                       canvasBox);
    hint->setWordWrap(true);
    canvasLayout->addWidget(hint);
    m_canvas = new LayerCanvas(canvasBox);
    canvasLayout->addWidget(m_canvas, 1);
    splitter->addWidget(canvasBox);
    m_tabs = new QTabWidget(splitter);
    m_tabs->setObjectName(QStringLiteral("ruleTabs"));
    m_tabs->addTab(makeTableTab(RuleTableModel::Kind::Layers, tr("Add layer")), tr("Layers"));
    m_tabs->addTab(makeTableTab(RuleTableModel::Kind::Limits, tr("Add limit")), tr("Limits"));
    m_tabs->addTab(makeTableTab(RuleTableModel::Kind::Forbidden, tr("Add pattern")), tr("Forbidden"));
    m_tabs->addTab(makeTableTab(RuleTableModel::Kind::Secrets, tr("Add secret pattern")), tr("Secrets"));
    auto *settings = new RuleSettingsForm(m_document, m_tabs);
    settings->setObjectName(QStringLiteral("ruleSettings"));
    connect(settings, &RuleSettingsForm::editRejected, this,
            [this](const QString &message) { showMessage(message, true); });
    m_tabs->addTab(settings, tr("General"));
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({720, 640});
    vertical->addWidget(splitter);

    auto *effectBox = new QWidget(vertical);
    auto *effectLayout = new QVBoxLayout(effectBox);
    effectLayout->setContentsMargins(0, 0, 0, 0);
    m_effectTitle = new QLabel(effectBox);
    m_effectTitle->setObjectName(QStringLiteral("effectTitle"));
    m_effectTitle->setWordWrap(true);
    effectLayout->addWidget(m_effectTitle);
    m_effect = new QListWidget(effectBox);
    m_effect->setObjectName(QStringLiteral("effectList"));
    effectLayout->addWidget(m_effect, 1);
    vertical->addWidget(effectBox);
    vertical->setStretchFactor(0, 4);
    vertical->setStretchFactor(1, 1);
    layout->addWidget(vertical, 1);

    connect(saveAction, &QAction::triggered, this, [this] { save(); });
    connect(reloadAction, &QAction::triggered, this, &RuleEditorPanel::reload);
    connect(m_document, &RuleDocument::changed, this, &RuleEditorPanel::documentChanged);
    connect(m_document, &RuleDocument::modifiedChanged, this, &RuleEditorPanel::updateTitle);
    connect(m_canvas, &LayerCanvas::allowRequested, m_document, &RuleDocument::allowDependency);
    connect(m_canvas, &LayerCanvas::forbidRequested, m_document, &RuleDocument::forbidDependency);
    connect(m_canvas, &LayerCanvas::layerSelected, this, [this](const QString &name) {
        const int row = model(RuleTableModel::Kind::Layers)->rowOfId(name);
        if (row >= 0)
            table(RuleTableModel::Kind::Layers)->selectRow(row);
    });
    connect(m_checker, &LiveChecker::started, this,
            [this] { m_checkStatus->setText(tr("Checking the tree…")); });
    connect(m_checker, &LiveChecker::finished, this, &RuleEditorPanel::checkFinishedInternal);
    documentChanged();
}

QWidget *RuleEditorPanel::makeTableTab(RuleTableModel::Kind kind, const QString &addText)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *model = new RuleTableModel(kind, m_document, this);
    auto *view = new QTableView(page);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                          QAbstractItemView::AnyKeyPressed);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    const QStringList names {QStringLiteral("layers"), QStringLiteral("limits"), QStringLiteral("forbidden"),
                             QStringLiteral("secrets")};
    view->setObjectName(names[int(kind)] + QStringLiteral("Table"));
    layout->addWidget(view, 1);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(addText, page);
    add->setObjectName(names[int(kind)] + QStringLiteral("Add"));
    auto *remove = new QPushButton(tr("Remove"), page);
    remove->setObjectName(names[int(kind)] + QStringLiteral("Remove"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [model, view] {
        const int row = model->addRule();
        view->selectRow(row);
        view->edit(model->index(row, 0));
    });
    connect(remove, &QPushButton::clicked, this, [model, view] {
        if (view->currentIndex().isValid())
            model->removeRule(view->currentIndex().row());
    });
    connect(model, &RuleTableModel::editRejected, this,
            [this](const QString &message) { showMessage(message, true); });
    m_models.insert(int(kind), model);
    m_tables.insert(int(kind), view);
    return page;
}

RuleTableModel *RuleEditorPanel::model(RuleTableModel::Kind kind) const
{
    return m_models.value(int(kind));
}

QTableView *RuleEditorPanel::table(RuleTableModel::Kind kind) const
{
    return m_tables.value(int(kind));
}

Status RuleEditorPanel::openRepository(const QString &root)
{
    const Status loaded = m_document->load(root);
    if (!loaded) {
        showMessage(loaded.errorText(), true);
        return loaded;
    }
    m_checker->setRoot(root);
    m_message->hide();
    documentChanged();
    for (QTableView *view : std::as_const(m_tables))
        fitColumns(view);
    return success();
}

void RuleEditorPanel::reload()
{
    if (!m_document->root().isEmpty())
        openRepository(m_document->root());
}

Status RuleEditorPanel::save()
{
    const Status saved = m_document->save();
    if (!saved) {
        showMessage(saved.errorText(), true);
        return saved;
    }
    showMessage(tr("Saved %1.").arg(m_document->filePath()), false);
    Q_EMIT this->saved(m_document->filePath());
    return saved;
}

void RuleEditorPanel::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { color: #cf222e; }") : QString());
    m_message->setVisible(!text.isEmpty());
}

QString RuleEditorPanel::messageText() const
{
    return m_message->isVisibleTo(this) ? m_message->text() : QString();
}

void RuleEditorPanel::updateTitle()
{
    setWindowTitle(m_document->isModified() ? tr("Rules (modified)") : tr("Rules"));
}

void RuleEditorPanel::documentChanged()
{
    m_canvas->setRules(m_document->rules());
    if (m_checker->last())
        m_canvas->setObservedEdges(m_checker->last()->edges);
    const Status v = m_document->validation();
    m_validation->setVisible(!v.ok());
    if (!v.ok())
        m_validation->setText(tr("Not saved until fixed: %1").arg(v.errorText()));
    updateTitle();
    if (!m_document->root().isEmpty())
        m_checker->schedule(m_document->rules(), m_document->savedRules());
}

void RuleEditorPanel::checkFinishedInternal(const LiveCheckResult &result)
{
    m_canvas->setObservedEdges(result.edges);
    if (!result.error.isEmpty()) {
        m_checkStatus->setText(tr("Checking the tree failed: %1").arg(result.error));
        Q_EMIT checkFinished();
        return;
    }
    const int violations = int(m_canvas->violations().size());
    m_checkStatus->setText(
            tr("%n finding(s) in the tree with these rules; ", nullptr, int(result.findings.size())) +
            tr("%n forbidden layer direction(s) in use · checked in %1 ms", nullptr, violations)
                    .arg(result.elapsedMs));
    m_effect->clear();
    if (!m_document->isModified()) {
        m_effectTitle->setText(tr("No unsaved changes."));
    } else if (result.newFindings.isEmpty()) {
        m_effectTitle->setText(tr("Your unsaved changes add no finding on the current tree."));
    } else {
        m_effectTitle->setText(
                tr("Before you save: with these changes the agent's runs would now be told of %n new "
                   "finding(s) on the current tree:",
                   nullptr, int(result.newFindings.size())));
        for (int i = 0; i < result.newFindings.size() && i < kMaxEffectLines; ++i) {
            const Finding &f = result.newFindings[i];
            m_effect->addItem(QStringLiteral("%1:%2  [%3] %4")
                                      .arg(f.file)
                                      .arg(f.line)
                                      .arg(f.rule, f.message.section(QLatin1Char('\n'), 0, 0)));
        }
        if (result.newFindings.size() > kMaxEffectLines)
            m_effect->addItem(tr("… and %n more", nullptr, int(result.newFindings.size()) - kMaxEffectLines));
    }
    Q_EMIT checkFinished();
}

QStringList RuleEditorPanel::pendingEffect() const
{
    QStringList out;
    for (int i = 0; i < m_effect->count(); ++i)
        out << m_effect->item(i)->text();
    return out;
}

Result<QString> RuleEditorPanel::proposeFromFinding(const Finding &finding, const QString &runId,
                                                    std::optional<NewRuleKind> kind)
{
    const RuleSet &rules = m_document->rules();
    // Without a requested kind: the kind matching the finding's rule, then a forbidden pattern for the
    // offending line (e.g. when the layer direction is already forbidden).
    QList<NewRuleKind> kinds;
    if (kind) {
        kinds << *kind;
    } else {
        for (const Layer &l : rules.layers) {
            if (l.id == finding.rule)
                kinds << NewRuleKind::LayerEdge;
        }
        for (const LimitRule &l : rules.limits) {
            if (l.id == finding.rule)
                kinds << NewRuleKind::Limit;
        }
        kinds << NewRuleKind::ForbiddenPattern;
    }
    const QString incident =
            tr("%1 reported %2 at %3:%4").arg(finding.source, finding.rule, finding.file).arg(finding.line);
    const RuleOrigin origin = RuleFactory::originFor(runId, finding, incident);
    std::optional<Result<RuleProposal>> proposal;
    QString firstError;
    for (NewRuleKind k : kinds) {
        auto attempt = RuleFactory::fromFinding(rules, m_document->root(), finding, k, origin);
        if (attempt) {
            proposal = attempt;
            kind = k;
            break;
        }
        if (firstError.isEmpty())
            firstError = attempt.errorText();
    }
    if (!proposal) {
        const QString message = tr("Could not make a rule from this finding: %1").arg(firstError);
        showMessage(message, true);
        return Result<QString>::failure(message);
    }
    const RuleProposal &made = proposal->value();
    m_document->apply(made.rules, tr("Make a rule from %1:%2").arg(finding.file).arg(finding.line));
    const RuleTableModel::Kind tableKind = *kind == NewRuleKind::Limit ? RuleTableModel::Kind::Limits
            : *kind == NewRuleKind::LayerEdge                          ? RuleTableModel::Kind::Layers
                                                                       : RuleTableModel::Kind::Forbidden;
    m_tabs->setCurrentIndex(int(tableKind));
    const int row = model(tableKind)->rowOfId(made.ruleId);
    fitColumns(table(tableKind));
    if (row >= 0)
        table(tableKind)->selectRow(row);
    showMessage(tr("New rule %1 from the finding: %2. Review it, then save.").arg(made.ruleId, made.summary),
                false);
    return made.ruleId;
}

} // namespace harness::ui
