// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/urischemehandler.h>

#include "redirecthandler_p.h"

#include <QtCore/QPointer>

namespace OAuth4Qt {

class UriSchemeHandlerPrivate
{
};

namespace {

Error checkRedirectUri(const QUrl &uri)
{
    auto invalid = [](const QString &detail) { return Error(ErrorCode::InvalidArgument, detail); };
    if (!uri.isValid() || uri.isRelative())
        return invalid(QStringLiteral("the redirect URI must be an absolute URL"));
    const QString scheme = uri.scheme().toLower();
    if (scheme == QLatin1String("http"))
        return invalid(QStringLiteral("http redirect URIs need LoopbackListener"));
    if (scheme == QLatin1String("https") && uri.host().isEmpty())
        return invalid(QStringLiteral("an https redirect URI needs a host"));
    if (uri.hasQuery() || uri.hasFragment() || !uri.userInfo().isEmpty())
        return invalid(QStringLiteral("the redirect URI must have no query, fragment or user info"));
    return {};
}

} // namespace

UriSchemeHandler::UriSchemeHandler(QObject *parent)
    : RedirectHandler(parent), d(new UriSchemeHandlerPrivate)
{
}

UriSchemeHandler::UriSchemeHandler(const QUrl &redirectUri, QObject *parent)
    : UriSchemeHandler(parent)
{
    setEffectiveRedirectUri(redirectUri);
}

UriSchemeHandler::~UriSchemeHandler() = default;

void UriSchemeHandler::setRedirectUri(const QUrl &uri)
{
    if (isActive()) {
        qCWarning(lcListener) << "UriSchemeHandler::setRedirectUri() ignored while active";
        return;
    }
    setEffectiveRedirectUri(uri);
}

bool UriSchemeHandler::start(Error *error)
{
    Error e;
    if (isActive())
        e = Error(ErrorCode::InvalidState, QStringLiteral("the handler is already active"));
    else
        e = checkRedirectUri(redirectUri());
    if (e) {
        qCWarning(lcListener).noquote() << "cannot start the URI scheme handler:" << e.detail();
        if (error)
            *error = e;
        return false;
    }
    setActive(true);
    return true;
}

void UriSchemeHandler::close()
{
    setActive(false);
}

bool UriSchemeHandler::handleUrl(const QUrl &url)
{
    if (!isActive()) {
        qCDebug(lcListener) << "URL offered while the handler is not active; ignored";
        return false;
    }
    const QUrl expected = redirectUri();
    const bool matches = url.isValid()
        && url.scheme().compare(expected.scheme(), Qt::CaseInsensitive) == 0
        && url.host(QUrl::FullyEncoded).compare(expected.host(QUrl::FullyEncoded), Qt::CaseInsensitive) == 0
        && url.port() == expected.port()
        && url.userInfo().isEmpty()
        && url.path(QUrl::FullyEncoded) == expected.path(QUrl::FullyEncoded);
    if (!matches) {
        qCInfo(lcListener) << "URL is not for the redirect URI; refused";
        Q_EMIT callbackRejected(Error(ErrorCode::InvalidArgument,
                                      QStringLiteral("the URL does not match the redirect URI")));
        return false;
    }

    QList<std::pair<QString, QString>> params;
    QPointer<UriSchemeHandler> guard(this);
    const Error error = checkCallback(url.query(QUrl::FullyEncoded).toLatin1(), &params);
    if (!guard || error || !isActive())
        return false;
    qCInfo(lcListener) << "callback accepted";
    setActive(false);
    if (guard)
        Q_EMIT callbackReceived(url.adjusted(QUrl::RemoveFragment), params);
    return true;
}

} // namespace OAuth4Qt
