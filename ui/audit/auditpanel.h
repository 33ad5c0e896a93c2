// AuditPanel: the audit trail — filter by actor and kind, "Verify Chain" (the first broken link is
// highlighted and scrolled to), export to JSON Lines or CSV with progress and cancel.
#pragma once

#include "audit/auditexporter.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QWidget>
#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace harness::ui {

class AuditModel;
class EmptyState;
class RepositorySession;

class AuditPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AuditPanel(QWidget *parent = nullptr);
    ~AuditPanel() override;
    void setSession(RepositorySession *session);

    AuditModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QComboBox *actorFilter() const { return m_actor; }
    QLineEdit *kindFilter() const { return m_kind; }
    QLabel *verifyLabel() const { return m_verifyResult; }
    QPushButton *verifyButton() const { return m_verify; }
    bool isBusy() const { return m_verifying || m_exportWatcher.isRunning(); }

public Q_SLOTS:
    void applyFilter();
    void verifyChain();
    // Exports with the current filter; asks for the file when path is empty.
    void exportTrail(harness::ui::AuditExporter::Format format, const QString &path = {});
    void cancelExport();

Q_SIGNALS:
    void verified(bool intact, qint64 firstBrokenLogId);
    void exported(const QString &path, qint64 events);
    void exportFailed(const QString &message);

private:
    void scrollToBroken();

    QPointer<RepositorySession> m_session;
    AuditModel *m_model;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QTableView *m_table;
    QComboBox *m_actor;
    QLineEdit *m_kind;
    QPushButton *m_verify;
    QLabel *m_verifyResult;
    QPushButton *m_exportJson;
    QPushButton *m_exportCsv;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QFutureWatcher<Result<qint64>> m_exportWatcher;
    std::shared_ptr<std::atomic<bool>> m_cancelFlag;
    std::shared_ptr<std::atomic<qint64>> m_scanned;
    QString m_exportPath;
    bool m_verifying = false;
};

} // namespace harness::ui
