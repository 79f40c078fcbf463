<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Main</name>
    <message>
        <location filename="Main.qml" line="+26"/>
        <source>OAuth4Qt Sign-in</source>
        <translation>Inicio de sesión de OAuth4Qt</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Continue in your browser…</source>
        <translation>Continúe en su navegador…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Completing sign-in…</source>
        <translation>Completando el inicio de sesión…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed in</source>
        <translation>Sesión iniciada</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not signed in</source>
        <translation>Sin iniciar sesión</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>OAuth4Qt</source>
        <translation>OAuth4Qt</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Welcome</source>
        <translation>Bienvenido</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign in with your account at %1. Your browser opens to sign in; then you come back here.</source>
        <translation>Inicie sesión con su cuenta de %1. Se abrirá su navegador para iniciar sesión y después volverá aquí.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Client: %1</source>
        <translation>Cliente: %1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>ID Token claims</source>
        <translation>Claims del token de ID</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Access token valid until %1</source>
        <translation>Token de acceso válido hasta las %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+61"/>
        <source>OAuth4Qt Quick Example</source>
        <translation>Ejemplo de Qt Quick de OAuth4Qt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Signs in with OpenID Connect through the system browser.</source>
        <translation>Inicia sesión con OpenID Connect a través del navegador del sistema.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The OpenID Provider (issuer URL).</source>
        <translation>El proveedor de OpenID (URL del emisor).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client ID registered at the provider.</source>
        <translation>El ID de cliente registrado en el proveedor.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scope to request.</source>
        <translation>El ámbito (scope) que se solicita.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start signing in right away.</source>
        <translation>Empezar a iniciar sesión de inmediato.</translation>
    </message>
</context>
</TS>
