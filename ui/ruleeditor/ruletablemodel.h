// RuleTableModel: one kind of rule (layers, limits, forbidden patterns or secret patterns) as an
// editable table over a RuleDocument. Each edit is one undoable change; a value that cannot be read is
// refused with a message, and the cell the rule set's validation points at is shown in red.
#pragma once

#include "ruledocument.h"

#include <QAbstractTableModel>

namespace harness::ui {

// What a person gives for a new layer or rule; the id is derived from the name.
struct NewRuleSpec
{
    QString name; // the layer's name, or a short name of the rule ("no printf")
    QStringList paths; // globs; empty = the layer's folder (name/**) or every file (**)
    QString pattern; // forbidden and secret patterns: a regular expression
    int maxLines = 1000; // limits
    QString message; // what the agent reads when it breaks the rule
};

class RuleTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Kind { Layers, Limits, Forbidden, Secrets };

    RuleTableModel(Kind kind, RuleDocument *document, QObject *parent = nullptr);
    Kind kind() const { return m_kind; }

    // The id a new rule of this kind named `name` gets: "layer-api" for a layer "API", "no-printf" for a
    // rule "No printf"; made unique among the rules' ids with -2, -3, …
    static QString idFor(Kind kind, const QString &name, const RuleSet &rules);
    // Why the spec cannot be added (empty name or message, a taken layer name, a bad glob or
    // expression), or an empty string.
    static QString checkNewRule(Kind kind, const NewRuleSpec &spec, const RuleSet &rules);
    // Adds the rule as one undoable change and returns its row, or -1 (lastError() says why).
    int addRule(const NewRuleSpec &spec);
    // Removes a row, undoably.
    bool removeRule(int row);
    int rowOfId(const QString &id) const;
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The JSON key behind a column ("paths", "max_lines", …), matched against validation paths.
    QString columnKey(int column) const;
    QStringList keys() const; // JSON keys of the columns, in order

Q_SIGNALS:
    void editRejected(const QString &message);

private:
    QString arrayName() const;
    int invalidRow(int *column) const;

    Kind m_kind;
    RuleDocument *m_document;
    int m_rows = 0; // rows the view knows of
    QString m_lastError;
};

} // namespace harness::ui
