// SPDX-License-Identifier: BSD-3-Clause
#include "secrets.h"

#include <QtCore/QFile>
#include <QtCore/QStringList>

#include <cstdio>
#include <cstdlib>

namespace Cli {

namespace {

//! Reads until end of file or one byte past \a maxBytes (standard input and pipes have no size).
QByteArray readStream(std::FILE *stream, qint64 maxBytes, bool *ok)
{
    QByteArray content;
    char buffer[16 * 1024];
    while (content.size() <= maxBytes) {
        const size_t wanted = size_t(qMin<qint64>(qint64(sizeof buffer), maxBytes + 1 - content.size()));
        const size_t n = std::fread(buffer, 1, wanted, stream);
        content.append(buffer, qsizetype(n));
        if (n < wanted)
            break;
    }
    *ok = !std::ferror(stream);
    return content;
}

} // namespace

InputSource InputSource::system()
{
    InputSource source;
    source.readFile = [](const QString &path, qint64 maxBytes, QByteArray *data, QString *errorText) {
        if (path == QLatin1String("-")) {
            bool ok = false;
            *data = readStream(stdin, maxBytes, &ok);
            if (!ok)
                *errorText = QStringLiteral("read error");
            return ok;
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *errorText = file.errorString();
            return false;
        }
        // read() of a FIFO or character device returns what is there; loop until the end.
        QByteArray content;
        while (content.size() <= maxBytes) {
            const QByteArray chunk = file.read(maxBytes + 1 - content.size());
            if (chunk.isEmpty())
                break;
            content += chunk;
        }
        if (file.error() != QFileDevice::NoError) {
            *errorText = file.errorString();
            return false;
        }
        *data = content;
        return true;
    };
    source.environment = [](const char *name) {
        const char *value = std::getenv(name);
        return value ? QByteArray(value) : QByteArray();
    };
    return source;
}

QByteArray stripOneTrailingNewline(QByteArray data)
{
    if (data.endsWith("\r\n"))
        data.chop(2);
    else if (data.endsWith('\n'))
        data.chop(1);
    return data;
}

bool isSecretOption(const QString &name)
{
    static const QStringList secrets = {
        QStringLiteral("client-secret"), QStringLiteral("refresh-token"), QStringLiteral("access-token"),
        QStringLiteral("token"),
    };
    return secrets.contains(name);
}

bool mayEchoValue(const QString &name)
{
    return !isSecretOption(name) && !name.endsWith(QLatin1String("-file")) && name != QLatin1String("param");
}

} // namespace Cli
