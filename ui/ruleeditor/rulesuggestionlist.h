// RuleSuggestionList: the rule editor's list of rules agents suggested through `harness mcp` and no human
// has decided on yet (docs/mcp.md), newest first, each with Accept and Dismiss. Accept adds the rule to
// the session's rule document as one undoable edit (saved as any edit) and Dismiss drops it; both are
// recorded through RuleSuggestionService on the store thread, so a decided suggestion stays gone after a
// restart. It belongs to one session's editor and is made again with it.
#pragma once

#include "orchestration/rulesuggestioninbox.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace harness::ui {

class RepositorySession;
class RuleDocument;

class RuleSuggestionList : public QWidget
{
    Q_OBJECT
public:
    RuleSuggestionList(RepositorySession *session, RuleDocument *document, QWidget *parent = nullptr);

    // Reads the pending suggestions again (on the store thread); changed() follows.
    void reload();
    bool isLoading() const { return m_loading; }

    // What is listed: the pending suggestions, newest first, and one card for each.
    QList<PendingRuleSuggestion> pending() const { return m_pending; }
    QWidget *card(const QString &ruleId) const;
    QPushButton *acceptButton(const QString &ruleId) const;
    QPushButton *dismissButton(const QString &ruleId) const;
    QString headerText() const;

    // Accept (adds the rule to the document, then records the decision) and Dismiss, as the buttons do.
    void accept(const QString &suggestion);
    void dismiss(const QString &suggestion);

    // At least the header and the newest card; wanted: up to kShownCards cards, the rest scrolls.
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;
    static constexpr int kShownCards = 3;

Q_SIGNALS:
    void changed(); // the list, a card's note or a decision in flight changed
    void accepted(const QString &ruleKind, const QString &ruleId); // the rule was added to the document

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitHeight();
    void adopt(const RuleSuggestionInbox &inbox);
    void rebuild();
    QWidget *makeCard(const PendingRuleSuggestion &s);
    void updateButtons();
    void record(const PendingRuleSuggestion &s, QLatin1StringView decision);
    void setNote(const QString &suggestion, const QString &text);

    QPointer<RepositorySession> m_session;
    QPointer<RuleDocument> m_document;
    RuleSuggestionInbox m_inbox;
    QList<PendingRuleSuggestion> m_pending;
    bool m_loading = false;
    bool m_loadAgain = false;
    QString m_readError;
    QHash<QString, QString> m_notes; // by suggestion: what happened to the last Accept or Dismiss
    QSet<QString> m_busy; // suggestions whose decision is being recorded
    QLabel *m_header = nullptr;
    QLabel *m_hint = nullptr;
    int m_minimumHeight = 0;
    int m_wantedHeight = 0;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_cards = nullptr;
    QVBoxLayout *m_cardLayout = nullptr;
};

} // namespace harness::ui
