<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="mainwindow.cpp" line="+71"/>
        <source>OAuth4Qt Desktop Example</source>
        <translation>Ejemplo de escritorio de OAuth4Qt</translation>
    </message>
    <message>
        <location line="+58"/>
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
        <location line="+75"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Sign in on another device…</source>
        <translation>Iniciar sesión en otro dispositivo…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows a code to enter on a phone or computer (for devices without a browser)</source>
        <translation>Muestra un código para introducir en un teléfono u ordenador (para dispositivos sin navegador)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stay signed in</source>
        <translation>Mantener la sesión iniciada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keeps the session in the system keychain for the next start</source>
        <translation>Guarda la sesión en el llavero del sistema para el próximo inicio</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sign in on another device</source>
        <translation>Iniciar sesión en otro dispositivo</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+206"/>
        <source>Copy code</source>
        <translation>Copiar el código</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>Open the page here</source>
        <translation>Abrir la página aquí</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <location line="+29"/>
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
        <source>Call the API</source>
        <translation>Llamar a la API</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls the provider&apos;s UserInfo endpoint with the session&apos;s access token</source>
        <translation>Llama al endpoint UserInfo del proveedor con el token de acceso de la sesión</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Also sign out at the provider</source>
        <translation>Cerrar sesión también en el proveedor</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Calling…</source>
        <translation>Llamando…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Waiting for the other device…</source>
        <translation>Esperando al otro dispositivo…</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+16"/>
        <source>Requesting a code…</source>
        <translation>Solicitando un código…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On your phone or computer, open %1 and enter this code:</source>
        <translation>En su teléfono u ordenador, abra %1 e introduzca este código:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The code expires in %1</source>
        <translation>El código caduca en %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Access token valid until %1</source>
        <translation>Token de acceso válido hasta las %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+73"/>
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
