// RuleSettingsForm: the rule set's general settings — paths never checked, and how secrets are scanned
// (built-in patterns, the entropy check, allowed paths and patterns). Each edit is one undoable change.
#pragma once

#include "ruledocument.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;

namespace harness::ui {

class RuleSettingsForm : public QWidget
{
    Q_OBJECT
public:
    RuleSettingsForm(RuleDocument *document, QWidget *parent = nullptr);

Q_SIGNALS:
    void editRejected(const QString &message);

private:
    void refresh();
    void commit(const QString &what);

    RuleDocument *m_document;
    QLineEdit *m_exclude = nullptr;
    QCheckBox *m_builtin = nullptr;
    QDoubleSpinBox *m_entropy = nullptr;
    QLineEdit *m_allowPaths = nullptr;
    QLineEdit *m_allowPatterns = nullptr;
};

} // namespace harness::ui
