// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/tokenresponse.h>

#include <QtWidgets/QMainWindow>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTreeWidget;
QT_END_NAMESPACE

namespace OAuth4Qt {
class AuthorizationCodeFlow;
class DeviceAuthorizationFlow;
class Error;
class KeychainTokenStore;
class MemoryTokenStore;
class TokenSession;
}

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    //! \a useKeychain: the session may be kept in the keychain ("stay signed in") and is
    //! restored from it at start.
    MainWindow(const QUrl &issuer, const QString &clientId, const QString &scope, bool useKeychain,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    //! Calls the API once signed in or restored (for scripts: the screenshot test).
    void setCallApiWhenSignedIn(bool call) { m_callApiWhenSignedIn = call; }

public Q_SLOTS:
    void signIn();
    void signInOnAnotherDevice();
    void signOut();
    void callApi();

private:
    void updateStatus();
    void updateDeviceCode();
    void signedIn(const OAuth4Qt::TokenResponse &tokens);
    void showSession();
    void showError(const OAuth4Qt::Error &error);

    OAuth4Qt::AuthorizationCodeFlow *m_flow;
    OAuth4Qt::DeviceAuthorizationFlow *m_deviceFlow;
    OAuth4Qt::TokenSession *m_session;
    OAuth4Qt::KeychainTokenStore *m_keychain = nullptr;
    OAuth4Qt::MemoryTokenStore *m_memory;
    QStackedWidget *m_pages;
    QCheckBox *m_staySignedIn;
    QPushButton *m_deviceButton;
    QLabel *m_deviceText;
    QLineEdit *m_deviceCode;
    QPushButton *m_copyCode;
    QProgressBar *m_deviceProgress;
    QLabel *m_deviceCountdown;
    QPushButton *m_apiButton;
    QLabel *m_apiResult;
    bool m_callApiWhenSignedIn = false;
    QLabel *m_status;
    QLabel *m_error;
    QPushButton *m_signInButton;
    QPushButton *m_cancelButton;
    QLabel *m_avatar;
    QLabel *m_name;
    QLabel *m_email;
    QTreeWidget *m_claims;
    QLabel *m_expiry;
    QCheckBox *m_logoutAtProvider;
};
