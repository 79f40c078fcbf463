// SPDX-License-Identifier: BSD-3-Clause
// libFuzzer target: strict base64url decoding. The decoder (16 or 32 characters at a time on
// x86-64, a scalar loop elsewhere and for the tail) must give exactly the answer of a
// byte-at-a-time reference with the same rules, and what it accepts must encode back to the input.
#include "jose/base64url_p.h"
#include "../common/base64urlreference.h"

#include <oauth4qt/jws.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    bool ok = false, refOk = false;
    const QByteArray decoded = OAuth4Qt::Base64Url::decode(text, &ok);
    const QByteArray expected = OAuth4Qt::Test::referenceBase64UrlDecode(text, &refOk);
    if (ok != refOk || decoded != expected)
        __builtin_trap();
    if (ok && OAuth4Qt::Base64Url::encode(decoded) != text)
        __builtin_trap(); // canonical: one text per byte string
    // decodeInto into an exact-size buffer (ASan sees any write past it).
    const qsizetype n = OAuth4Qt::Base64Url::decodedSize(text.size());
    if ((n < 0) != (text.size() % 4 == 1))
        __builtin_trap();
    if (n >= 0) {
        QByteArray out(n, Qt::Uninitialized);
        const qsizetype written = OAuth4Qt::Base64Url::decodeInto(text.constData(), text.size(),
                                                                  reinterpret_cast<uchar *>(out.data()));
        if ((written >= 0) != ok || (ok && (written != n || out != expected)))
            __builtin_trap();
    }
    return 0;
}
