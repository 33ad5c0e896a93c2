// NewRuleDialog: what "Add layer" and "Add rule" ask before anything is added — the name (the id is
// derived from it and shown), the paths, the pattern or limit, and the message the agent will read.
#pragma once

#include "ruletablemodel.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace harness::ui {

class NewRuleDialog : public QDialog
{
    Q_OBJECT
public:
    NewRuleDialog(RuleTableModel::Kind kind, const RuleSet &rules, QWidget *parent = nullptr);
    NewRuleSpec spec() const;
    QString problem() const; // why OK is disabled, or empty

private:
    void update();

    RuleTableModel::Kind m_kind;
    RuleSet m_rules;
    QLineEdit *m_name;
    QLineEdit *m_paths;
    QLineEdit *m_pattern = nullptr;
    QSpinBox *m_maxLines = nullptr;
    QPlainTextEdit *m_message;
    QLabel *m_id;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace harness::ui
