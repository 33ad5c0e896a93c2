// FindingsModel: every finding of every gate as one table (severity, file, line, rule, message, gate),
// with FindingsFilterModel on top to sort and filter it by text, minimum severity and gate.
#pragma once

#include "core/gateresult.h"

#include <QAbstractTableModel>
#include <QMap>
#include <QSortFilterProxyModel>

namespace harness::ui {

class FindingsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        SeverityColumn,
        FileColumn,
        LineColumn,
        RuleColumn,
        MessageColumn,
        GateColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, SeverityRole, GateRole, AcceptedRole };

    explicit FindingsModel(QObject *parent = nullptr);
    void setResults(const QList<GateResult> &results);
    // The findings a human accepted (Finding::id -> reason): shown as accepted, no longer waiting.
    void setAccepted(const QMap<QString, QString> &accepted);
    bool isAccepted(const Finding &finding) const { return m_accepted.contains(finding.id()); }
    // Findings that wait for a human: needing one, not accepted.
    int awaitingCount() const;
    const Finding &finding(int row) const { return m_findings[row]; }
    int findingCount() const { return int(m_findings.size()); }
    // Findings per file, to rank files in the diff's file tree.
    QHash<QString, int> countsByFile() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Finding> m_findings;
    QMap<QString, QString> m_accepted;
};

class FindingsFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit FindingsFilterModel(QObject *parent = nullptr);
    void setMinimumSeverity(Severity severity);
    void setGate(const QString &gate); // empty = every gate
    void setText(const QString &text); // matched against file, rule and message

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Severity m_minimum = Severity::Info;
    QString m_gate;
    QString m_text;
};

} // namespace harness::ui
