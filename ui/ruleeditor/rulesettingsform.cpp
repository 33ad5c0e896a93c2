// RuleSettingsForm: reads the form into a RuleSet, validates it, and records it as one change.
#include "rulesettingsform.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>

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

RuleSettingsForm::RuleSettingsForm(RuleDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document)
{
    auto *form = new QFormLayout(this);
    m_exclude = new QLineEdit(this);
    m_exclude->setObjectName(QStringLiteral("excludeEdit"));
    m_exclude->setPlaceholderText(tr("e.g. third_party/**, build/**"));
    m_exclude->setToolTip(
            tr("Path globs, separated by commas, that no rule checks (generated code, fixtures)"));
    form->addRow(tr("Never check:"), m_exclude);
    m_builtin = new QCheckBox(tr("Built-in patterns"), this);
    m_builtin->setObjectName(QStringLiteral("builtinSecretsCheck"));
    m_builtin->setToolTip(tr("Scan for well-known secrets: cloud and API keys, private keys"));
    form->addRow(tr("Secrets:"), m_builtin);
    m_entropy = new QDoubleSpinBox(this);
    m_entropy->setObjectName(QStringLiteral("entropySpin"));
    m_entropy->setRange(0.0, 8.0);
    m_entropy->setSingleStep(0.1);
    m_entropy->setDecimals(1);
    m_entropy->setSpecialValueText(tr("off"));
    m_entropy->setToolTip(tr("Values assigned to names like password or token that are at least this random "
                             "(bits per character) are reported; 0 turns the check off"));
    form->addRow(tr("Entropy check:"), m_entropy);
    m_allowPaths = new QLineEdit(this);
    m_allowPaths->setObjectName(QStringLiteral("allowPathsEdit"));
    m_allowPaths->setPlaceholderText(tr("e.g. tests/fixtures/**"));
    form->addRow(tr("Never scan:"), m_allowPaths);
    m_allowPatterns = new QLineEdit(this);
    m_allowPatterns->setObjectName(QStringLiteral("allowPatternsEdit"));
    m_allowPatterns->setPlaceholderText(tr("regular expressions of known test values"));
    form->addRow(tr("Allowed matches:"), m_allowPatterns);

    connect(m_exclude, &QLineEdit::editingFinished, this, [this] { commit(tr("paths never checked")); });
    connect(m_builtin, &QCheckBox::toggled, this, [this] { commit(tr("built-in secret patterns")); });
    connect(m_entropy, &QDoubleSpinBox::valueChanged, this, [this] { commit(tr("entropy check")); });
    connect(m_allowPaths, &QLineEdit::editingFinished, this, [this] { commit(tr("files never scanned")); });
    connect(m_allowPatterns, &QLineEdit::editingFinished, this, [this] { commit(tr("allowed matches")); });
    connect(document, &RuleDocument::changed, this, &RuleSettingsForm::refresh);
    refresh();
}

void RuleSettingsForm::refresh()
{
    const RuleSet &r = m_document->rules();
    const QSignalBlocker a(m_exclude), b(m_builtin), c(m_entropy), d(m_allowPaths), e(m_allowPatterns);
    m_exclude->setText(r.exclude.join(QStringLiteral(", ")));
    m_builtin->setChecked(r.secrets.builtin);
    m_entropy->setValue(r.secrets.entropy);
    m_allowPaths->setText(r.secrets.allowPaths.join(QStringLiteral(", ")));
    // Regular expressions may contain commas: one per line would be clearer, but a line edit keeps the
    // form compact; ", " separates them here, as in the tables.
    m_allowPatterns->setText(r.secrets.allowPatterns.join(QStringLiteral(", ")));
}

void RuleSettingsForm::commit(const QString &what)
{
    RuleSet after = m_document->rules();
    after.exclude = splitList(m_exclude->text());
    after.secrets.builtin = m_builtin->isChecked();
    after.secrets.entropy = m_entropy->value();
    after.secrets.allowPaths = splitList(m_allowPaths->text());
    after.secrets.allowPatterns = splitList(m_allowPatterns->text());
    // These fields are checked here, before they become part of the rules, so a bad glob or expression
    // is refused with its reason and the form shows the rules as they are.
    RuleSet probe = m_document->rules();
    probe.exclude = after.exclude;
    probe.secrets = after.secrets;
    const Status valid = probe.validate();
    if (!valid &&
        (valid.error().field.startsWith(QLatin1String("exclude")) ||
         valid.error().field.startsWith(QLatin1String("secrets.allow")))) {
        Q_EMIT editRejected(tr("%1: %2").arg(what, valid.errorText()));
        refresh();
        return;
    }
    m_document->apply(after, tr("Change %1").arg(what), QStringLiteral("settings/") + what);
}

} // namespace harness::ui
