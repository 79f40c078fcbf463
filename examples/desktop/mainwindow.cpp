// SPDX-License-Identifier: BSD-3-Clause
#include "mainwindow.h"

#include <oauth4qt/authorizationcodeflow.h>
#include <oauth4qt/client.h>
#include <oauth4qt/desktopservices.h>
#include <oauth4qt/error.h>

#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QRegularExpression>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QStackedWidget>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QTreeWidget>
#include <QtWidgets/QVBoxLayout>

namespace {

QString initials(const QString &name)
{
    const QStringList parts = name.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return QStringLiteral("?");
    QString result = parts.constFirst().left(1);
    if (parts.size() > 1)
        result += parts.constLast().left(1);
    return result.toUpper();
}

QString claimText(const QString &name, const QJsonValue &value)
{
    static const QStringList times = { QStringLiteral("iat"), QStringLiteral("exp"), QStringLiteral("auth_time"),
                                       QStringLiteral("nbf"), QStringLiteral("updated_at") };
    if (times.contains(name) && value.isDouble())
        return QLocale().toString(QDateTime::fromSecsSinceEpoch(qint64(value.toDouble())), QLocale::ShortFormat);
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

} // namespace

MainWindow::MainWindow(const QUrl &issuer, const QString &clientId, const QString &scope, QWidget *parent)
    : QMainWindow(parent), m_flow(new OAuth4Qt::AuthorizationCodeFlow(this))
{
    setWindowTitle(tr("OAuth4Qt Desktop Example"));

    m_flow->setIssuer(issuer);
    m_flow->setClientId(clientId);
    m_flow->setScope(scope);
    // Plain http only for a provider on this machine (development).
    const QString host = issuer.host();
    m_flow->setAllowInsecureHttp(issuer.scheme() == QLatin1String("http")
                                 && (host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost")
                                     || host == QLatin1String("::1")));
    // Ask for the profile claims in the ID Token (OpenID Connect Core 5.5).
    m_flow->setExtraParameters({ { QStringLiteral("claims"),
                                   QStringLiteral(R"({"id_token":{"name":null,"email":null,"preferred_username":null}})") } });
    // The system browser through QDesktopServices (desktopservices.h).
    m_flow->setBrowserOpener(&OAuth4Qt::openUrlWithDesktopServices);

    connect(m_flow, &OAuth4Qt::AuthorizationCodeFlow::statusChanged, this, &MainWindow::updateStatus);
    connect(m_flow, &OAuth4Qt::AuthorizationCodeFlow::granted, this, &MainWindow::showSignedIn);
    connect(m_flow, &OAuth4Qt::AuthorizationCodeFlow::failed, this, &MainWindow::showError);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(24, 24, 24, 16);

    auto *title = new QLabel(tr("OAuth4Qt"), central);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.8);
    titleFont.setBold(true);
    title->setFont(titleFont);
    layout->addWidget(title);
    auto *provider = new QLabel(tr("Provider: %1 · Client: %2").arg(issuer.toDisplayString(), clientId), central);
    provider->setTextInteractionFlags(Qt::TextSelectableByMouse);
    provider->setStyleSheet(QStringLiteral("color: #616161;"));
    provider->setWordWrap(true);
    layout->addWidget(provider);

    m_pages = new QStackedWidget(central);
    layout->addWidget(m_pages, 1);

    // Page 0: signed out.
    auto *signedOut = new QWidget(m_pages);
    auto *outLayout = new QVBoxLayout(signedOut);
    outLayout->addStretch(1);
    auto *welcome = new QLabel(tr("Welcome"), signedOut);
    QFont welcomeFont = welcome->font();
    welcomeFont.setPointSizeF(welcomeFont.pointSizeF() * 1.6);
    welcome->setFont(welcomeFont);
    welcome->setAlignment(Qt::AlignCenter);
    outLayout->addWidget(welcome);
    auto *explanation = new QLabel(tr("Sign in with your account. Your web browser opens to sign in; "
                                      "then you come back here."), signedOut);
    explanation->setWordWrap(true);
    explanation->setAlignment(Qt::AlignCenter);
    outLayout->addWidget(explanation);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_signInButton = new QPushButton(tr("Sign in"), signedOut);
    m_signInButton->setDefault(true);
    m_signInButton->setMinimumSize(180, 40);
    m_signInButton->setStyleSheet(QStringLiteral(
        "QPushButton { background: #3949ab; color: white; border: none; border-radius: 4px; font-weight: bold; }"
        "QPushButton:disabled { background: #9fa8da; }"));
    buttons->addWidget(m_signInButton);
    m_cancelButton = new QPushButton(tr("Cancel"), signedOut);
    m_cancelButton->setMinimumHeight(40);
    m_cancelButton->hide();
    buttons->addWidget(m_cancelButton);
    buttons->addStretch(1);
    outLayout->addSpacing(12);
    outLayout->addLayout(buttons);
    m_error = new QLabel(signedOut);
    m_error->setWordWrap(true);
    m_error->setAlignment(Qt::AlignCenter);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    outLayout->addWidget(m_error);
    outLayout->addStretch(2);
    m_pages->addWidget(signedOut);

    // Page 1: signed in.
    auto *signedIn = new QWidget(m_pages);
    auto *inLayout = new QVBoxLayout(signedIn);
    auto *who = new QHBoxLayout;
    m_avatar = new QLabel(signedIn);
    m_avatar->setFixedSize(64, 64);
    m_avatar->setAlignment(Qt::AlignCenter);
    m_avatar->setStyleSheet(QStringLiteral("background: #3949ab; color: white; border-radius: 32px; font-size: 24px; font-weight: bold;"));
    who->addWidget(m_avatar);
    auto *names = new QVBoxLayout;
    m_name = new QLabel(signedIn);
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.5);
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    names->addWidget(m_name);
    m_email = new QLabel(signedIn);
    names->addWidget(m_email);
    who->addLayout(names, 1);
    inLayout->addLayout(who);
    inLayout->addSpacing(8);
    inLayout->addWidget(new QLabel(tr("ID Token claims"), signedIn));
    m_claims = new QTreeWidget(signedIn);
    m_claims->setColumnCount(2);
    m_claims->setHeaderLabels({ tr("Claim"), tr("Value") });
    m_claims->setRootIsDecorated(false);
    m_claims->setAlternatingRowColors(true);
    m_claims->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    inLayout->addWidget(m_claims, 1);
    m_expiry = new QLabel(signedIn);
    inLayout->addWidget(m_expiry);
    auto *outButtons = new QHBoxLayout;
    m_logoutAtProvider = new QCheckBox(tr("Also sign out at the provider"), signedIn);
    outButtons->addWidget(m_logoutAtProvider);
    outButtons->addStretch(1);
    auto *signOutButton = new QPushButton(tr("Sign out"), signedIn);
    signOutButton->setMinimumSize(140, 36);
    outButtons->addWidget(signOutButton);
    inLayout->addLayout(outButtons);
    m_pages->addWidget(signedIn);

    setCentralWidget(central);
    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);

    connect(m_signInButton, &QPushButton::clicked, this, &MainWindow::signIn);
    connect(m_cancelButton, &QPushButton::clicked, m_flow, &OAuth4Qt::AuthorizationCodeFlow::cancel);
    connect(signOutButton, &QPushButton::clicked, this, &MainWindow::signOut);
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::signIn()
{
    m_error->hide();
    m_flow->start();
}

void MainWindow::signOut()
{
    const QString idToken = m_tokens.idToken();
    m_tokens = OAuth4Qt::TokenResponse();
    m_claims->clear();
    m_pages->setCurrentIndex(0);
    updateStatus();
    qInfo("oauth4qt-example: signed out");
    if (m_logoutAtProvider->isChecked()) {
        // RP-initiated logout: the provider's end_session_endpoint (known after discovery).
        OAuth4Qt::Error error;
        const QUrl url = m_flow->client()->endSessionUrl(idToken, {}, {}, {}, &error);
        if (url.isValid())
            OAuth4Qt::openUrlWithDesktopServices(url);
        else
            showError(error);
    }
}

void MainWindow::updateStatus()
{
    using Status = OAuth4Qt::AuthorizationCodeFlow::Status;
    const Status status = m_flow->status();
    const bool busy = status == Status::AwaitingBrowser || status == Status::Exchanging;
    m_signInButton->setEnabled(!busy);
    m_cancelButton->setVisible(busy);
    switch (status) {
    case Status::AwaitingBrowser:
        m_status->setText(tr("Continue in your browser…"));
        break;
    case Status::Exchanging:
        m_status->setText(tr("Completing sign-in…"));
        break;
    default:
        m_status->setText(m_tokens.isNull() ? tr("Not signed in") : tr("Signed in"));
        break;
    }
}

void MainWindow::showSignedIn(const OAuth4Qt::TokenResponse &tokens)
{
    m_tokens = tokens;
    const QJsonObject claims = tokens.idTokenClaims();
    QString name = claims.value(QLatin1String("name")).toString();
    if (name.isEmpty())
        name = claims.value(QLatin1String("preferred_username")).toString();
    if (name.isEmpty())
        name = claims.value(QLatin1String("sub")).toString();
    m_name->setText(name);
    m_avatar->setText(initials(name));
    m_email->setText(claims.value(QLatin1String("email")).toString());
    m_email->setVisible(!m_email->text().isEmpty());
    m_claims->clear();
    QStringList keys = claims.keys();
    keys.sort();
    for (const QString &key : std::as_const(keys))
        new QTreeWidgetItem(m_claims, { key, claimText(key, claims.value(key)) });
    const QDateTime expiry = tokens.expiresAt();
    m_expiry->setText(expiry.isValid()
                          ? tr("Access token valid until %1").arg(QLocale().toString(expiry.toLocalTime().time(), QLocale::ShortFormat))
                          : QString());
    m_pages->setCurrentIndex(1);
    updateStatus();
    qInfo("oauth4qt-example: signed in");
}

void MainWindow::showError(const OAuth4Qt::Error &error)
{
    m_error->setText(error.errorString());
    m_error->show();
    updateStatus();
    qInfo("oauth4qt-example: sign-in failed: %s", qPrintable(error.codeName()));
}
