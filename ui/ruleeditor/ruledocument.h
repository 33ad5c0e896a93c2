// RuleDocument: the rules being edited — the current RuleSet, the one on disk, and a QUndoStack through
// which every change goes, so each edit (canvas or table) can be undone and redone.
#pragma once

#include "rules/ruleset.h"

#include <QObject>
#include <QUndoStack>

namespace harness::ui {

class RuleDocument : public QObject
{
    Q_OBJECT
public:
    explicit RuleDocument(QObject *parent = nullptr);

    // Loads root/.harness/rules.json (an absent file starts an empty rule set). Clears the undo history.
    Status load(const QString &repositoryRoot);
    // Writes the rules with RuleSet's stable formatting; refused while the rules do not validate.
    Status save();
    QString filePath() const;
    QString root() const { return m_root; }

    const RuleSet &rules() const { return m_rules; }
    const RuleSet &savedRules() const { return m_saved; }
    bool isModified() const { return m_rules != m_saved; }
    // The first problem of the current rules (Error::field is its JSON path), or success.
    Status validation() const { return m_validation; }
    QUndoStack *undoStack() const { return m_undo; }

    // Records a change as one undoable step. Steps with the same mergeKey (e.g. typing into one cell)
    // coalesce into one. Returns false when nothing changed.
    bool apply(const RuleSet &after, const QString &description, const QString &mergeKey = {});

    // Canvas operations, each one undoable step.
    bool allowDependency(const QString &fromLayer, const QString &toLayer);
    bool forbidDependency(const QString &fromLayer, const QString &toLayer);

Q_SIGNALS:
    void changed();
    void modifiedChanged(bool modified);

private:
    friend class RuleSetCommand;
    void setRules(const RuleSet &rules);

    QString m_root;
    RuleSet m_rules;
    RuleSet m_saved;
    Status m_validation = success();
    QUndoStack *m_undo = nullptr;
};

} // namespace harness::ui
