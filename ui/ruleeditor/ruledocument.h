// RuleDocument: one repository's rules being edited — the current RuleSet, the one on disk, a QUndoStack
// through which every change goes, and where the layer boxes stand. It belongs to that repository's
// session and is bound to its rules file for life: it loads and saves that file and no other, and it
// never saves over a file it could not parse (that file can only be replaced, keeping a backup).
#pragma once

#include "rules/ruleset.h"

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QSet>
#include <QUndoStack>

namespace harness::ui {

class RepositorySession;

class RuleDocument : public QObject
{
    Q_OBJECT
public:
    // The session's rules; made once per session (RepositorySession::viewState) and loaded.
    static RuleDocument *of(RepositorySession *session);
    explicit RuleDocument(RepositorySession *session);

    QString root() const { return m_root; }
    QString filePath() const { return m_filePath; }

    // Reads the file again (an absent file starts an empty rule set). Clears the undo history. A file that
    // cannot be parsed leaves the document empty and not editable; loadError() says why.
    Status load();
    bool isEditable() const { return m_editable; }
    QString loadError() const { return m_loadError; }

    // Saves through the rules service on the store thread (atomic write, rules_changed event);
    // saveFinished follows. Refused at once when nothing can be saved (see canSave).
    Status save();
    bool canSave() const { return m_editable && !m_saving && isModified() && m_validation.ok(); }
    bool isSaving() const { return m_saving; }
    // For a file that could not be parsed: keeps it as rules.json.bak and writes the default rules in its
    // place (after the person confirmed); the document is then loaded from the new file.
    Status replaceKeepingBackup();
    static RuleSet defaultRules();

    const RuleSet &rules() const { return m_rules; }
    const RuleSet &savedRules() const { return m_saved; }
    bool isModified() const { return m_rules != m_saved; }
    // The first problem of the current rules (Error::field is its JSON path), or success.
    Status validation() const { return m_validation; }
    QUndoStack *undoStack() const { return m_undo; }

    // Records a change as one undoable step. Steps with the same mergeKey (e.g. typing into one cell)
    // coalesce into one. Returns false when nothing changed or the document is not editable.
    bool apply(const RuleSet &after, const QString &description, const QString &mergeKey = {});

    // Canvas operations, each one undoable step.
    bool allowDependency(const QString &fromLayer, const QString &toLayer);
    bool forbidDependency(const QString &fromLayer, const QString &toLayer);

    // Where the layer boxes stand on the canvas (editor layout only; never written to rules.json).
    // Boxes the person moved keep their place when the layout is computed again.
    const QHash<QString, QPointF> &layerPositions() const { return m_positions; }
    const QSet<QString> &movedLayers() const { return m_moved; }
    void setLayerPositions(const QHash<QString, QPointF> &positions, const QSet<QString> &moved);

Q_SIGNALS:
    void changed();
    void modifiedChanged(bool modified);
    void stateChanged(); // editable, saving, or the load error changed
    void saveFinished(const harness::Status &result);

private:
    friend class RuleSetCommand;
    void setRules(const RuleSet &rules);
    void adopt(const RuleSet &rules, const QByteArray &fingerprint);

    RepositorySession *m_session;
    const QString m_root;
    const QString m_filePath;
    bool m_editable = false;
    bool m_saving = false;
    QString m_loadError;
    QByteArray m_fingerprint; // of the file as read or last written; empty = absent
    RuleSet m_rules;
    RuleSet m_saved;
    Status m_validation = success();
    QUndoStack *m_undo = nullptr;
    QHash<QString, QPointF> m_positions;
    QSet<QString> m_moved;
};

} // namespace harness::ui
