// SPDX-License-Identifier: BSD-3-Clause
#include "tokensyntax_p.h"

namespace OAuth4Qt {

bool isB64Token(QStringView value)
{
    qsizetype i = 0;
    const qsizetype n = value.size();
    for (; i < n; ++i) {
        const char16_t c = value.at(i).unicode();
        const bool ok = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')
            || c == u'-' || c == u'.' || c == u'_' || c == u'~' || c == u'+' || c == u'/';
        if (!ok)
            break;
    }
    if (i == 0)
        return false; // at least one token character before any padding
    for (; i < n; ++i) {
        if (value.at(i) != u'=')
            return false;
    }
    return true;
}

bool isVsCharString(QStringView value)
{
    if (value.isEmpty())
        return false;
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

Error checkAccessTokenForHeader(const QString &accessToken)
{
    if (accessToken.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the access token is empty"));
    if (!isB64Token(accessToken))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("the access token has characters an Authorization header cannot carry (RFC 6750 b64token)"));
    return {};
}

} // namespace OAuth4Qt
