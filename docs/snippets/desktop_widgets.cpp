// SPDX-License-Identifier: BSD-3-Clause
// Snippets of the desktop sign-in guide (Qt Widgets). Compiled in every build, never run.
#include <oauth4qt/authorizationcodeflow.h>
#include <oauth4qt/desktopservices.h>
#include <oauth4qt/tokensession.h>
#include <oauth4qt/tokenstore.h>

#include <QtCore/qdebug.h>
#include <QtWidgets/qlabel.h>
#include <QtWidgets/qmessagebox.h>
#include <QtWidgets/qpushbutton.h>
#include <QtWidgets/qwidget.h>

class SignInWidget : public QWidget
{
public:
    explicit SignInWidget(QWidget *parent = nullptr);

private:
    OAuth4Qt::AuthorizationCodeFlow *m_flow;
    OAuth4Qt::TokenSession *m_session;
    QPushButton *m_signInButton;
    QLabel *m_userLabel;
};

SignInWidget::SignInWidget(QWidget *parent)
    : QWidget(parent),
      m_flow(new OAuth4Qt::AuthorizationCodeFlow(this)),
      m_session(new OAuth4Qt::TokenSession(this)),
      m_signInButton(new QPushButton(tr("Sign in"), this)),
      m_userLabel(new QLabel(this))
{
//! [configure]
m_flow->setIssuer(QUrl(QStringLiteral("https://id.example.com")));
m_flow->setClientId(QStringLiteral("my-desktop-app"));     // a public client: no secret
m_flow->setScope(QStringLiteral("openid profile offline_access"));
// Open the system browser with QDesktopServices (Qt GUI) instead of the platform opener.
m_flow->setBrowserOpener(&OAuth4Qt::openUrlWithDesktopServices);
//! [configure]

//! [connect]
connect(m_signInButton, &QPushButton::clicked, m_flow, &OAuth4Qt::AuthorizationCodeFlow::start);

connect(m_flow, &OAuth4Qt::AuthorizationCodeFlow::granted, this,
        [this](const OAuth4Qt::TokenResponse &tokens) {
            // The ID Token has been validated (signature, iss, aud, exp, nonce, ...).
            const QJsonObject claims = tokens.idTokenClaims();
            m_userLabel->setText(claims.value(QLatin1String("name")).toString());
            m_session->setTokens(tokens); // keeps the tokens fresh from now on
        });
connect(m_flow, &OAuth4Qt::AuthorizationCodeFlow::failed, this,
        [this](const OAuth4Qt::Error &error) {
            if (error.code() == OAuth4Qt::ErrorCode::Cancelled)
                return; // the user pressed a Cancel button connected to cancel()
            QMessageBox::warning(this, tr("Sign-in failed"), error.errorString());
        });
//! [connect]

//! [status]
connect(m_flow, &OAuth4Qt::AuthorizationCodeFlow::statusChanged, this, [this] {
    using Status = OAuth4Qt::AuthorizationCodeFlow::Status;
    // Requesting or AwaitingUser: an attempt is under way.
    m_signInButton->setEnabled(!m_flow->isRunning());
    m_signInButton->setText(m_flow->status() == Status::AwaitingUser ? tr("Continue in your browser...")
                                                                     : tr("Sign in"));
});
//! [status]

//! [session]
m_session->setClient(m_flow->client()); // the same server and client registration
//! [session]
}
