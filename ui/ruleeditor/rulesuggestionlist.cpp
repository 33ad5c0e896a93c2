// RuleSuggestionList: a header, then one card per pending suggestion in a scroll area. Everything in a
// card but its id comes from an agent, so it is shown as plain text.
#include "rulesuggestionlist.h"

#include "ruledocument.h"

#include "common/repositorysession.h"
#include "orchestration/rulesuggestionservice.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

namespace harness::ui {

namespace {

constexpr int kMaxShownChars = 360; // longer agent text is cut in the card; the tooltip has all of it

QString cut(const QString &text)
{
    const QString simple = text.simplified();
    return simple.size() <= kMaxShownChars ? simple : simple.left(kMaxShownChars - 1) + QChar(0x2026);
}

QString listOf(const QJsonValue &value)
{
    QStringList items;
    for (const QJsonValue &v : value.toArray())
        items << v.toString();
    return items.join(QStringLiteral(", "));
}

QLabel *textLabel(QWidget *parent, const QString &name, const QString &text, Qt::TextFormat format)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(format);
    label->setText(text);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

RuleSuggestionList::RuleSuggestionList(RepositorySession *session, RuleDocument *document, QWidget *parent)
    : QWidget(parent), m_session(session), m_document(document)
{
    setObjectName(QStringLiteral("ruleSuggestions"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 4);
    layout->setSpacing(4);
    auto *top = new QHBoxLayout;
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("ruleSuggestionsHeader"));
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);
    top->addWidget(m_header);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("ruleSuggestionsHint"));
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    top->addWidget(m_hint, 1);
    layout->addLayout(top);
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("ruleSuggestionsScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_cards = new QWidget(m_scroll);
    m_cardLayout = new QVBoxLayout(m_cards);
    m_cardLayout->setContentsMargins(0, 0, 0, 0);
    m_cardLayout->setSpacing(6);
    m_cardLayout->addStretch(1);
    m_scroll->setWidget(m_cards);
    layout->addWidget(m_scroll, 1);
    hide(); // until there is something to decide

    if (m_document)
        connect(m_document, &RuleDocument::stateChanged, this, &RuleSuggestionList::updateButtons);
    if (m_session)
        connect(m_session, &RepositorySession::logAdvanced, this, &RuleSuggestionList::reload);
    reload();
}

void RuleSuggestionList::reload()
{
    if (!m_session)
        return;
    if (m_loading) {
        m_loadAgain = true;
        return;
    }
    m_loading = true;
    m_session->worker()->post(
            this, [inbox = m_inbox](Store &store) { return RuleSuggestionService(store).read(inbox); },
            [this](const Result<RuleSuggestionInbox> &read) {
                m_loading = false;
                m_readError = read ? QString() : read.errorText();
                if (read)
                    adopt(*read);
                else
                    rebuild();
                if (m_loadAgain) {
                    m_loadAgain = false;
                    reload();
                }
            });
}

void RuleSuggestionList::adopt(const RuleSuggestionInbox &inbox)
{
    if (inbox.lastSeq() < m_inbox.lastSeq())
        return; // an older reading delivered after a newer one
    m_inbox = inbox;
    rebuild();
}

void RuleSuggestionList::rebuild()
{
    m_pending = m_inbox.pending();
    for (QWidget *old :
         m_cards->findChildren<QWidget *>(QStringLiteral("ruleSuggestion"), Qt::FindDirectChildrenOnly))
        delete old;
    int at = 0;
    for (const PendingRuleSuggestion &s : std::as_const(m_pending)) {
        QWidget *card = makeCard(s);
        m_cardLayout->insertWidget(at++, card);
        card->show(); // at once, not when the layout gets round to it
    }
    if (!m_readError.isEmpty()) {
        m_header->setText(tr("Suggested rules"));
        m_hint->setText(tr("The suggestions could not be read: %1").arg(m_readError));
    } else {
        m_header->setText(tr("Rules suggested by agents (%1)").arg(m_pending.size()));
        m_hint->setText(tr("Accept adds the rule below as an undoable edit; Save writes it."));
    }
    updateButtons();
    setVisible(!m_pending.isEmpty() || !m_readError.isEmpty());
    fitHeight();
    Q_EMIT changed();
}

void RuleSuggestionList::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        fitHeight();
}

// The heights the cards need at the list's width: the newest whole at least, never more than all of them.
void RuleSuggestionList::fitHeight()
{
    const int cardWidth = qMax(1, width() - m_scroll->verticalScrollBar()->sizeHint().width());
    const QList<QWidget *> cards =
            m_cards->findChildren<QWidget *>(QStringLiteral("ruleSuggestion"), Qt::FindDirectChildrenOnly);
    int first = 0, wanted = 0, all = 0;
    for (int i = 0; i < cards.size(); ++i) { // made newest first
        const int h = cards[i]->heightForWidth(cardWidth) + (i > 0 ? m_cardLayout->spacing() : 0);
        first = i == 0 ? h : first;
        wanted += i < kShownCards ? h : 0;
        all += h;
    }
    const QMargins margins = layout()->contentsMargins();
    const int hintWidth = qMax(1, width() - m_header->sizeHint().width() - 8);
    const int top = margins.top() + margins.bottom() + layout()->spacing() +
            qMax(m_header->sizeHint().height(), m_hint->heightForWidth(hintWidth));
    m_minimumHeight = top + first;
    m_wantedHeight = top + wanted;
    m_scroll->setMinimumHeight(first);
    setMaximumHeight(top + all);
    updateGeometry();
}

QSize RuleSuggestionList::minimumSizeHint() const
{
    return {QWidget::minimumSizeHint().width(), m_minimumHeight};
}

QSize RuleSuggestionList::sizeHint() const
{
    return {QWidget::sizeHint().width(), m_wantedHeight};
}

QWidget *RuleSuggestionList::makeCard(const PendingRuleSuggestion &s)
{
    const QJsonObject &rule = s.suggested.rule;
    auto *card = new QFrame(m_cards);
    card->setObjectName(QStringLiteral("ruleSuggestion"));
    card->setProperty("suggestion", s.id());
    card->setProperty("ruleId", s.ruleId());
    card->setStyleSheet(QStringLiteral("#ruleSuggestion { background:#f6f8fa; border:1px solid #d0d7de; "
                                       "border-radius:4px; }"));
    card->setToolTip(QString::fromUtf8(QJsonDocument(rule).toJson(QJsonDocument::Indented)));
    auto *row = new QHBoxLayout(card);
    row->setContentsMargins(8, 6, 8, 6);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);

    const QString kind = s.suggested.ruleKind;
    const QString kindText = kind == QLatin1String("layer") ? tr("Layer")
            : kind == QLatin1String("limit")                ? tr("Limit")
                                                            : tr("Forbidden");
    QString what = tr("paths %1").arg(listOf(rule.value(QStringLiteral("paths"))));
    if (kind == QLatin1String("layer"))
        what = tr("layer %1, %2, may use: %3")
                       .arg(rule.value(QStringLiteral("name")).toString(), what,
                            rule.value(QStringLiteral("allow")).toArray().isEmpty()
                                    ? tr("no other layer")
                                    : listOf(rule.value(QStringLiteral("allow"))));
    else if (kind == QLatin1String("limit"))
        what = tr("%1, at most %2 lines").arg(what).arg(rule.value(QStringLiteral("max_lines")).toInt());
    else if (rule.contains(QStringLiteral("imports")))
        what = tr("%1, imports %2").arg(what, listOf(rule.value(QStringLiteral("imports"))));
    else
        what = tr("%1, pattern %2").arg(what, rule.value(QStringLiteral("pattern")).toString());
    texts->addWidget(
            textLabel(card, QStringLiteral("ruleSuggestionTitle"),
                      QStringLiteral("<b>%1</b>&nbsp;&nbsp;<span style=\"color:#57606a\">%2 · %3</span>")
                              .arg(s.ruleId().toHtmlEscaped(), kindText, cut(what).toHtmlEscaped()),
                      Qt::RichText));
    QLabel *message =
            textLabel(card, QStringLiteral("ruleSuggestionMessage"),
                      tr("Tells the agent: %1").arg(cut(rule.value(QStringLiteral("message")).toString())),
                      Qt::PlainText);
    message->setToolTip(rule.value(QStringLiteral("message")).toString());
    texts->addWidget(message);
    QLabel *reason = textLabel(card, QStringLiteral("ruleSuggestionReason"),
                               tr("Why: %1").arg(cut(s.suggested.reason)), Qt::PlainText);
    reason->setToolTip(s.suggested.reason);
    texts->addWidget(reason);
    const QString when = s.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm"));
    QString origin = s.suggested.run.isEmpty()
            ? tr("Suggested by %1 · %2").arg(s.actor, when)
            : tr("Suggested by %1 in run %2 · %3").arg(s.actor, s.suggested.run, when);
    if (s.times > 1)
        origin += tr(" · suggested %n times", nullptr, s.times);
    QLabel *originLabel = textLabel(card, QStringLiteral("ruleSuggestionOrigin"), origin, Qt::PlainText);
    originLabel->setForegroundRole(QPalette::PlaceholderText);
    texts->addWidget(originLabel);
    QLabel *note = textLabel(card, QStringLiteral("ruleSuggestionNote"), {}, Qt::PlainText);
    texts->addWidget(note);
    row->addLayout(texts, 1);

    auto *buttons = new QVBoxLayout;
    auto *acceptBtn = new QPushButton(tr("Accept"), card);
    acceptBtn->setObjectName(QStringLiteral("acceptSuggestion"));
    auto *dismissBtn = new QPushButton(tr("Dismiss"), card);
    dismissBtn->setObjectName(QStringLiteral("dismissSuggestion"));
    dismissBtn->setToolTip(tr("Do not add rule %1; the suggestion is no longer listed").arg(s.ruleId()));
    buttons->addWidget(acceptBtn);
    buttons->addWidget(dismissBtn);
    buttons->addStretch(1);
    row->addLayout(buttons);
    const QString id = s.id();
    connect(acceptBtn, &QPushButton::clicked, this, [this, id] { accept(id); });
    connect(dismissBtn, &QPushButton::clicked, this, [this, id] { dismiss(id); });
    return card;
}

void RuleSuggestionList::updateButtons()
{
    const bool editable = m_document && m_document->isEditable();
    for (QWidget *card : m_cards->findChildren<QWidget *>(QStringLiteral("ruleSuggestion"))) {
        const QString id = card->property("suggestion").toString();
        const QString ruleId = card->property("ruleId").toString();
        const bool busy = m_busy.contains(id);
        auto *acceptBtn = card->findChild<QPushButton *>(QStringLiteral("acceptSuggestion"));
        acceptBtn->setEnabled(editable && !busy);
        acceptBtn->setToolTip(
                editable ? tr("Add rule %1 to the rules below as an undoable change; Save writes it to "
                              "rules.json")
                                   .arg(ruleId)
                         : tr("rules.json cannot be read, so no rule can be added to it: %1 Fix the file "
                              "and press Reload, or replace it, then accept.")
                                   .arg(m_document ? m_document->loadError() : QString()));
        card->findChild<QPushButton *>(QStringLiteral("dismissSuggestion"))->setEnabled(!busy);
        auto *note = card->findChild<QLabel *>(QStringLiteral("ruleSuggestionNote"));
        const QString text = busy ? tr("Recording your decision…") : m_notes.value(id);
        note->setText(text);
        note->setStyleSheet(busy ? QString() : QStringLiteral("QLabel { color: #cf222e; }"));
        note->setVisible(!text.isEmpty());
    }
}

void RuleSuggestionList::accept(const QString &suggestion)
{
    const std::optional<PendingRuleSuggestion> s = m_inbox.find(suggestion);
    if (!s || !m_document || !m_document->isEditable() || m_busy.contains(suggestion))
        return;
    auto added = RuleSuggestionInbox::addTo(m_document->rules(), *s);
    if (!added) {
        setNote(suggestion, tr("Not added: %1. It stays listed.").arg(added.errorText()));
        return;
    }
    m_document->apply(*added, tr("Accept suggested rule %1").arg(s->ruleId()));
    Q_EMIT accepted(s->suggested.ruleKind, s->ruleId());
    record(*s, RuleSuggestionDecidedPayload::kAccepted);
}

void RuleSuggestionList::dismiss(const QString &suggestion)
{
    if (const std::optional<PendingRuleSuggestion> s = m_inbox.find(suggestion);
        s && !m_busy.contains(suggestion))
        record(*s, RuleSuggestionDecidedPayload::kDismissed);
}

void RuleSuggestionList::record(const PendingRuleSuggestion &s, QLatin1StringView decision)
{
    if (!m_session)
        return;
    const QString id = s.id();
    const bool accepting = decision == RuleSuggestionDecidedPayload::kAccepted;
    m_busy.insert(id);
    m_notes.remove(id);
    updateButtons();
    Q_EMIT changed();
    m_session->worker()->post(
            this,
            [s, decision, inbox = m_inbox, actor = RepositorySession::userActor()](Store &store) {
                return RuleSuggestionService(store).decide(s, decision, actor, inbox);
            },
            [this, id, accepting](const Result<RuleSuggestionInbox> &decided) {
                m_busy.remove(id);
                if (decided) {
                    adopt(*decided);
                    return;
                }
                setNote(id,
                        accepting ? tr("%1 The rule is in the editor; the suggestion stays listed.")
                                            .arg(decided.errorText())
                                  : decided.errorText());
                reload();
            });
}

void RuleSuggestionList::setNote(const QString &suggestion, const QString &text)
{
    m_notes.insert(suggestion, text);
    updateButtons();
    Q_EMIT changed();
}

QWidget *RuleSuggestionList::card(const QString &ruleId) const
{
    for (QWidget *c : m_cards->findChildren<QWidget *>(QStringLiteral("ruleSuggestion")))
        if (c->property("ruleId").toString() == ruleId)
            return c;
    return nullptr;
}

QPushButton *RuleSuggestionList::acceptButton(const QString &ruleId) const
{
    QWidget *c = card(ruleId);
    return c ? c->findChild<QPushButton *>(QStringLiteral("acceptSuggestion")) : nullptr;
}

QPushButton *RuleSuggestionList::dismissButton(const QString &ruleId) const
{
    QWidget *c = card(ruleId);
    return c ? c->findChild<QPushButton *>(QStringLiteral("dismissSuggestion")) : nullptr;
}

QString RuleSuggestionList::headerText() const
{
    return m_header->text();
}

} // namespace harness::ui
