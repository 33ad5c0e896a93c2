// NewRuleDialog: a form whose OK button waits until RuleTableModel::checkNewRule has nothing to say.
#include "newruledialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace harness::ui {

namespace {
QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    }
    return out;
}
} // namespace

NewRuleDialog::NewRuleDialog(RuleTableModel::Kind kind, const RuleSet &rules, QWidget *parent)
    : QDialog(parent), m_kind(kind), m_rules(rules), m_name(new QLineEdit(this)),
      m_paths(new QLineEdit(this)), m_message(new QPlainTextEdit(this)), m_id(new QLabel(this)),
      m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("newRuleDialog"));
    const bool layer = kind == RuleTableModel::Kind::Layers;
    setWindowTitle(layer                                             ? tr("New Layer")
                           : kind == RuleTableModel::Kind::Limits    ? tr("New File-Length Limit")
                           : kind == RuleTableModel::Kind::Forbidden ? tr("New Forbidden Pattern")
                                                                     : tr("New Secret Pattern"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_paths->setObjectName(QStringLiteral("pathsEdit"));
    m_message->setObjectName(QStringLiteral("messageEdit"));
    m_id->setObjectName(QStringLiteral("idPreview"));
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setForegroundRole(QPalette::PlaceholderText);
    m_message->setTabChangesFocus(true);
    m_message->setFixedHeight(m_message->fontMetrics().lineSpacing() * 4 + 12);

    auto *form = new QFormLayout;
    form->addRow(layer ? tr("Layer &name:") : tr("Rule &name:"), m_name);
    form->addRow(tr("Id:"), m_id);
    if (kind != RuleTableModel::Kind::Secrets) {
        m_paths->setPlaceholderText(layer ? tr("globs, e.g. src/api/**; empty: <name>/**")
                                          : tr("globs, e.g. src/**; empty: every file"));
        form->addRow(tr("&Paths:"), m_paths);
    } else {
        m_paths->hide();
    }
    if (kind == RuleTableModel::Kind::Forbidden || kind == RuleTableModel::Kind::Secrets) {
        m_pattern = new QLineEdit(this);
        m_pattern->setObjectName(QStringLiteral("patternEdit"));
        m_pattern->setPlaceholderText(
                kind == RuleTableModel::Kind::Forbidden
                        ? tr("a regular expression, e.g. \\bprintf\\(")
                        : tr("a regular expression, e.g. internal_token_[A-Za-z0-9]{24}"));
        form->addRow(tr("P&attern:"), m_pattern);
        connect(m_pattern, &QLineEdit::textChanged, this, &NewRuleDialog::update);
    }
    if (kind == RuleTableModel::Kind::Limits) {
        m_maxLines = new QSpinBox(this);
        m_maxLines->setObjectName(QStringLiteral("maxLinesEdit"));
        m_maxLines->setRange(1, 1'000'000);
        m_maxLines->setValue(1000);
        form->addRow(tr("&Max lines:"), m_maxLines);
    }
    m_message->setPlaceholderText(
            layer ? tr("What the agent should do instead of depending on a layer it may "
                       "not use, e.g. \"api talks to storage through the service "
                       "interfaces only.\"")
                  : tr("What the agent should do instead, e.g. \"Log through Logger, "
                       "never printf.\""));
    form->addRow(tr("Message for the &agent:"), m_message);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &NewRuleDialog::update);
    connect(m_paths, &QLineEdit::textChanged, this, &NewRuleDialog::update);
    connect(m_message, &QPlainTextEdit::textChanged, this, &NewRuleDialog::update);
    resize(520, sizeHint().height());
    update();
}

NewRuleSpec NewRuleDialog::spec() const
{
    NewRuleSpec s;
    s.name = m_name->text().trimmed();
    s.paths = splitList(m_paths->text());
    s.pattern = m_pattern ? m_pattern->text() : QString();
    s.maxLines = m_maxLines ? m_maxLines->value() : 0;
    s.message = m_message->toPlainText().trimmed();
    return s;
}

QString NewRuleDialog::problem() const
{
    return RuleTableModel::checkNewRule(m_kind, spec(), m_rules);
}

void NewRuleDialog::update()
{
    m_id->setText(RuleTableModel::idFor(m_kind, m_name->text(), m_rules));
    const QString p = problem();
    m_problem->setText(p);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(p.isEmpty());
}

} // namespace harness::ui
