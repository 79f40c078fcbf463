// SPDX-License-Identifier: BSD-3-Clause
// Loads a QML document with `import OAuth4Qt` and checks that the module's types behave as their
// C++ classes: a derived type (MemoryTokenStore, LoopbackListener) is accepted where its base
// type is expected, the enums are there, and a UriSchemeHandler registers its URL handler (the
// mobile redirect, from a static plugin too). Exit code 0 and "qml consumer: OK" on success.
#include <oauth4qt/oauth4qtversion.h>

#include <QtCore/QUrl>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <cstring>
#include <memory>

#ifdef OAUTH4QT_STATIC
Q_IMPORT_QML_PLUGIN(OAuth4QtQmlPlugin)
#endif

static const char document[] = R"(
import QtQml
import OAuth4Qt

QtObject {
    property MemoryTokenStore memoryStore: MemoryTokenStore {}
    property TokenStore store: memoryStore
    property TokenSession session: TokenSession { store: memoryStore }
    property LoopbackListener listener: LoopbackListener { path: "/callback" }
    property RedirectHandler handler: listener
    // The mobile redirect: registered with QDesktopServices as the URL handler of its scheme.
    property UriSchemeHandler schemeHandler: UriSchemeHandler { redirectUri: "com.example.app:/callback" }
    property RedirectHandler mobileHandler: schemeHandler
    property Client client: Client {}
    readonly property int timeoutCode: OAuth.ErrorCode.Timeout
    readonly property bool ok: store === memoryStore && session.store === memoryStore
                               && handler === listener && handler.timeout >= 0
                               && store.available && timeoutCode !== 0
                               && mobileHandler === schemeHandler && schemeHandler.urlHandlerRegistered
}
)";

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    QQmlEngine engine;
    QQmlComponent component(&engine);
    component.setData(QByteArray(document), QUrl(QStringLiteral("file:///consumer.qml")));
    std::unique_ptr<QObject> object(component.create());
    if (!object) {
        std::fprintf(stderr, "%s\n", qPrintable(component.errorString()));
        return 1;
    }
    if (!object->property("ok").toBool()) {
        std::fprintf(stderr, "qml consumer: the OAuth4Qt types do not behave as expected\n");
        return 2;
    }
    if (std::strcmp(OAuth4Qt::version(), OAUTH4QT_VERSION_STR) != 0)
        return 3;
#ifdef OAUTH4QT_STATIC
    std::printf("qml consumer: OK (static plugin, oauth4qt %s)\n", OAuth4Qt::version());
#else
    std::printf("qml consumer: OK (plugin, oauth4qt %s)\n", OAuth4Qt::version());
#endif
    return 0;
}
