// RuleTableModel: one kind of rule (layers, limits, forbidden patterns or secret patterns) as an
// editable table over a RuleDocument. Each edit is one undoable change; a value that cannot be read is
// refused with a message, and the cell the rule set's validation points at is shown in red.
#pragma once

#include "ruledocument.h"

#include <QAbstractTableModel>

namespace harness::ui {

class RuleTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Kind { Layers, Limits, Forbidden, Secrets };

    RuleTableModel(Kind kind, RuleDocument *document, QObject *parent = nullptr);
    Kind kind() const { return m_kind; }

    // Adds a valid rule with a fresh id and returns its row; removes a row. Both undoable.
    int addRule();
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
    QString m_lastError;
};

} // namespace harness::ui
