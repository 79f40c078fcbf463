// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/oauth4qtversion.h>

namespace OAuth4Qt {

const char *version() noexcept
{
    return OAUTH4QT_VERSION_STR;
}

} // namespace OAuth4Qt
