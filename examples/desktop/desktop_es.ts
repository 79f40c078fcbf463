<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="mainwindow.cpp" line="+57"/>
        <source>OAuth4Qt Desktop Example</source>
        <translation>Ejemplo de escritorio de OAuth4Qt</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>OAuth4Qt</source>
        <translation>OAuth4Qt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Provider: %1 · Client: %2</source>
        <translation>Proveedor: %1 · Cliente: %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Welcome</source>
        <translation>Bienvenido</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign in with your account. Your web browser opens to sign in; then you come back here.</source>
        <translation>Inicie sesión con su cuenta. Se abrirá su navegador web para iniciar sesión y después volverá aquí.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>ID Token claims</source>
        <translation>Claims del token de ID</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Claim</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Also sign out at the provider</source>
        <translation>Cerrar sesión también en el proveedor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Continue in your browser…</source>
        <translation>Continúe en su navegador…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Completing sign-in…</source>
        <translation>Completando el inicio de sesión…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not signed in</source>
        <translation>Sin iniciar sesión</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed in</source>
        <translation>Sesión iniciada</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Access token valid until %1</source>
        <translation>Token de acceso válido hasta las %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+71"/>
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
