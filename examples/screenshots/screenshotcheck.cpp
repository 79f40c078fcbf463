// SPDX-License-Identifier: BSD-3-Clause
// screenshotcheck: looks at a screenshot of an example (used by the screenshot tests).
//
//   screenshotcheck FILE.png [--cjk] [--differs-from OTHER.png]
//
// Fails (exit 1, with the reason) unless:
//   - the image is not blank: more than one colour, the most common one (the background)
//     covers less than 97 % of it, and it has at least 16 colours (anti-aliased text has many);
//   - it has text where the examples have text: lines of text-like rows (a row is text-like when
//     its brightness changes sharply at least 6 times, as along a line of glyphs), at least one
//     in the top quarter (title / tool bar), at least two in the middle half (the page), and at
//     least 3 in all;
//   - --differs-from: it differs from OTHER (the same state in English) in at least 0.2 % of its
//     pixels, so the translation was shown;
//   - --cjk: Japanese text renders with a real font, not as missing-glyph boxes ("tofu"): a
//     font of the Japanese writing system is installed, and each sample character (kana and
//     kanji of the examples' texts) draws a glyph that differs from the missing-glyph drawing
//     of a code point no font has (U+10FFFD) and from the other samples.
// Runs on the platform the screenshot was taken on (xcb under xvfb-run) or offscreen.

#include <QtCore/QCommandLineParser>
#include <algorithm>
#include <QtCore/QHash>
#include <QtGui/QFontDatabase>
#include <QtGui/QGuiApplication>
#include <QtGui/QImage>
#include <QtGui/QPainter>

#include <cstdio>

namespace {

int failures = 0;

void fail(const QString &file, const QString &why)
{
    std::fprintf(stderr, "screenshotcheck: %s: %s\n", qPrintable(file), qPrintable(why));
    ++failures;
}

int luma(QRgb c)
{
    return (qRed(c) * 299 + qGreen(c) * 587 + qBlue(c) * 114) / 1000;
}

// Rows whose brightness changes sharply at least 6 times (text) grouped into lines: the first row
// of each line.
QList<int> textLines(const QImage &image)
{
    QList<int> lines;
    bool inLine = false;
    for (int y = 0; y < image.height(); ++y) {
        const auto *row = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        int edges = 0;
        for (int x = 1; x < image.width(); ++x) {
            if (qAbs(luma(row[x]) - luma(row[x - 1])) > 60)
                ++edges;
        }
        const bool text = edges >= 6;
        if (text && !inLine)
            lines.append(y);
        inLine = text;
    }
    return lines;
}

void checkImage(const QString &file, const QImage &image)
{
    if (image.width() < 100 || image.height() < 100) {
        fail(file, QStringLiteral("too small (%1x%2)").arg(image.width()).arg(image.height()));
        return;
    }
    QHash<QRgb, qint64> colours;
    for (int y = 0; y < image.height(); ++y) {
        const auto *row = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            ++colours[row[x] | 0xff000000];
    }
    qint64 most = 0;
    for (auto it = colours.cbegin(); it != colours.cend(); ++it)
        most = qMax(most, it.value());
    const double background = double(most) / (qint64(image.width()) * image.height());
    if (colours.size() < 16 || background >= 0.97)
        fail(file, QStringLiteral("blank: %1 colours, the most common one covers %2 %")
                       .arg(colours.size()).arg(background * 100, 0, 'f', 1));

    const QList<int> lines = textLines(image);
    const int h = image.height();
    const auto count = [&lines](int from, int to) {
        return std::count_if(lines.cbegin(), lines.cend(), [from, to](int y) { return y >= from && y < to; });
    };
    const auto top = count(0, h / 4);
    const auto middle = count(h / 4, h * 3 / 4);
    std::printf("screenshotcheck: %s: %dx%d, %lld colours, background %.1f %%, text lines: %lld (top %lld, middle %lld)\n",
                qPrintable(file), image.width(), image.height(), qlonglong(colours.size()), background * 100,
                qlonglong(lines.size()), qlonglong(top), qlonglong(middle));
    if (top < 1)
        fail(file, QStringLiteral("no text in the top quarter (title or tool bar)"));
    if (middle < 2)
        fail(file, QStringLiteral("fewer than two lines of text in the middle half (the page)"));
    if (lines.size() < 3)
        fail(file, QStringLiteral("fewer than three lines of text"));
}

void checkDiffers(const QString &file, const QImage &image, const QString &otherFile)
{
    const QImage other = QImage(otherFile).convertToFormat(QImage::Format_RGB32);
    if (other.isNull()) {
        fail(file, QStringLiteral("cannot read %1").arg(otherFile));
        return;
    }
    if (other.size() != image.size())
        return; // a different size differs
    qint64 different = 0;
    for (int y = 0; y < image.height(); ++y) {
        const auto *a = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        const auto *b = reinterpret_cast<const QRgb *>(other.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            different += (a[x] & 0xffffff) != (b[x] & 0xffffff);
    }
    const double share = double(different) / (qint64(image.width()) * image.height());
    if (share < 0.002)
        fail(file, QStringLiteral("hardly differs from %1 (%2 % of the pixels): not translated?")
                       .arg(otherFile).arg(share * 100, 0, 'f', 2));
}

QImage glyph(const QString &text)
{
    QImage image(48, 48, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    QFont font = QGuiApplication::font();
    font.setPixelSize(32);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(image.rect(), Qt::AlignCenter, text);
    return image;
}

void checkCjk(const QString &file)
{
    if (QFontDatabase::families(QFontDatabase::Japanese).isEmpty()) {
        fail(file, QStringLiteral("no font for Japanese is installed (e.g. fonts-ipafont-gothic or fonts-noto-cjk)"));
        return;
    }
    const QImage missing = glyph(QString::fromUcs4(U"\U0010FFFD", 1));
    const QImage blank = glyph(QString());
    // From the examples' Japanese texts: サインイン (sign in), 認証 (authentication), 完了 (completed).
    const QString samples = QStringLiteral("サイン認証完了");
    QList<QImage> seen;
    for (const QChar c : samples) {
        const QImage g = glyph(QString(c));
        if (g == blank || g == missing) {
            fail(file, QStringLiteral("U+%1 does not render (missing glyph): Japanese text would be tofu")
                           .arg(uint(c.unicode()), 4, 16, QLatin1Char('0')));
            return;
        }
        if (seen.contains(g)) {
            fail(file, QStringLiteral("U+%1 renders like another character: tofu").arg(uint(c.unicode()), 4, 16, QLatin1Char('0')));
            return;
        }
        seen.append(g);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The screenshot (PNG)."));
    const QCommandLineOption cjkOption(QStringLiteral("cjk"), QStringLiteral("Japanese text must render."));
    const QCommandLineOption differsOption(QStringLiteral("differs-from"),
                                           QStringLiteral("The screenshot must differ from this one."),
                                           QStringLiteral("png"));
    parser.addOptions({ cjkOption, differsOption });
    parser.process(app);
    if (parser.positionalArguments().size() != 1)
        parser.showHelp(2);

    const QString file = parser.positionalArguments().constFirst();
    const QImage image = QImage(file).convertToFormat(QImage::Format_RGB32);
    if (image.isNull()) {
        fail(file, QStringLiteral("not a readable image"));
        return 1;
    }
    checkImage(file, image);
    if (parser.isSet(differsOption))
        checkDiffers(file, image, parser.value(differsOption));
    if (parser.isSet(cjkOption))
        checkCjk(file);
    return failures == 0 ? 0 : 1;
}
