// RuleDocument: snapshot-based undo commands over the (small) RuleSet.
#include "ruledocument.h"

#include <QDir>
#include <QFileInfo>

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

RuleDocument::RuleDocument(QObject *parent) : QObject(parent), m_undo(new QUndoStack(this)) { }

QString RuleDocument::filePath() const
{
    return QDir(m_root).filePath(QStringLiteral(".harness/rules.json"));
}

Status RuleDocument::load(const QString &repositoryRoot)
{
    m_root = repositoryRoot;
    RuleSet rules;
    if (QFileInfo::exists(filePath())) {
        auto loaded = RuleSet::load(filePath());
        if (!loaded)
            return Status::failure(
                    tr("%1 cannot be edited until it is fixed: %2").arg(filePath(), loaded.errorText()));
        rules = loaded.value();
    }
    m_undo->clear();
    m_saved = rules;
    setRules(rules);
    Q_EMIT modifiedChanged(false);
    return success();
}

Status RuleDocument::save()
{
    if (!m_validation)
        return Status::failure(
                tr("The rules are not saved because %1 — fix it first.").arg(m_validation.errorText()));
    QDir().mkpath(QFileInfo(filePath()).absolutePath());
    const Status saved = m_rules.save(filePath());
    if (!saved)
        return Status::failure(tr("Could not write %1: %2").arg(filePath(), saved.errorText()));
    m_saved = m_rules;
    m_undo->setClean();
    Q_EMIT modifiedChanged(false);
    Q_EMIT changed();
    return success();
}

bool RuleDocument::apply(const RuleSet &after, const QString &description, const QString &mergeKey)
{
    if (after == m_rules)
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

} // namespace harness::ui
