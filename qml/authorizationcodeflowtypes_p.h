// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/authorizationcodeflow.h>

#include <QtQml/qqml.h>

// AuthorizationCodeFlow { issuer: ...; clientId: ...; onGranted: (tokens) => ...;
// onFailed: (error) => ... }. The plugin makes QDesktopServices::openUrl the flows' browser.
struct OAuth4QtQmlAuthorizationCodeFlow
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::AuthorizationCodeFlow)
    QML_NAMED_ELEMENT(AuthorizationCodeFlow)
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
};
