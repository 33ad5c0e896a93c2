// RuleDocument: snapshot-based undo commands over the (small) RuleSet; reads and writes go through
// RulesService (writes on the session's store thread).
#include "ruledocument.h"

#include "common/repositorysession.h"
#include "orchestration/projectinitializer.h"
#include "orchestration/rulesservice.h"

namespace harness::ui {

class RuleSetCommand : public QUndoCommand
{
public:
    RuleSetCommand(RuleDocument *doc, RuleSet before, RuleSet after, const QString &text,
                   const QString &mergeKey)
        : QUndoCommand(text), m_doc(doc), m_before(std::move(before)), m_after(std::move(after)),
          m_key(mergeKey)
    { }
    void undo() override { m_doc->setRules(m_before); }
    void redo() override { m_doc->setRules(m_after); }
    int id() const override { return m_key.isEmpty() ? -1 : 1; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *next = static_cast<const RuleSetCommand *>(other);
        if (next->m_key != m_key)
            return false;
        m_after = next->m_after;
        return true;
    }

private:
    RuleDocument *m_doc;
    RuleSet m_before, m_after;
    QString m_key;
};

RuleDocument *RuleDocument::of(RepositorySession *session)
{
    return session->viewState<RuleDocument>(QStringLiteral("ruleeditor/document"), [](RepositorySession *s) {
        auto *doc = new RuleDocument(s);
        (void)doc->load(); // a file that cannot be read is the document's state: loadError(), the banner
        return doc;
    });
}

RuleDocument::RuleDocument(RepositorySession *session)
    : QObject(session), m_session(session), m_root(session->repositoryRoot()),
      m_filePath(RulesService::rulesPath(session->repositoryRoot())), m_undo(new QUndoStack(this))
{ }

RuleSet RuleDocument::defaultRules()
{
    auto rules =
            RuleSet::fromJsonText(ProjectInitializer::defaultFile(QStringLiteral(".harness/rules.json")));
    return rules ? *rules : RuleSet();
}

Status RuleDocument::load()
{
    auto loaded = RulesService::load(m_root);
    m_undo->clear();
    m_editable = loaded.ok();
    m_loadError = loaded ? QString() : loaded.errorText();
    adopt(loaded ? loaded->rules : RuleSet(), loaded ? loaded->fingerprint : QByteArray());
    Q_EMIT stateChanged();
    return loaded ? success() : Status(loaded.error());
}

void RuleDocument::adopt(const RuleSet &rules, const QByteArray &fingerprint)
{
    const bool wasModified = isModified();
    m_fingerprint = fingerprint;
    m_saved = rules;
    m_rules = rules;
    m_validation = m_rules.validate();
    Q_EMIT changed();
    if (wasModified)
        Q_EMIT modifiedChanged(false);
}

Status RuleDocument::save()
{
    if (!m_editable)
        return Status::failure(m_loadError);
    if (m_saving)
        return Status::failure(tr("The rules are being saved; wait a moment."));
    if (!m_validation)
        return Status::failure(
                tr("The rules are not saved because %1 — fix it first.").arg(m_validation.errorText()));
    if (!isModified())
        return Status::failure(tr("There are no unsaved changes."));
    m_saving = true;
    Q_EMIT stateChanged();
    const RuleSet rules = m_rules;
    const QByteArray fingerprint = m_fingerprint;
    const QString root = m_root, actor = RepositorySession::userActor();
    m_session->worker()->post(
            this,
            [root, rules, fingerprint, actor](Store &store) {
                return RulesService(store, root).save(rules, fingerprint, actor);
            },
            [this](const Result<RulesFile> &written) {
                m_saving = false;
                if (written) {
                    // Edits made while the file was written stay unsaved on top of it.
                    const bool wasModified = isModified();
                    m_fingerprint = written->fingerprint;
                    m_saved = written->rules;
                    Q_EMIT changed();
                    if (wasModified != isModified())
                        Q_EMIT modifiedChanged(isModified());
                }
                Q_EMIT stateChanged();
                Q_EMIT saveFinished(written ? success() : Status(written.error()));
            });
    return success();
}

Status RuleDocument::replaceKeepingBackup()
{
    if (m_editable)
        return Status::failure(tr("%1 can be read; edit and save it instead.").arg(m_filePath));
    if (m_saving)
        return Status::failure(tr("The rules are being saved; wait a moment."));
    m_saving = true;
    Q_EMIT stateChanged();
    const RuleSet rules = defaultRules();
    const QString root = m_root, actor = RepositorySession::userActor();
    m_session->worker()->post(
            this,
            [root, rules, actor](Store &store) {
                return RulesService(store, root).replaceUnreadable(rules, actor);
            },
            [this](const Result<RulesFile> &written) {
                m_saving = false;
                if (written) {
                    m_undo->clear();
                    m_editable = true;
                    m_loadError.clear();
                    adopt(written->rules, written->fingerprint);
                }
                Q_EMIT stateChanged();
                Q_EMIT saveFinished(written ? success() : Status(written.error()));
            });
    return success();
}

bool RuleDocument::apply(const RuleSet &after, const QString &description, const QString &mergeKey)
{
    if (!m_editable || after == m_rules)
        return false;
    m_undo->push(new RuleSetCommand(this, m_rules, after, description, mergeKey));
    return true;
}

void RuleDocument::setRules(const RuleSet &rules)
{
    const bool wasModified = isModified();
    m_rules = rules;
    m_validation = m_rules.validate();
    Q_EMIT changed();
    if (wasModified != isModified())
        Q_EMIT modifiedChanged(isModified());
}

bool RuleDocument::allowDependency(const QString &fromLayer, const QString &toLayer)
{
    RuleSet after = m_rules;
    for (Layer &layer : after.layers) {
        if (layer.name == fromLayer && fromLayer != toLayer && !layer.allow.contains(toLayer)) {
            layer.allow.append(toLayer);
            return apply(after, tr("Allow %1 → %2").arg(fromLayer, toLayer));
        }
    }
    return false;
}

bool RuleDocument::forbidDependency(const QString &fromLayer, const QString &toLayer)
{
    RuleSet after = m_rules;
    for (Layer &layer : after.layers) {
        if (layer.name == fromLayer && layer.allow.removeAll(toLayer) > 0)
            return apply(after, tr("Forbid %1 → %2").arg(fromLayer, toLayer));
    }
    return false;
}

void RuleDocument::setLayerPositions(const QHash<QString, QPointF> &positions, const QSet<QString> &moved)
{
    m_positions = positions;
    m_moved = moved;
}

} // namespace harness::ui
