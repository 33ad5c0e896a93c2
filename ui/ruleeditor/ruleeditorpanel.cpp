// RuleEditorPanel: assembles the canvas, the tables, the live checker and the undo stack around the
// session's rule document; the whole editor is made again when the session changes.
#include "ruleeditorpanel.h"

#include "layercanvas.h"
#include "newruledialog.h"
#include "rulesettingsform.h"
#include "rulesuggestionlist.h"

#include "common/emptystate.h"
#include "common/repositorysession.h"

#include <QAction>
#include <QDir>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
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
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    buildEmpty();
}

void RuleEditorPanel::setSession(RepositorySession *session)
{
    if (session == m_session && m_content)
        return;
    if (m_session)
        disconnect(m_session, &RepositorySession::closing, this, nullptr);
    m_session = session;
    // A session destroyed while shown: its document goes with it, so the editor built on it goes first.
    if (session)
        connect(session, &RepositorySession::closing, this, [this] { setSession(nullptr); });
    m_document = session ? RuleDocument::of(session) : nullptr;
    if (m_document)
        buildEditor();
    else
        buildEmpty();
}

void RuleEditorPanel::buildEmpty()
{
    delete m_content; // the previous repository's editor, with everything it showed
    m_content = nullptr;
    m_checker = nullptr;
    m_canvas = nullptr;
    m_tabs = nullptr;
    m_models.clear();
    m_tables.clear();
    m_saveAction = m_reloadAction = nullptr;
    m_banner = m_editArea = nullptr;
    m_bannerText = m_message = m_validation = m_checkStatus = m_effectTitle = nullptr;
    m_replaceButton = nullptr;
    m_effect = nullptr;
    m_suggestions = nullptr;
    m_replacing = false;
    m_checkerReady = false;
    if (!m_document) {
        m_content = new EmptyState(
                tr("No repository is open"),
                tr("Open a repository to edit its constraint rules (.harness/rules.json)."), this);
        layout()->addWidget(m_content);
        m_content->show(); // made after the panel may have been shown
        setWindowTitle(tr("Rules"));
    }
}

void RuleEditorPanel::buildEditor()
{
    buildEmpty();
    RuleDocument *doc = m_document;
    m_content = new QWidget(this);
    layout()->addWidget(m_content);
    m_content->show(); // made after the panel may have been shown
    m_checker = new LiveChecker(m_content);

    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(4, 4, 4, 4);
    // A tool bar: on a narrow window the tools that do not fit move into its "»" menu.
    auto *bar = new QToolBar(m_content);
    bar->setObjectName(QStringLiteral("ruleEditorToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto addTool = [&](QAction *action, const QString &name) {
        action->setObjectName(name);
        bar->addAction(action);
        m_content->addAction(action);
    };
    QAction *undo = doc->undoStack()->createUndoAction(m_content, tr("Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = doc->undoStack()->createRedoAction(m_content, tr("Redo"));
    redo->setShortcut(QKeySequence::Redo);
    addTool(undo, QStringLiteral("undoAction"));
    addTool(redo, QStringLiteral("redoAction"));
    m_saveAction = new QAction(tr("Save rules.json"), m_content);
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setToolTip(tr("Save to %1").arg(QDir::toNativeSeparators(doc->filePath())));
    addTool(m_saveAction, QStringLiteral("saveAction"));
    m_reloadAction = new QAction(tr("Reload"), m_content);
    m_reloadAction->setToolTip(
            tr("Read %1 again, dropping unsaved changes").arg(QDir::toNativeSeparators(doc->filePath())));
    addTool(m_reloadAction, QStringLiteral("reloadAction"));
    bar->addSeparator();
    auto *layoutAction = new QAction(tr("Auto Layout"), m_content);
    layoutAction->setToolTip(tr("Place every layer box again, the layers that use others above them"));
    addTool(layoutAction, QStringLiteral("autoLayoutAction"));
    auto *fitAction = new QAction(tr("Fit"), m_content);
    fitAction->setToolTip(tr("Show every layer"));
    addTool(fitAction, QStringLiteral("fitAction"));
    auto *zoomIn = new QAction(tr("Zoom In"), m_content);
    zoomIn->setToolTip(tr("Zoom in (Ctrl+wheel)"));
    addTool(zoomIn, QStringLiteral("zoomInAction"));
    auto *zoomOut = new QAction(tr("Zoom Out"), m_content);
    zoomOut->setToolTip(tr("Zoom out (Ctrl+wheel)"));
    addTool(zoomOut, QStringLiteral("zoomOutAction"));
    m_checkStatus = new QLabel(m_content);
    m_checkStatus->setObjectName(QStringLiteral("checkStatus"));
    m_checkStatus->setWordWrap(true); // on a line of its own: a long result never widens the editor
    layout->addWidget(bar);
    layout->addWidget(m_checkStatus);

    // A file that cannot be parsed: said where the person looks, with the one way forward.
    m_banner = new QFrame(m_content);
    m_banner->setObjectName(QStringLiteral("rulesErrorBanner"));
    m_banner->setStyleSheet(
            QStringLiteral("#rulesErrorBanner { background:#fdecea; border:1px solid #f5c2c0; "
                           "border-radius:4px; } QLabel { color:#8a1c1c; }"));
    auto *bannerLayout = new QHBoxLayout(m_banner);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setObjectName(QStringLiteral("rulesErrorText"));
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_replaceButton = new QPushButton(tr("Replace, Keeping a Backup…"), m_banner);
    m_replaceButton->setObjectName(QStringLiteral("replaceRulesButton"));
    m_replaceButton->setToolTip(tr("Keep the file as rules.json.bak and start from the default rules"));
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_replaceButton, 0, Qt::AlignTop);
    layout->addWidget(m_banner);

    m_message = new QLabel(m_content);
    m_message->setObjectName(QStringLiteral("ruleEditorMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);
    m_validation = new QLabel(m_content);
    m_validation->setObjectName(QStringLiteral("validationMessage"));
    m_validation->setWordWrap(true);
    m_validation->setStyleSheet(QStringLiteral("QLabel { color: #cf222e; }"));
    m_validation->hide();
    layout->addWidget(m_validation);

    // Outside the edit area: Dismiss stays usable while an unreadable file disables the editing.
    m_suggestions = new RuleSuggestionList(m_session, doc, m_content);
    layout->addWidget(m_suggestions);
    auto *vertical = new QSplitter(Qt::Vertical, m_content);
    m_editArea = vertical;
    auto *splitter = new QSplitter(Qt::Horizontal, vertical);
    m_sideBySide = splitter;
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
    m_tabs->addTab(makeTableTab(m_tabs, RuleTableModel::Kind::Layers, tr("Add Layer…")), tr("Layers"));
    m_tabs->addTab(makeTableTab(m_tabs, RuleTableModel::Kind::Limits, tr("Add Limit…")), tr("Limits"));
    m_tabs->addTab(makeTableTab(m_tabs, RuleTableModel::Kind::Forbidden, tr("Add Pattern…")),
                   tr("Forbidden"));
    m_tabs->addTab(makeTableTab(m_tabs, RuleTableModel::Kind::Secrets, tr("Add Secret Pattern…")),
                   tr("Secrets"));
    auto *settings = new RuleSettingsForm(doc, m_tabs);
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

    adaptToWidth();
    m_canvas->setPositions(doc->layerPositions(), doc->movedLayers());
    connect(m_canvas, &LayerCanvas::positionsChanged, doc,
            [this, doc] { doc->setLayerPositions(m_canvas->positions(), m_canvas->movedLayers()); });
    connect(m_saveAction, &QAction::triggered, this, [this] { (void)save(); }); // save() shows a refusal
    connect(m_reloadAction, &QAction::triggered, this, &RuleEditorPanel::reload);
    connect(layoutAction, &QAction::triggered, m_canvas, &LayerCanvas::autoLayout);
    connect(fitAction, &QAction::triggered, m_canvas, &LayerCanvas::fit);
    connect(zoomIn, &QAction::triggered, m_canvas, &LayerCanvas::zoomIn);
    connect(zoomOut, &QAction::triggered, m_canvas, &LayerCanvas::zoomOut);
    connect(m_replaceButton, &QPushButton::clicked, this, &RuleEditorPanel::replaceKeepingBackup);
    connect(m_suggestions, &RuleSuggestionList::accepted, this,
            [this](const QString &kind, const QString &id) {
                selectRule(kind == QLatin1String("layer")           ? RuleTableModel::Kind::Layers
                                   : kind == QLatin1String("limit") ? RuleTableModel::Kind::Limits
                                                                    : RuleTableModel::Kind::Forbidden,
                           id);
                showMessage(tr("Added the suggested rule %1. Review it, then save.").arg(id), false);
            });
    connect(doc, &RuleDocument::changed, m_content, [this] { documentChanged(); });
    connect(doc, &RuleDocument::modifiedChanged, m_content, [this] { updateTitle(); });
    connect(doc, &RuleDocument::stateChanged, m_content, [this] { stateChanged(); });
    connect(doc, &RuleDocument::saveFinished, m_content, [this](const Status &s) { saveFinished(s); });
    connect(m_canvas, &LayerCanvas::allowRequested, doc, &RuleDocument::allowDependency);
    connect(m_canvas, &LayerCanvas::forbidRequested, doc, &RuleDocument::forbidDependency);
    connect(m_canvas, &LayerCanvas::layerSelected, this, [this](const QString &name) {
        const int row = model(RuleTableModel::Kind::Layers)->rowOfId(name);
        if (row >= 0)
            table(RuleTableModel::Kind::Layers)->selectRow(row);
    });
    connect(m_checker, &LiveChecker::started, m_content,
            [this] { m_checkStatus->setText(tr("Checking the tree…")); });
    connect(m_checker, &LiveChecker::finished, m_content,
            [this](const LiveCheckResult &r) { checkFinishedInternal(r); });
    stateChanged();
    for (QTableView *view : std::as_const(m_tables))
        fitColumns(view);
}

QWidget *RuleEditorPanel::makeTableTab(QWidget *parent, RuleTableModel::Kind kind, const QString &addText)
{
    auto *page = new QWidget(parent);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *model = new RuleTableModel(kind, m_document, page);
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
    connect(add, &QPushButton::clicked, this, [this, kind] { addRule(kind); });
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

void RuleEditorPanel::selectRule(RuleTableModel::Kind kind, const QString &ruleId)
{
    m_tabs->setCurrentIndex(int(kind));
    const int row = model(kind)->rowOfId(ruleId);
    fitColumns(table(kind));
    if (row >= 0)
        table(kind)->selectRow(row);
}

RuleTableModel *RuleEditorPanel::model(RuleTableModel::Kind kind) const
{
    return m_models.value(int(kind));
}

QTableView *RuleEditorPanel::table(RuleTableModel::Kind kind) const
{
    return m_tables.value(int(kind));
}

void RuleEditorPanel::addRule(RuleTableModel::Kind kind)
{
    if (!m_document || !m_document->isEditable())
        return;
    auto *dialog = new NewRuleDialog(kind, m_document->rules(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<RuleDocument> doc = m_document;
    connect(dialog, &QDialog::accepted, this, [this, dialog, kind, doc] {
        if (doc != m_document || !model(kind))
            return; // the repository changed while the dialog was open
        const int row = model(kind)->addRule(dialog->spec());
        if (row < 0)
            return;
        m_tabs->setCurrentIndex(int(kind));
        fitColumns(table(kind));
        table(kind)->selectRow(row);
        showMessage({}, false);
    });
    dialog->open();
}

void RuleEditorPanel::reload()
{
    if (!m_document)
        return;
    (void)m_document->load(); // a file that cannot be read shows in the banner (the document's state)
    showMessage({}, false);
}

Status RuleEditorPanel::save()
{
    if (!m_document)
        return Status::failure(tr("No repository is open."));
    const Status started = m_document->save();
    if (!started)
        showMessage(started.errorText(), true);
    return started;
}

void RuleEditorPanel::replaceKeepingBackup()
{
    if (!m_document || m_document->isEditable())
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Replace rules.json?"),
                                tr("%1 cannot be parsed. Replace it with the default rules?\n\nThe current "
                                   "file is kept next to it as rules.json.bak, so nothing is lost.")
                                        .arg(QDir::toNativeSeparators(m_document->filePath())),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("replaceRulesConfirm"));
    box->button(QMessageBox::Yes)->setText(tr("Replace, Keeping a Backup"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<RuleDocument> doc = m_document;
    connect(box, &QMessageBox::finished, this, [this, box, doc](int) {
        if (box->clickedButton() != box->button(QMessageBox::Yes) || doc != m_document || !doc)
            return;
        const Status started = doc->replaceKeepingBackup();
        if (!started)
            showMessage(started.errorText(), true);
        else
            m_replacing = true;
    });
    box->open();
}

void RuleEditorPanel::saveFinished(const Status &result)
{
    const bool replaced = m_replacing;
    m_replacing = false;
    if (!result) {
        showMessage(result.errorText(), true);
        Q_EMIT saveFailed(result.errorText());
        return;
    }
    const QString path = QDir::toNativeSeparators(m_document->filePath());
    showMessage(replaced ? tr("Replaced %1 with the default rules; the unreadable file is kept as "
                              "rules.json.bak.")
                                   .arg(path)
                         : tr("Saved %1.").arg(path),
                false);
    for (QTableView *view : std::as_const(m_tables))
        fitColumns(view);
    Q_EMIT saved(m_document->filePath());
}

void RuleEditorPanel::showMessage(const QString &text, bool error)
{
    if (!m_message)
        return;
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { color: #cf222e; }") : QString());
    m_message->setVisible(!text.isEmpty());
}

QString RuleEditorPanel::messageText() const
{
    return m_message && m_message->isVisibleTo(this) ? m_message->text() : QString();
}

QString RuleEditorPanel::errorBannerText() const
{
    return m_banner && m_banner->isVisibleTo(this) ? m_bannerText->text() : QString();
}

void RuleEditorPanel::updateTitle()
{
    setWindowTitle(m_document && m_document->isModified() ? tr("Rules (modified)") : tr("Rules"));
    if (m_saveAction)
        m_saveAction->setEnabled(m_document && m_document->canSave());
}

void RuleEditorPanel::stateChanged()
{
    RuleDocument *doc = m_document;
    if (!doc || !m_content)
        return;
    const bool editable = doc->isEditable();
    m_banner->setVisible(!editable);
    if (!editable)
        m_bannerText->setText(
                tr("<b>These rules cannot be edited.</b> %1<br>Fix the file in a text editor and press "
                   "Reload, or replace it with the default rules; the current file is then kept as "
                   "rules.json.bak.")
                        .arg(doc->loadError().toHtmlEscaped()));
    m_replaceButton->setEnabled(!doc->isSaving());
    m_editArea->setEnabled(editable);
    m_reloadAction->setEnabled(!doc->isSaving());
    if (editable && !m_checkerReady) {
        m_checker->setRoot(doc->root());
        m_checkerReady = true;
    }
    documentChanged();
}

void RuleEditorPanel::documentChanged()
{
    RuleDocument *doc = m_document;
    if (!doc || !m_content)
        return;
    m_canvas->setRules(doc->rules());
    if (m_checker->last())
        m_canvas->setObservedEdges(m_checker->last()->edges);
    const Status v = doc->validation();
    m_validation->setVisible(!v.ok());
    if (!v.ok())
        m_validation->setText(tr("Not saved until fixed: %1").arg(v.errorText()));
    updateTitle();
    if (doc->isEditable())
        m_checker->schedule(doc->rules(), doc->savedRules());
    else
        m_checkStatus->setText(tr("Nothing is checked until the rules can be read."));
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
    for (int i = 0; m_effect && i < m_effect->count(); ++i)
        out << m_effect->item(i)->text();
    return out;
}

Result<QString> RuleEditorPanel::proposeFromFinding(const Finding &finding, const QString &runId,
                                                    std::optional<NewRuleKind> kind)
{
    if (!m_document || !m_document->isEditable()) {
        const QString message =
                tr("Could not make a rule from this finding: %1")
                        .arg(m_document ? m_document->loadError() : tr("Open a repository first."));
        showMessage(message, true);
        return Result<QString>::failure(message);
    }
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
    selectRule(tableKind, made.ruleId);
    showMessage(tr("New rule %1 from the finding: %2. Review it, then save.").arg(made.ruleId, made.summary),
                false);
    return made.ruleId;
}

bool RuleEditorPanel::event(QEvent *event)
{
    // In the window the panel sits in a scroll area's viewport, which may be narrower than the panel's
    // minimum: the room to adapt to is the viewport's width, so its resizes are watched too.
    if (event->type() == QEvent::ParentAboutToChange && parentWidget())
        parentWidget()->removeEventFilter(this);
    if (event->type() == QEvent::ParentChange && parentWidget())
        parentWidget()->installEventFilter(this);
    if (event->type() == QEvent::Resize)
        adaptToWidth();
    return QWidget::event(event);
}

bool RuleEditorPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        adaptToWidth();
    return QWidget::eventFilter(watched, event);
}

void RuleEditorPanel::adaptToWidth()
{
    constexpr int kSideBySideWidth = 960;
    if (!m_sideBySide)
        return;
    const QWidget *room = parentWidget() ? parentWidget() : this;
    const Qt::Orientation wanted = room->width() < kSideBySideWidth ? Qt::Vertical : Qt::Horizontal;
    if (m_sideBySide->orientation() != wanted)
        m_sideBySide->setOrientation(wanted);
}

} // namespace harness::ui
