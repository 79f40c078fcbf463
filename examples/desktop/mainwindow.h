// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/tokenresponse.h>

#include <QtWidgets/QMainWindow>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTreeWidget;
QT_END_NAMESPACE

namespace OAuth4Qt {
class AuthorizationCodeFlow;
class Error;
}

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(const QUrl &issuer, const QString &clientId, const QString &scope, QWidget *parent = nullptr);
    ~MainWindow() override;

public Q_SLOTS:
    void signIn();
    void signOut();

private:
    void updateStatus();
    void showSignedIn(const OAuth4Qt::TokenResponse &tokens);
    void showError(const OAuth4Qt::Error &error);

    OAuth4Qt::AuthorizationCodeFlow *m_flow;
    OAuth4Qt::TokenResponse m_tokens;
    QStackedWidget *m_pages;
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
