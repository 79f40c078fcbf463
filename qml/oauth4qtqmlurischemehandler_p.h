// SPDX-License-Identifier: BSD-3-Clause
#pragma once

// UriSchemeHandler for QML: the core UriSchemeHandler, registered with
// QDesktopServices::setUrlHandler() for the scheme of its redirect URI, so that the URL the
// system opens the application with (the private-use scheme com.example.app:/callback, or a
// claimed https link on Android and iOS) reaches the authorization code flow:
//
//   AuthorizationCodeFlow {
//       redirectHandler: UriSchemeHandler { redirectUri: "com.example.app:/callback" }
//   }
//
// One dispatcher per scheme serves every such handler: a URL for the redirect URI of one of
// them goes to that handler (UriSchemeHandler::handleUrl() checks it); any other URL with the
// scheme goes on to the system (so a handler for a claimed https URL does not swallow the
// application's other https links, or the authorization URL itself).

#include <oauth4qt/urischemehandler.h>

#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>
#include <QtCore/qurl.h>
#include <QtQml/qqml.h>
#include <QtQml/qqmlparserstatus.h>

class OAuth4QtQmlUriSchemeHandler : public OAuth4Qt::UriSchemeHandler, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_NAMED_ELEMENT(UriSchemeHandler)
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    //! Route the system's URLs with this scheme here (QDesktopServices::setUrlHandler). Default true.
    Q_PROPERTY(bool registerUrlHandler READ registerUrlHandler WRITE setRegisterUrlHandler NOTIFY registerUrlHandlerChanged FINAL)
    //! Whether the URL handler is registered now.
    Q_PROPERTY(bool urlHandlerRegistered READ isUrlHandlerRegistered NOTIFY urlHandlerRegisteredChanged FINAL)

public:
    explicit OAuth4QtQmlUriSchemeHandler(QObject *parent = nullptr);
    ~OAuth4QtQmlUriSchemeHandler() override;

    bool registerUrlHandler() const { return m_register; }
    void setRegisterUrlHandler(bool enabled);
    bool isUrlHandlerRegistered() const { return !m_scheme.isEmpty(); }

    void classBegin() override {}
    void componentComplete() override;

Q_SIGNALS:
    void registerUrlHandlerChanged();
    void urlHandlerRegisteredChanged();

private:
    void updateRegistration();

    bool m_complete = false;
    bool m_register = true;
    QString m_scheme; // the scheme registered with the dispatcher, empty when none
};

// The QDesktopServices URL handler of the schemes of every QML UriSchemeHandler.
class OAuth4QtQmlUrlDispatcher : public QObject
{
    Q_OBJECT
public:
    static OAuth4QtQmlUrlDispatcher *instance();

    void add(const QString &scheme, OAuth4QtQmlUriSchemeHandler *handler);
    void remove(const QString &scheme, OAuth4QtQmlUriSchemeHandler *handler);

public Q_SLOTS:
    //! Called by QDesktopServices::openUrl() for the registered schemes.
    void handleUrl(const QUrl &url);

private:
    explicit OAuth4QtQmlUrlDispatcher(QObject *parent) : QObject(parent) {}
    QList<std::pair<QString, QPointer<OAuth4QtQmlUriSchemeHandler>>> m_handlers;
};
