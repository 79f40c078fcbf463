// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/i18n.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QMutex>
#include <QtCore/QPointer>
#include <QtCore/QThread>
#include <QtCore/QTranslator>

namespace OAuth4Qt {

namespace {

// The .qm files are embedded by translations/CMakeLists.txt (qt_add_translations, RESOURCE_PREFIX).
constexpr auto resourceDirectory = ":/oauth4qt/i18n";

struct TranslationState
{
    QMutex mutex;
    bool autoLoad = true;
    bool autoLoaded = false; // the installed translator came from the startup function
    QPointer<QTranslator> translator;
};

TranslationState &state()
{
    static TranslationState s;
    return s;
}

// Call with the mutex held.
void removeTranslatorLocked(TranslationState &s)
{
    if (s.translator) {
        QCoreApplication::removeTranslator(s.translator);
        delete s.translator.data();
    }
    s.translator = nullptr;
    s.autoLoaded = false;
}

bool loadLocked(TranslationState &s, const QLocale &locale)
{
    removeTranslatorLocked(s);
    QCoreApplication *app = QCoreApplication::instance();
    if (!app)
        return false;
    auto translator = new QTranslator(app); // dies with the application at the latest
    if (!translator->load(locale, QStringLiteral("oauth4qt"), QStringLiteral("_"),
                          QLatin1String(resourceDirectory))
        || !QCoreApplication::installTranslator(translator)) {
        delete translator;
        return false;
    }
    s.translator = translator;
    return true;
}

void autoLoadAtStartup()
{
    if (qEnvironmentVariableIntValue("OAUTH4QT_NO_TRANSLATIONS") != 0)
        return;
    // The library can be loaded in another thread after the application exists (a QML plugin
    // linking it is loaded by the QML type loader thread): install in the application's thread.
    QCoreApplication *app = QCoreApplication::instance();
    if (app && app->thread() != QThread::currentThread()) {
        QMetaObject::invokeMethod(app, &autoLoadAtStartup, Qt::QueuedConnection);
        return;
    }
    TranslationState &s = state();
    QMutexLocker locker(&s.mutex);
    if (!s.autoLoad || s.translator)
        return;
    if (loadLocked(s, QLocale()))
        s.autoLoaded = true;
}

} // namespace

bool autoLoadTranslations()
{
    TranslationState &s = state();
    QMutexLocker locker(&s.mutex);
    return s.autoLoad;
}

void setAutoLoadTranslations(bool enabled)
{
    TranslationState &s = state();
    QMutexLocker locker(&s.mutex);
    s.autoLoad = enabled;
    if (!enabled && s.autoLoaded)
        removeTranslatorLocked(s);
}

bool loadTranslations(const QLocale &locale)
{
    TranslationState &s = state();
    QMutexLocker locker(&s.mutex);
    return loadLocked(s, locale);
}

void unloadTranslations()
{
    TranslationState &s = state();
    QMutexLocker locker(&s.mutex);
    removeTranslatorLocked(s);
}

} // namespace OAuth4Qt

static void oauth4qtAutoLoadTranslations()
{
    OAuth4Qt::autoLoadAtStartup();
}
Q_COREAPP_STARTUP_FUNCTION(oauth4qtAutoLoadTranslations)
