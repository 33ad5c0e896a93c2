// ProviderPrompt: Start's check that the repository's policy names who runs its tasks. When it names
// none, nothing starts: the settings dialog asks the user to pick a provider, and the start goes on
// only after a save that chose one — never on a default the user did not pick.
#pragma once

#include <QObject>
#include <QPointer>
#include <functional>

class QWidget;

namespace harness::ui {

class SettingsDialog;

class ProviderPrompt : public QObject
{
    Q_OBJECT
public:
    explicit ProviderPrompt(QWidget *window);

    // Calls `start` at once when the policy names a provider or an external agent (or cannot be read:
    // the run's own configuration check says where). Otherwise opens the settings dialog asking for
    // one; `start` follows a save that chose one, `notStarted` (with the reason) a dialog closed without.
    void requestStart(const QString &repositoryRoot, std::function<void()> start,
                      std::function<void(const QString &)> notStarted);
    SettingsDialog *dialog() const { return m_dialog; }

private:
    QWidget *m_window;
    QPointer<SettingsDialog> m_dialog;
};

} // namespace harness::ui
