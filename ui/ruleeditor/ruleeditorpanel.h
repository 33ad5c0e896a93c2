// RuleEditorPanel: the visual constraint-rule editor — layers on a canvas with live violations, tables for
// limits, forbidden and secret patterns with inline validation, undo/redo, and saving .harness/rules.json
// after showing what the agent's runs would now be told they violate.
#pragma once

#include "livechecker.h"
#include "ruledocument.h"
#include "ruletablemodel.h"

#include "rules/rulefactory.h"

#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QTabWidget;
class QTableView;

namespace harness::ui {

class LayerCanvas;

class RuleEditorPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RuleEditorPanel(QWidget *parent = nullptr);

    // Loads root/.harness/rules.json and starts checking the tree in the background.
    Status openRepository(const QString &root);
    Status save();
    void reload();

    // "Make this a rule": a rule made from the finding, its origin naming the run and the finding, added
    // as one undoable change and selected in its table. Returns the new rule's id.
    Result<QString> proposeFromFinding(const Finding &finding, const QString &runId,
                                       std::optional<NewRuleKind> kind = std::nullopt);

    RuleDocument *document() const { return m_document; }
    LayerCanvas *canvas() const { return m_canvas; }
    LiveChecker *checker() const { return m_checker; }
    RuleTableModel *model(RuleTableModel::Kind kind) const;
    QTableView *table(RuleTableModel::Kind kind) const;
    QTabWidget *tabs() const { return m_tabs; }
    QString messageText() const;
    QStringList pendingEffect() const; // the lines of the "if you save" list

Q_SIGNALS:
    void checkFinished();
    void saved(const QString &path);

private:
    QWidget *makeTableTab(RuleTableModel::Kind kind, const QString &addText);
    void documentChanged();
    void checkFinishedInternal(const LiveCheckResult &result);
    void showMessage(const QString &text, bool error);
    void updateTitle();

    RuleDocument *m_document = nullptr;
    LiveChecker *m_checker = nullptr;
    LayerCanvas *m_canvas = nullptr;
    QTabWidget *m_tabs = nullptr;
    QHash<int, RuleTableModel *> m_models;
    QHash<int, QTableView *> m_tables;
    QLabel *m_message = nullptr;
    QLabel *m_validation = nullptr;
    QLabel *m_checkStatus = nullptr;
    QLabel *m_effectTitle = nullptr;
    QListWidget *m_effect = nullptr;
};

} // namespace harness::ui
