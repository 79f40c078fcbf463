// SPDX-License-Identifier: BSD-3-Clause
#include "algorithmpolicy_p.h"

#include <oauth4qt/jws.h>

namespace OAuth4Qt {

namespace {

bool usable(const QString &alg, bool hasClientSecret)
{
    if (alg.isEmpty() || alg.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return false;
    if (!Jws::supportedAlgorithms().contains(alg))
        return false;
    if (alg.startsWith(QLatin1String("HS")) && !hasClientSecret)
        return false;
    return true;
}

} // namespace

QStringList acceptedSigningAlgorithms(const QString &configured, const QStringList &advertised, bool hasClientSecret)
{
    // 1. What the application configured (registered), never widened by the server's list.
    if (!configured.isEmpty()) {
        if (!usable(configured, hasClientSecret))
            return {};
        if (!advertised.isEmpty() && !advertised.contains(configured))
            return {};
        return { configured };
    }
    // 2. What the server advertises, as far as the library verifies it.
    if (!advertised.isEmpty()) {
        QStringList accepted;
        for (const QString &alg : advertised) {
            if (usable(alg, hasClientSecret) && !accepted.contains(alg))
                accepted.append(alg);
        }
        return accepted;
    }
    // 3. The OpenID Connect default.
    return { QStringLiteral("RS256") };
}

} // namespace OAuth4Qt
