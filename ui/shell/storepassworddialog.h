// StorePasswordDialog: asks for a shared PostgreSQL store's password when opening it failed for want of
// one or the server refused it. It names the store (user@host:port/db, never a password), takes the
// password and whether to remember it in the keychain, and asks for a connection; RepositoryOpener does
// the opening and the remembering, and answers with showRefusal() or closes it.
#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace harness {
struct StoreLocation;
}

namespace harness::ui {

class StorePasswordDialog : public QDialog
{
    Q_OBJECT
public:
    StorePasswordDialog(const StoreLocation &store, QWidget *parent);

    // The server's refusal (refused: a password was given and turned down, shown as an error) or why a
    // password is asked for at all, above the field; the field keeps what was typed, selected, so it can
    // be typed over.
    void showRefusal(const QString &text, bool refused);
    // While a connection is tried: the inputs are disabled and the dialog says so.
    void setConnecting(bool connecting);
    bool isConnecting() const { return m_connecting; }

    QLineEdit *passwordField() const { return m_password; }
    QCheckBox *rememberBox() const { return m_remember; }
    QPushButton *connectButton() const { return m_connect; }
    QLabel *refusalLine() const { return m_refusal; }

Q_SIGNALS:
    // Connect was pressed with a password typed. The password lives only in this call and the connection.
    void connectRequested(const QString &password, bool remember);

private:
    void updateConnect();

    QLabel *m_refusal;
    QLabel *m_state;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QPushButton *m_connect;
    bool m_connecting = false;
};

} // namespace harness::ui
