// SPDX-License-Identifier: BSD-3-Clause
#include "redirecthandler_p.h"
#include "authorizationrequest_p.h"

#include "httprequestparser_p.h"

#include <QtCore/QPointer>

namespace OAuth4Qt {

// Info and debug messages (never codes or state values) are off unless enabled with QT_LOGGING_RULES.
Q_LOGGING_CATEGORY(lcListener, "oauth4qt.listener", QtWarningMsg)

RedirectHandler::RedirectHandler(QObject *parent)
    : QObject(parent), d(new RedirectHandlerPrivate)
{
    d->timeoutTimer.setSingleShot(true);
    connect(&d->timeoutTimer, &QTimer::timeout, this, [this] {
        if (!d->active)
            return;
        qCInfo(lcListener) << "no valid callback within" << d->timeout << "ms; closing";
        QPointer<RedirectHandler> guard(this);
        close();
        if (guard)
            Q_EMIT timedOut();
    });
}

RedirectHandler::~RedirectHandler() = default;

QUrl RedirectHandler::redirectUri() const
{
    return d->redirectUri;
}

bool RedirectHandler::isActive() const
{
    return d->active;
}

QString RedirectHandler::expectedState() const
{
    return d->expectedState;
}

void RedirectHandler::setExpectedState(const QString &state)
{
    if (d->expectedState == state)
        return;
    d->expectedState = state;
    Q_EMIT expectedStateChanged(state);
}

RedirectHandler::CallbackFilter RedirectHandler::callbackFilter() const
{
    return d->filter;
}

void RedirectHandler::setCallbackFilter(CallbackFilter filter)
{
    d->filter = std::move(filter);
}

int RedirectHandler::timeout() const
{
    return d->timeout;
}

void RedirectHandler::setTimeout(int msecs)
{
    msecs = qMax(0, msecs);
    if (d->timeout == msecs)
        return;
    d->timeout = msecs;
    Q_EMIT timeoutChanged(msecs);
}

void RedirectHandler::setEffectiveRedirectUri(const QUrl &uri)
{
    if (d->redirectUri == uri)
        return;
    d->redirectUri = uri;
    Q_EMIT redirectUriChanged();
}

void RedirectHandler::setActive(bool active)
{
    if (active && d->timeout > 0)
        d->timeoutTimer.start(d->timeout);
    else
        d->timeoutTimer.stop();
    if (d->active == active)
        return;
    d->active = active;
    Q_EMIT activeChanged(active);
}

Error RedirectHandler::checkCallback(const QByteArray &encodedQuery,
                                     QList<std::pair<QString, QString>> *params)
{
    const Internal::CallbackQuery query = Internal::parseCallbackQuery(encodedQuery);
    Error error;
    switch (query.status) {
    case Internal::CallbackQuery::Status::InvalidEncoding:
        error = Error(ErrorCode::InvalidMember,
                      QStringLiteral("callback query is not strictly encoded: %1")
                          .arg(QLatin1String(query.reason)));
        break;
    case Internal::CallbackQuery::Status::DuplicateParameter:
        error = Error(ErrorCode::DuplicateParameter,
                      QStringLiteral("a callback parameter appears more than once"));
        break;
    case Internal::CallbackQuery::Status::Ok:
        break;
    }

    if (!error && !d->expectedState.isEmpty()) {
        const QString *state = nullptr;
        for (const auto &param : query.parameters) {
            if (param.first == QLatin1String("state"))
                state = &param.second;
        }
        if (!state)
            error = Error(ErrorCode::StateMismatch, QStringLiteral("the callback has no state parameter"));
        else if (!stateEquals(*state, d->expectedState))
            error = Error(ErrorCode::StateMismatch, QStringLiteral("the callback's state differs from the request's"));
    }

    if (!error && d->filter)
        error = d->filter(query.parameters);

    if (error) {
        qCInfo(lcListener).noquote() << "callback refused:" << error.codeName() << error.detail();
        Q_EMIT callbackRejected(error);
        return error;
    }
    if (params)
        *params = query.parameters;
    return {};
}

} // namespace OAuth4Qt
