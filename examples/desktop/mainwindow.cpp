// SPDX-License-Identifier: BSD-3-Clause
#include "mainwindow.h"

#include <oauth4qt/authorizationcodeflow.h>
#include <oauth4qt/client.h>
#include <oauth4qt/desktopservices.h>
#include <oauth4qt/deviceauthorizationflow.h>
#include <oauth4qt/error.h>
#include <oauth4qt/resourcereply.h>
#include <oauth4qt/servermetadata.h>
#include <oauth4qt/tokensession.h>
#include <oauth4qt/tokenstore.h>

#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QRegularExpression>
#include <QtGui/QClipboard>
#include <QtGui/QGuiApplication>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QProgressBar>
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

MainWindow::MainWindow(const QUrl &issuer, const QString &clientId, const QString &scope, bool useKeychain,
                       QWidget *parent)
    : QMainWindow(parent),
      m_flow(new OAuth4Qt::AuthorizationCodeFlow(this)),
      m_deviceFlow(new OAuth4Qt::DeviceAuthorizationFlow(this)),
      m_session(new OAuth4Qt::TokenSession(this)),
      m_memory(new OAuth4Qt::MemoryTokenStore(this))
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
    connect(m_flow, &OAuth4Qt::AuthorizationCodeFlow::granted, this, &MainWindow::signedIn);
    connect(m_flow, &OAuth4Qt::AuthorizationCodeFlow::failed, this, &MainWindow::showError);

    // Sign-in on a device without a browser (a code entered on a phone or computer), with the
    // same client.
    m_deviceFlow->setClient(m_flow->client());
    m_deviceFlow->setScope(scope);
    connect(m_deviceFlow, &OAuth4Qt::DeviceAuthorizationFlow::statusChanged, this, &MainWindow::updateStatus);
    connect(m_deviceFlow, &OAuth4Qt::DeviceAuthorizationFlow::userCodeChanged, this, &MainWindow::updateDeviceCode);
    connect(m_deviceFlow, &OAuth4Qt::DeviceAuthorizationFlow::remainingTimeChanged, this, &MainWindow::updateDeviceCode);
    connect(m_deviceFlow, &OAuth4Qt::DeviceAuthorizationFlow::granted, this, &MainWindow::signedIn);
    connect(m_deviceFlow, &OAuth4Qt::DeviceAuthorizationFlow::failed, this, &MainWindow::showError);

    // The session: tokens, refresh, and (stay signed in) the keychain.
    m_session->setClient(m_flow->client());
    if (useKeychain && OAuth4Qt::KeychainTokenStore::isCompiledIn())
        m_keychain = new OAuth4Qt::KeychainTokenStore(QStringLiteral("org.oauth4qt.DesktopExample"), this);
    m_session->setStore(m_keychain ? static_cast<OAuth4Qt::TokenStore *>(m_keychain) : m_memory);
    connect(m_session, &OAuth4Qt::TokenSession::restored, this, [this](bool found, const OAuth4Qt::Error &error) {
        if (found) {
            showSession();
            qInfo("oauth4qt-example: session restored");
            if (m_callApiWhenSignedIn)
                callApi();
        } else if (error) {
            qInfo("oauth4qt-example: no session restored: %s", qPrintable(error.codeName()));
        }
    });
    connect(m_session, &OAuth4Qt::TokenSession::sessionEnded, this, [this](const OAuth4Qt::Error &reason) {
        m_claims->clear();
        m_apiResult->clear();
        m_pages->setCurrentIndex(0);
        if (reason)
            showError(reason);
        updateStatus();
    });

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
    auto *otherButtons = new QHBoxLayout;
    otherButtons->addStretch(1);
    m_deviceButton = new QPushButton(tr("Sign in on another device…"), signedOut);
    m_deviceButton->setFlat(true);
    m_deviceButton->setToolTip(tr("Shows a code to enter on a phone or computer (for devices without a browser)"));
    otherButtons->addWidget(m_deviceButton);
    otherButtons->addStretch(1);
    outLayout->addLayout(otherButtons);
    auto *stayLayout = new QHBoxLayout;
    stayLayout->addStretch(1);
    m_staySignedIn = new QCheckBox(tr("Stay signed in"), signedOut);
    m_staySignedIn->setToolTip(tr("Keeps the session in the system keychain for the next start"));
    m_staySignedIn->setChecked(m_keychain != nullptr);
    m_staySignedIn->setEnabled(m_keychain != nullptr);
    stayLayout->addWidget(m_staySignedIn);
    stayLayout->addStretch(1);
    outLayout->addLayout(stayLayout);
    m_error = new QLabel(signedOut);
    m_error->setWordWrap(true);
    m_error->setAlignment(Qt::AlignCenter);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    outLayout->addWidget(m_error);
    outLayout->addStretch(2);
    m_pages->addWidget(signedOut);

    // Page 1: the device flow's code, with a countdown.
    auto *device = new QWidget(m_pages);
    auto *deviceLayout = new QVBoxLayout(device);
    deviceLayout->addStretch(1);
    auto *deviceTitle = new QLabel(tr("Sign in on another device"), device);
    deviceTitle->setFont(welcomeFont);
    deviceTitle->setAlignment(Qt::AlignCenter);
    deviceLayout->addWidget(deviceTitle);
    m_deviceText = new QLabel(device);
    m_deviceText->setWordWrap(true);
    m_deviceText->setAlignment(Qt::AlignCenter);
    m_deviceText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    deviceLayout->addWidget(m_deviceText);
    m_deviceCode = new QLineEdit(device);
    m_deviceCode->setReadOnly(true);
    m_deviceCode->setAlignment(Qt::AlignCenter);
    m_deviceCode->setAccessibleName(tr("Code"));
    QFont codeFont(QStringLiteral("monospace"));
    codeFont.setStyleHint(QFont::Monospace);
    codeFont.setPointSizeF(welcomeFont.pointSizeF() * 1.3);
    codeFont.setBold(true);
    codeFont.setLetterSpacing(QFont::AbsoluteSpacing, 4);
    m_deviceCode->setFont(codeFont);
    m_deviceCode->setMaximumWidth(320);
    auto *codeRow = new QHBoxLayout;
    codeRow->addStretch(1);
    codeRow->addWidget(m_deviceCode);
    m_copyCode = new QPushButton(tr("Copy code"), device);
    codeRow->addWidget(m_copyCode);
    codeRow->addStretch(1);
    deviceLayout->addLayout(codeRow);
    m_deviceProgress = new QProgressBar(device);
    m_deviceProgress->setTextVisible(false);
    m_deviceProgress->setMaximumHeight(8);
    deviceLayout->addWidget(m_deviceProgress);
    m_deviceCountdown = new QLabel(device);
    m_deviceCountdown->setAlignment(Qt::AlignCenter);
    deviceLayout->addWidget(m_deviceCountdown);
    auto *deviceButtons = new QHBoxLayout;
    deviceButtons->addStretch(1);
    auto *openPage = new QPushButton(tr("Open the page here"), device);
    deviceButtons->addWidget(openPage);
    auto *cancelDevice = new QPushButton(tr("Cancel"), device);
    deviceButtons->addWidget(cancelDevice);
    deviceButtons->addStretch(1);
    deviceLayout->addLayout(deviceButtons);
    deviceLayout->addStretch(2);
    m_pages->addWidget(device);
    connect(m_copyCode, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_deviceCode->text());
        m_copyCode->setText(tr("Copied"));
    });
    connect(openPage, &QPushButton::clicked, this, [this] {
        const QUrl complete = m_deviceFlow->verificationUriComplete();
        OAuth4Qt::openUrlWithDesktopServices(complete.isValid() && !complete.isEmpty() ? complete : m_deviceFlow->verificationUri());
    });
    connect(cancelDevice, &QPushButton::clicked, m_deviceFlow, &OAuth4Qt::DeviceAuthorizationFlow::cancel);

    // Page 2: signed in.
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
    auto *apiRow = new QHBoxLayout;
    m_apiButton = new QPushButton(tr("Call the API"), signedIn);
    m_apiButton->setToolTip(tr("Calls the provider's UserInfo endpoint with the session's access token"));
    apiRow->addWidget(m_apiButton);
    m_apiResult = new QLabel(signedIn);
    m_apiResult->setWordWrap(true);
    apiRow->addWidget(m_apiResult, 1);
    inLayout->addLayout(apiRow);
    auto *outButtons = new QHBoxLayout;
    m_logoutAtProvider = new QCheckBox(tr("Also sign out at the provider"), signedIn);
    m_logoutAtProvider->setChecked(true);
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
    connect(m_deviceButton, &QPushButton::clicked, this, &MainWindow::signInOnAnotherDevice);
    connect(m_apiButton, &QPushButton::clicked, this, &MainWindow::callApi);
    updateStatus();
    // The session of the last start, if the keychain holds one ("stay signed in").
    m_session->restore();
}

MainWindow::~MainWindow() = default;

void MainWindow::signIn()
{
    m_error->hide();
    m_flow->start();
}

void MainWindow::signInOnAnotherDevice()
{
    m_error->hide();
    m_deviceFlow->start();
}

void MainWindow::signOut()
{
    auto finish = [this](const QUrl &logoutUrl) {
        m_session->endSession(); // also removes the session from the keychain
        qInfo("oauth4qt-example: signed out");
        if (logoutUrl.isValid() && !logoutUrl.isEmpty())
            OAuth4Qt::openUrlWithDesktopServices(logoutUrl);
    };
    if (!m_logoutAtProvider->isChecked()) {
        finish({});
        return;
    }
    // RP-initiated logout: the provider's end_session_endpoint comes with its metadata; the URL
    // carries the ID Token as a hint, so it is built before the session ends.
    OAuth4Qt::DiscoveryReply *reply = m_flow->client()->discover();
    connect(reply, &OAuth4Qt::Reply::finished, this, [this, reply, finish] {
        reply->deleteLater();
        OAuth4Qt::Error error = reply->error();
        QUrl url;
        if (!error)
            url = m_flow->client()->endSessionUrl(m_session->tokens().idToken(), {}, {}, {}, &error);
        finish(url);
        if (error)
            showError(error);
    });
}

void MainWindow::callApi()
{
    // "The API": the provider's UserInfo endpoint, called through the session (a fresh access
    // token, refreshed when due; Bearer or DPoP as issued).
    m_apiButton->setEnabled(false);
    m_apiResult->setText(tr("Calling…"));
    OAuth4Qt::DiscoveryReply *discovery = m_flow->client()->discover();
    connect(discovery, &OAuth4Qt::Reply::finished, this, [this, discovery] {
        discovery->deleteLater();
        if (discovery->error()) {
            m_apiButton->setEnabled(true);
            m_apiResult->setText(discovery->error().errorString());
            qInfo("oauth4qt-example: API call failed: %s", qPrintable(discovery->error().codeName()));
            return;
        }
        OAuth4Qt::ResourceReply *reply = m_session->resourceRequest(
            "GET", m_flow->client()->metadata().userinfoEndpoint());
        connect(reply, &OAuth4Qt::Reply::finished, this, [this, reply] {
            reply->deleteLater();
            m_apiButton->setEnabled(true);
            if (reply->error()) {
                m_apiResult->setText(reply->error().errorString());
                qInfo("oauth4qt-example: API call failed: %s", qPrintable(reply->error().codeName()));
            } else {
                QStringList names = reply->json().toObject().keys();
                names.sort();
                m_apiResult->setText(tr("HTTP %1: %2").arg(reply->status()).arg(names.join(QStringLiteral(", "))));
                qInfo("oauth4qt-example: API answered %d", reply->status());
            }
        });
    });
}

void MainWindow::updateStatus()
{
    using Status = OAuth4Qt::AuthorizationCodeFlow::Status;
    const Status status = m_flow->status();
    const bool busy = status == Status::AwaitingBrowser || status == Status::Exchanging;
    using DeviceStatus = OAuth4Qt::DeviceAuthorizationFlow::Status;
    const bool deviceBusy = m_deviceFlow->status() == DeviceStatus::Requesting
        || m_deviceFlow->status() == DeviceStatus::AwaitingUser;
    m_signInButton->setEnabled(!busy && !deviceBusy);
    m_deviceButton->setEnabled(!busy && !deviceBusy);
    m_cancelButton->setVisible(busy);
    if (!m_session->isActive())
        m_pages->setCurrentIndex(deviceBusy ? 1 : 0);
    if (status == Status::AwaitingBrowser && !deviceBusy)
        qInfo("oauth4qt-example: waiting for the browser");
    if (deviceBusy) {
        m_status->setText(tr("Waiting for the other device…"));
        return;
    }
    switch (status) {
    case Status::AwaitingBrowser:
        m_status->setText(tr("Continue in your browser…"));
        break;
    case Status::Exchanging:
        m_status->setText(tr("Completing sign-in…"));
        break;
    default:
        m_status->setText(m_session->isActive() ? tr("Signed in") : tr("Not signed in"));
        break;
    }
}

void MainWindow::updateDeviceCode()
{
    const QString code = m_deviceFlow->userCode();
    if (m_deviceCode->text() != code) {
        m_deviceCode->setText(code);
        m_copyCode->setText(tr("Copy code"));
        if (!code.isEmpty())
            qInfo("oauth4qt-example: device code");
    }
    m_deviceCode->setVisible(!code.isEmpty());
    m_copyCode->setVisible(!code.isEmpty());
    m_deviceText->setText(code.isEmpty() ? tr("Requesting a code…")
                                         : tr("On your phone or computer, open %1 and enter this code:")
                                               .arg(m_deviceFlow->verificationUri().toDisplayString()));
    const int total = m_deviceFlow->expiresIn();
    const int left = qMax(0, m_deviceFlow->remainingTime());
    m_deviceProgress->setVisible(total > 0);
    m_deviceProgress->setRange(0, qMax(1, total));
    m_deviceProgress->setValue(left);
    m_deviceCountdown->setVisible(total > 0);
    m_deviceCountdown->setText(tr("The code expires in %1")
                                   .arg(QStringLiteral("%1:%2").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0'))));
}

void MainWindow::signedIn(const OAuth4Qt::TokenResponse &tokens)
{
    // Stay signed in: the session goes to the keychain; otherwise only to memory (and an
    // earlier session is removed from the keychain).
    const bool keep = m_keychain && m_staySignedIn->isChecked();
    if (m_keychain && !keep)
        m_keychain->remove(m_session->storeKey(), [](const OAuth4Qt::Error &) {});
    m_session->setStore(keep ? static_cast<OAuth4Qt::TokenStore *>(m_keychain) : m_memory);
    m_session->setTokens(tokens);
    showSession();
    qInfo("oauth4qt-example: signed in");
    if (m_callApiWhenSignedIn)
        callApi();
}

void MainWindow::showSession()
{
    const QJsonObject claims = m_session->idTokenClaims();
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
    const QDateTime expiry = m_session->expiresAt();
    m_expiry->setText(expiry.isValid()
                          ? tr("Access token valid until %1").arg(QLocale().toString(expiry.toLocalTime().time(), QLocale::ShortFormat))
                          : QString());
    m_apiResult->clear();
    m_pages->setCurrentIndex(2);
    updateStatus();
}

void MainWindow::showError(const OAuth4Qt::Error &error)
{
    m_error->setText(error.errorString());
    m_error->show();
    updateStatus();
    qInfo("oauth4qt-example: sign-in failed: %s", qPrintable(error.codeName()));
}
