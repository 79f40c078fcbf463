// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/error.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qjsonobject.h>

namespace OAuth4Qt {

//! Strict JSON object parsing shared by every layer: rejects a non-object top level, duplicate
//! member names, a byte-order mark, trailing garbage and invalid UTF-8 (InvalidJson).
namespace Json {
OAUTH4QT_EXPORT QJsonObject parseObject(const QByteArray &data, Error *error = nullptr);
} // namespace Json

} // namespace OAuth4Qt
