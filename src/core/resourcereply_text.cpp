// SPDX-License-Identifier: BSD-3-Clause
// ResourceReply's body as text and JSON (what QML reads).
#include <oauth4qt/resourcereply.h>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

namespace OAuth4Qt {

QString ResourceReply::text() const
{
    return QString::fromUtf8(body());
}

QJsonValue ResourceReply::json() const
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body(), &error);
    if (error.error != QJsonParseError::NoError)
        return QJsonValue(QJsonValue::Undefined);
    if (document.isArray())
        return document.array();
    return document.object();
}

QString ResourceReply::headerValue(const QString &name) const
{
    return QString::fromUtf8(header(name.toUtf8()));
}

} // namespace OAuth4Qt
