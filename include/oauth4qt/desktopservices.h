// SPDX-License-Identifier: BSD-3-Clause
#pragma once

// Header-only glue between OAuth4Qt and QDesktopServices (Qt GUI). It is compiled in the
// application, never in the core library, which does not depend on QtGui: include it only from
// code that links Qt6::Gui.

#include <oauth4qt/urischemehandler.h>

#include <QtCore/QUrl>
#include <QtGui/QDesktopServices>

namespace OAuth4Qt {

/*!
    Routes URLs with the scheme of \a handler's redirectUri() that the system opens the
    application with (QDesktopServices::openUrl, and on iOS/Android the app's URL scheme and
    claimed links) to UriSchemeHandler::handleUrl(). Call unregisterUrlHandler() before
    \a handler is destroyed.

    Caution with a claimed https redirect URI on desktop platforms: a handler registered for
    "https" also receives every QDesktopServices::openUrl(https://...) of the application,
    including the authorization request itself; open the browser some other way then.
    Returns false when the redirect URI has no scheme.
*/
inline bool registerUrlHandler(UriSchemeHandler *handler)
{
    const QString scheme = handler ? handler->redirectUri().scheme() : QString();
    if (scheme.isEmpty())
        return false;
    QDesktopServices::setUrlHandler(scheme, handler, "handleUrl");
    return true;
}

//! Removes the QDesktopServices URL handler for the scheme of \a handler's redirectUri().
inline void unregisterUrlHandler(UriSchemeHandler *handler)
{
    const QString scheme = handler ? handler->redirectUri().scheme() : QString();
    if (!scheme.isEmpty())
        QDesktopServices::unsetUrlHandler(scheme);
}

//! A browser opener for the authorization URL: QDesktopServices::openUrl(). Returns false when
//! no browser could be started (for example on the offscreen platform).
inline bool openUrlWithDesktopServices(const QUrl &url)
{
    return QDesktopServices::openUrl(url);
}

} // namespace OAuth4Qt
