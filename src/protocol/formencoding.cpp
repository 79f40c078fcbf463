// SPDX-License-Identifier: BSD-3-Clause
#include "formencoding_p.h"

namespace OAuth4Qt {

namespace {
QByteArray encode(const QString &text, bool strict)
{
    static const char hex[] = "0123456789ABCDEF";
    const QByteArray utf8 = text.toUtf8();
    QByteArray out(utf8.size() * 3, Qt::Uninitialized);
    char *o = out.data();
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9')
            || (!strict && (u == '*' || u == '-' || u == '.' || u == '_'))) {
            *o++ = c;
        } else if (u == ' ') {
            *o++ = '+';
        } else {
            *o++ = '%';
            *o++ = hex[u >> 4];
            *o++ = hex[u & 0xF];
        }
    }
    out.truncate(o - out.constData());
    return out;
}
} // namespace

QByteArray formEncode(const QString &text)
{
    return encode(text, false);
}

QByteArray formEncodeStrict(const QString &text)
{
    return encode(text, true);
}

QByteArray formEncode(const Parameters &parameters)
{
    QByteArray out;
    for (const auto &[name, value] : parameters) {
        if (!out.isEmpty())
            out.append('&');
        out.append(formEncode(name));
        out.append('=');
        out.append(formEncode(value));
    }
    return out;
}

QString queryString(const Parameters &parameters)
{
    return QString::fromLatin1(formEncode(parameters));
}

} // namespace OAuth4Qt
