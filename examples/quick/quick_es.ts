<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Main</name>
    <message>
        <location filename="Main.qml" line="+41"/>
        <source>OAuth4Qt Sign-in</source>
        <translation>Inicio de sesión de OAuth4Qt</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Waiting for the other device…</source>
        <translation>Esperando al otro dispositivo…</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+31"/>
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
        <location line="+9"/>
        <location line="+50"/>
        <source>Sign in on another device</source>
        <translation>Iniciar sesión en otro dispositivo</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+112"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>Client: %1</source>
        <translation>Cliente: %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>On your phone or computer, open %1 and enter this code:</source>
        <translation>En su teléfono u ordenador, abra %1 e introduzca este código:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requesting a code…</source>
        <translation>Solicitando un código…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy code</source>
        <translation>Copiar el código</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The code expires in %1</source>
        <translation>El código caduca en %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open the page here</source>
        <translation>Abrir la página aquí</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>ID Token claims</source>
        <translation>Claims del token de ID</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Access token valid until %1</source>
        <translation>Token de acceso válido hasta las %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Call the API</source>
        <translation>Llamar a la API</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Calling…</source>
        <translation>Llamando…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Also sign out at the provider</source>
        <translation>Cerrar sesión también en el proveedor</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+62"/>
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
    <message>
        <location line="+1"/>
        <source>Sign in with a code entered on another device (with --auto-sign-in).</source>
        <translation>Iniciar sesión con un código introducido en otro dispositivo (con --auto-sign-in).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A private-use URI scheme redirect (e.g. com.example.app:/callback) instead of the loopback one.</source>
        <translation>Una redirección con un esquema de URI privado (p. ej. com.example.app:/callback) en lugar de la de bucle local.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call the API once signed in (or with the restored session).</source>
        <translation>Llamar a la API una vez iniciada la sesión (o con la sesión restaurada).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the session in memory only, not in the keychain.</source>
        <translation>Mantener la sesión solo en memoria, no en el llavero.</translation>
    </message>
</context>
</TS>
