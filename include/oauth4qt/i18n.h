// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/oauth4qt_export.h>

#include <QtCore/qlocale.h>

namespace OAuth4Qt {

/*!
    Translations of the library's user-visible strings (error messages, the loopback listener's
    browser page) are embedded in the library for German, French, Spanish, Japanese and
    Simplified Chinese.

    By default the library installs a translator for QLocale() when the QCoreApplication is
    created (or when the library is loaded, if the application exists already). Turn that off
    with the environment variable OAUTH4QT_NO_TRANSLATIONS=1 or by calling
    setAutoLoadTranslations(false) before the QCoreApplication is constructed (calling it later
    removes a translator that was installed automatically).
*/

//! Whether the library installs its translator for QLocale() at application start. Default true.
OAUTH4QT_EXPORT bool autoLoadTranslations();
OAUTH4QT_EXPORT void setAutoLoadTranslations(bool enabled);

/*!
    Installs the library's translator for \a locale on the QCoreApplication, replacing the one
    the library installed before. Returns false (and leaves no library translator installed)
    when there is no application or no translation for \a locale; English is used then.
*/
OAUTH4QT_EXPORT bool loadTranslations(const QLocale &locale = QLocale());

//! Removes the library's translator: the library's strings are English again.
OAUTH4QT_EXPORT void unloadTranslations();

} // namespace OAuth4Qt
