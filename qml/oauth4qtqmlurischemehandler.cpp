// SPDX-License-Identifier: BSD-3-Clause
#include "oauth4qtqmlurischemehandler_p.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QLoggingCategory>
#include <QtGui/QDesktopServices>

Q_DECLARE_LOGGING_CATEGORY(lcOAuth4QtQml)

namespace {

// The redirect URI check of UriSchemeHandler: scheme, host, port and path.
bool isFor(const QUrl &redirectUri, const QUrl &url)
{
    return redirectUri.isValid() && url.scheme().compare(redirectUri.scheme(), Qt::CaseInsensitive) == 0
        && url.host().compare(redirectUri.host(), Qt::CaseInsensitive) == 0 && url.port() == redirectUri.port()
        && url.path() == redirectUri.path();
}

} // namespace

OAuth4QtQmlUriSchemeHandler::OAuth4QtQmlUriSchemeHandler(QObject *parent) : OAuth4Qt::UriSchemeHandler(parent)
{
    connect(this, &RedirectHandler::redirectUriChanged, this, &OAuth4QtQmlUriSchemeHandler::updateRegistration);
}

OAuth4QtQmlUriSchemeHandler::~OAuth4QtQmlUriSchemeHandler()
{
    if (!m_scheme.isEmpty())
        OAuth4QtQmlUrlDispatcher::instance()->remove(m_scheme, this);
}

void OAuth4QtQmlUriSchemeHandler::setRegisterUrlHandler(bool enabled)
{
    if (m_register == enabled)
        return;
    m_register = enabled;
    Q_EMIT registerUrlHandlerChanged();
    updateRegistration();
}

void OAuth4QtQmlUriSchemeHandler::componentComplete()
{
    m_complete = true;
    updateRegistration();
}

void OAuth4QtQmlUriSchemeHandler::updateRegistration()
{
    if (!m_complete)
        return;
    const QString scheme = m_register ? redirectUri().scheme().toLower() : QString();
    if (scheme == m_scheme)
        return;
    const bool wasRegistered = !m_scheme.isEmpty();
    if (wasRegistered)
        OAuth4QtQmlUrlDispatcher::instance()->remove(m_scheme, this);
    m_scheme = scheme;
    if (!m_scheme.isEmpty())
        OAuth4QtQmlUrlDispatcher::instance()->add(m_scheme, this);
    if (wasRegistered != !m_scheme.isEmpty())
        Q_EMIT urlHandlerRegisteredChanged();
}

OAuth4QtQmlUrlDispatcher *OAuth4QtQmlUrlDispatcher::instance()
{
    static QPointer<OAuth4QtQmlUrlDispatcher> dispatcher;
    if (!dispatcher)
        dispatcher = new OAuth4QtQmlUrlDispatcher(QCoreApplication::instance());
    return dispatcher;
}

void OAuth4QtQmlUrlDispatcher::add(const QString &scheme, OAuth4QtQmlUriSchemeHandler *handler)
{
    const bool first = std::none_of(m_handlers.cbegin(), m_handlers.cend(),
                                    [&scheme](const auto &entry) { return entry.first == scheme; });
    m_handlers.append({ scheme, handler });
    if (first)
        QDesktopServices::setUrlHandler(scheme, this, "handleUrl");
}

void OAuth4QtQmlUrlDispatcher::remove(const QString &scheme, OAuth4QtQmlUriSchemeHandler *handler)
{
    m_handlers.removeIf([&](const auto &entry) {
        return !entry.second || (entry.first == scheme && entry.second == handler);
    });
    const bool last = std::none_of(m_handlers.cbegin(), m_handlers.cend(),
                                   [&scheme](const auto &entry) { return entry.first == scheme; });
    if (last)
        QDesktopServices::unsetUrlHandler(scheme);
}

void OAuth4QtQmlUrlDispatcher::handleUrl(const QUrl &url)
{
    // Newest first: the handler declared last for the same redirect URI wins.
    for (auto it = m_handlers.crbegin(); it != m_handlers.crend(); ++it) {
        OAuth4QtQmlUriSchemeHandler *handler = it->second;
        if (handler && isFor(handler->redirectUri(), url)) {
            if (!handler->handleUrl(url))
                qCDebug(lcOAuth4QtQml) << "a redirect URL arrived that no active sign-in accepted";
            return;
        }
    }
    // Not a redirect: the system opens it, as without the handler.
    const QString scheme = url.scheme().toLower();
    QDesktopServices::unsetUrlHandler(scheme);
    QDesktopServices::openUrl(url);
    QDesktopServices::setUrlHandler(scheme, this, "handleUrl");
}
