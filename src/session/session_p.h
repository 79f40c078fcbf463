// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
//
// Protocol pieces of issue 5 (device authorization, CIBA), plain functions without I/O.
#pragma once

#include <oauth4qt/error.h>

#include "transport/httptransport_p.h"

#include <QtCore/QJsonObject>

namespace OAuth4Qt {

//! The polling interval when the server names none (RFC 8628 3.2, CIBA 7.3), seconds.
constexpr int DefaultPollingInterval = 5;
//! What slow_down adds to the interval for all later polls (RFC 8628 3.5), seconds.
constexpr int SlowDownIncrement = 5;

/*!
    J1: 200 JSON object with device_code, user_code (non-empty strings), verification_uri
    (https; http only with \a allowInsecureHttp; never another scheme), expires_in (a positive
    integer) and optional verification_uri_complete (same URL rules) and interval (a positive
    JSON integer; 0, negative, fractional or a string is refused). The result has "interval"
    set (5 when absent).
*/
OAUTH4QT_TESTS_EXPORT QJsonObject processDeviceAuthorizationResponse(const HttpResponse &response,
                                                                     bool allowInsecureHttp,
                                                                     Error *error = nullptr);

/*!
    J4: 200 JSON object with auth_req_id (non-empty string), expires_in (a positive integer),
    optional interval (a positive JSON integer). The result has "interval" set (5 when absent).
*/
OAUTH4QT_TESTS_EXPORT QJsonObject processBackchannelAuthenticationResponse(const HttpResponse &response,
                                                                           Error *error = nullptr);

/*!
    The next poll delay in milliseconds after a token-endpoint answer while polling (J2/J4).
    \a intervalSeconds is updated for slow_down (+5 s for all later polls). Returns -1 when
    polling must stop (the error is final): anything but authorization_pending, slow_down and
    transport failures (network, timeout, 5xx/429 -> back off: the interval doubled, at most
    60 s more). A Retry-After on the error is respected (the delay is at least that).
*/
OAUTH4QT_TESTS_EXPORT qint64 nextPollDelay(const Error &error, int *intervalSeconds, int *networkBackoffSeconds);

} // namespace OAuth4Qt
