// RuleEditorPanel: the visual constraint-rule editor — layers on a canvas with live violations, tables for
// limits, forbidden and secret patterns with inline validation, undo/redo, and saving .harness/rules.json
// after showing what the agent's runs would now be told they violate, and the rules agents suggested
// (RuleSuggestionList: Accept adds one as an edit, Dismiss drops it). It shows the rules of the open
// repository's session: the document, undo stack and box positions are the session's, and the editor's
// widgets are rebuilt for each session, so nothing of one repository is shown or saved in another.
#pragma once

#include "livechecker.h"
#include "ruledocument.h"
#include "ruletablemodel.h"

#include "rules/rulefactory.h"

#include <QPointer>
#include <QSplitter>
#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QListWidget;
class QMessageBox;
class QPushButton;
class QTabWidget;
class QTableView;

namespace harness::ui {

class LayerCanvas;
class RepositorySession;
class RuleSuggestionList;

class RuleEditorPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RuleEditorPanel(QWidget *parent = nullptr);

    // Shows the session's rules (nullptr: no repository is open).
    void setSession(RepositorySession *session);

    // Starts saving through the rules service; saved(path) or saveFailed(message) follows. Refused at
    // once (with the reason shown) when there is nothing that may be saved.
    Status save();
    // Reads the file again, dropping unsaved edits.
    void reload();
    // For a file that cannot be parsed: asks, then keeps it as rules.json.bak and writes the default rules.
    void replaceKeepingBackup();
    // "Add layer" / "Add rule": asks for the name, paths and the message the agent will read.
    void addRule(RuleTableModel::Kind kind);

    // "Make this a rule": a rule made from the finding, its origin naming the run and the finding, added
    // as one undoable change and selected in its table. Returns the new rule's id.
    Result<QString> proposeFromFinding(const Finding &finding, const QString &runId,
                                       std::optional<NewRuleKind> kind = std::nullopt);

    // The open session's document; nullptr while no repository is open.
    RuleDocument *document() const { return m_document; }
    LayerCanvas *canvas() const { return m_canvas; }
    LiveChecker *checker() const { return m_checker; }
    RuleTableModel *model(RuleTableModel::Kind kind) const;
    QTableView *table(RuleTableModel::Kind kind) const;
    QTabWidget *tabs() const { return m_tabs; }
    // The rules agents suggested (rule_suggested events) that wait for Accept or Dismiss.
    RuleSuggestionList *suggestions() const { return m_suggestions; }
    QAction *saveAction() const { return m_saveAction; }
    QWidget *errorBanner() const { return m_banner; }
    QString errorBannerText() const;
    QString messageText() const;
    QStringList pendingEffect() const; // the lines of the "if you save" list

Q_SIGNALS:
    void checkFinished();
    void saved(const QString &path);
    void saveFailed(const QString &message);

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void adaptToWidth(); // canvas and tables side by side when there is room, else one above the other
    void buildEditor();
    void buildEmpty();
    QWidget *makeTableTab(QWidget *parent, RuleTableModel::Kind kind, const QString &addText);
    void documentChanged();
    void stateChanged();
    void saveFinished(const Status &result);
    void checkFinishedInternal(const LiveCheckResult &result);
    void showMessage(const QString &text, bool error);
    void updateTitle();
    void selectRule(RuleTableModel::Kind kind, const QString &ruleId);

    QPointer<RepositorySession> m_session;
    QPointer<RuleDocument> m_document;
    bool m_replacing = false;
    bool m_checkerReady = false; // the checker knows the repository (only once its rules can be read)
    // The editor's widgets, made for one document; m_content owns them all.
    QWidget *m_content = nullptr;
    LiveChecker *m_checker = nullptr;
    LayerCanvas *m_canvas = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPointer<QSplitter> m_sideBySide;
    QHash<int, RuleTableModel *> m_models;
    QHash<int, QTableView *> m_tables;
    QAction *m_saveAction = nullptr;
    QAction *m_reloadAction = nullptr;
    QWidget *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    QPushButton *m_replaceButton = nullptr;
    QWidget *m_editArea = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_validation = nullptr;
    QLabel *m_checkStatus = nullptr;
    QLabel *m_effectTitle = nullptr;
    QListWidget *m_effect = nullptr;
    RuleSuggestionList *m_suggestions = nullptr;
};

} // namespace harness::ui
