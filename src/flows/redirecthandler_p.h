// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt. Not part of the public API.
#pragma once

#include <oauth4qt/redirecthandler.h>

#include <QtCore/QLoggingCategory>
#include <QtCore/QTimer>

namespace OAuth4Qt {

Q_DECLARE_LOGGING_CATEGORY(lcListener)

class RedirectHandlerPrivate
{
public:
    QUrl redirectUri;
    QString expectedState;
    RedirectHandler::CallbackFilter filter;
    QTimer timeoutTimer;
    int timeout = 300000;
    bool active = false;
};

} // namespace OAuth4Qt
