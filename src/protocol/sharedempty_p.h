// SPDX-License-Identifier: BSD-3-Clause
// Internal API of oauth4qt. Not part of the public API.
#pragma once

#include <QtCore/QSharedDataPointer>

namespace OAuth4Qt {

/*!
    The one empty instance of \a Data that every default-constructed value class shares until it
    is first written to (QSharedDataPointer copies on write): an empty value allocates nothing.
    For value classes made, copied and dropped on every request (token responses, metadata and
    client configurations of a request context).
*/
template <typename Data>
QSharedDataPointer<Data> sharedEmptyData()
{
    static const QSharedDataPointer<Data> empty(new Data);
    return empty;
}

} // namespace OAuth4Qt
