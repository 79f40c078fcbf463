<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>OAuth4Qt::Error</name>
    <message>
        <location filename="../src/core/error.cpp" line="+21"/>
        <source>No error</source>
        <translation>Sin errores</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An argument is missing or invalid.</source>
        <translation>Falta un argumento o no es válido.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client configuration is incomplete or invalid.</source>
        <translation>La configuración del cliente está incompleta o no es válida.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain http:// URLs are not allowed.</source>
        <translation>No se permiten URL http:// sin cifrar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The URL scheme is not supported.</source>
        <translation>El esquema de la URL no es compatible.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The authorization server does not provide the endpoint this operation needs.</source>
        <translation>El servidor de autorización no ofrece el punto de conexión que necesita esta operación.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The algorithm is not supported for this key.</source>
        <translation>El algoritmo no es compatible con esta clave.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key is invalid or too weak.</source>
        <translation>La clave no es válida o es demasiado débil.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operation is not possible in the current state.</source>
        <translation>La operación no es posible en el estado actual.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A key could not be generated.</source>
        <translation>No se pudo generar una clave.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing failed.</source>
        <translation>Error al firmar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The secure token storage failed.</source>
        <translation>Ha fallado el almacenamiento seguro de tokens.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The web browser could not be opened.</source>
        <translation>No se pudo abrir el navegador web.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client configuration does not meet the required security profile.</source>
        <translation>La configuración del cliente no cumple el perfil de seguridad requerido.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A network error occurred.</source>
        <translation>Se ha producido un error de red.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The secure connection could not be established.</source>
        <translation>No se pudo establecer la conexión segura.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operation timed out.</source>
        <translation>Se agotó el tiempo de espera de la operación.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server answered with a redirect, which is not followed.</source>
        <translation>El servidor respondió con una redirección, que no se sigue.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response is too large.</source>
        <translation>La respuesta del servidor es demasiado grande.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server is busy or rate-limiting requests.</source>
        <translation>El servidor está ocupado o limita el número de solicitudes.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server returned an error.</source>
        <translation>El servidor devolvió un error.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server rejected the credentials.</source>
        <translation>El servidor rechazó las credenciales.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The authorization request was not granted.</source>
        <translation>No se concedió la solicitud de autorización.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server answered with an unexpected HTTP status.</source>
        <translation>El servidor respondió con un estado HTTP inesperado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response has an unexpected content type.</source>
        <translation>La respuesta del servidor tiene un tipo de contenido inesperado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response is not a valid JSON object.</source>
        <translation>La respuesta del servidor no es un objeto JSON válido.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response lacks a required value.</source>
        <translation>Falta un valor obligatorio en la respuesta del servidor.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response contains an invalid value.</source>
        <translation>La respuesta del servidor contiene un valor no válido.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The issuer does not match the expected issuer.</source>
        <translation>El emisor no coincide con el emisor esperado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The state parameter does not match the request.</source>
        <translation>El parámetro state no coincide con la solicitud.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The nonce does not match the request.</source>
        <translation>El nonce no coincide con la solicitud.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token was not issued for this client.</source>
        <translation>El token no se emitió para este cliente.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The subject does not match the signed-in user.</source>
        <translation>El sujeto no coincide con el usuario que ha iniciado sesión.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The signature is invalid.</source>
        <translation>La firma no es válida.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The signing algorithm is not allowed.</source>
        <translation>El algoritmo de firma no está permitido.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No suitable key was found to verify the signature.</source>
        <translation>No se encontró ninguna clave adecuada para verificar la firma.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More than one key matches the signature.</source>
        <translation>Más de una clave coincide con la firma.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is malformed.</source>
        <translation>El token está mal formado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is of an unexpected type.</source>
        <translation>El token es de un tipo inesperado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token has an unsupported critical header.</source>
        <translation>El token tiene un encabezado crítico no compatible.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token has expired.</source>
        <translation>El token ha caducado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is not yet valid.</source>
        <translation>El token aún no es válido.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token was issued too long ago.</source>
        <translation>El token se emitió hace demasiado tiempo.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user authenticated too long ago.</source>
        <translation>El usuario se autenticó hace demasiado tiempo.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A token hash does not match.</source>
        <translation>Un hash de token no coincide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token type is not supported.</source>
        <translation>El tipo de token no es compatible.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A parameter appears more than once.</source>
        <translation>Un parámetro aparece más de una vez.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The response contains an unexpected parameter.</source>
        <translation>La respuesta contiene un parámetro inesperado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token&apos;s DPoP binding does not match the request.</source>
        <translation>La vinculación DPoP del token no coincide con la solicitud.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted tokens are not supported.</source>
        <translation>No se admiten tokens cifrados.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is not active.</source>
        <translation>El token no está activo.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An encrypted response could not be decrypted.</source>
        <translation>No se pudo descifrar una respuesta cifrada.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server sent an unencrypted response where an encrypted one is required.</source>
        <translation>El servidor envió una respuesta sin cifrar donde se requiere una cifrada.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The operation was cancelled.</source>
        <translation>Se canceló la operación.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+1"/>
        <source>The sign-in is no longer valid. Please sign in again.</source>
        <translation>El inicio de sesión ya no es válido. Vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>Please sign in again.</source>
        <translation>Vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server does not accept this application&apos;s credentials.</source>
        <translation>El servidor no acepta las credenciales de esta aplicación.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This application is not allowed to make this request.</source>
        <translation>Esta aplicación no tiene permiso para realizar esta solicitud.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access was denied.</source>
        <translation>Se denegó el acceso.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The requested permissions are not available.</source>
        <translation>Los permisos solicitados no están disponibles.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You do not have permission for this action.</source>
        <translation>No tiene permiso para realizar esta acción.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request has expired. Please start again.</source>
        <translation>La solicitud ha caducado. Vuelva a empezar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server had a problem. Please try again later.</source>
        <translation>El servidor tuvo un problema. Inténtelo de nuevo más tarde.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server is temporarily unavailable. Please try again later.</source>
        <translation>El servidor no está disponible temporalmente. Inténtelo de nuevo más tarde.</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>Unknown error.</source>
        <translation>Error desconocido.</translation>
    </message>
    <message>
        <source>Server error: %1.</source>
        <extracomment>%1 is the OAuth error code sent by the server, e.g. invalid_grant</extracomment>
        <translation type="vanished">Error del servidor: %1.</translation>
    </message>
    <message>
        <source>(HTTP status %1)</source>
        <extracomment>%1 is an HTTP status code</extracomment>
        <translation type="vanished">(estado HTTP %1)</translation>
    </message>
</context>
<context>
    <name>OAuth4Qt::LoopbackListener</name>
    <message>
        <location filename="../src/flows/loopbacklistener.cpp" line="+388"/>
        <source>en</source>
        <comment>BCP 47 language code of this translation</comment>
        <extracomment>The language code (BCP 47) of this translation, e.g. &quot;de&quot; or &quot;zh-CN&quot;: the lang attribute of the page the browser shows after sign-in.</extracomment>
        <translation>es</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sign-in not completed</source>
        <translation>Inicio de sesión no completado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sign-in was cancelled or refused. You can close this window and return to the application.</source>
        <translation>El inicio de sesión se canceló o se rechazó. Puede cerrar esta ventana y volver a la aplicación.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Authorization response received</source>
        <translation>Respuesta de autorización recibida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You can close this window and return to the application.</source>
        <translation>Puede cerrar esta ventana y volver a la aplicación.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not found</source>
        <translation>No encontrado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This address does not accept requests.</source>
        <translation>Esta dirección no acepta solicitudes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Method not allowed</source>
        <translation>Método no permitido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This address accepts only the authorization response.</source>
        <translation>Esta dirección solo acepta la respuesta de autorización.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Request too long</source>
        <translation>Solicitud demasiado larga</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request is too long.</source>
        <translation>La solicitud es demasiado larga.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Request too large</source>
        <translation>Solicitud demasiado grande</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request headers are too large.</source>
        <translation>Los encabezados de la solicitud son demasiado grandes.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Invalid request</source>
        <translation>Solicitud no válida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This request is not a valid authorization response. If you are signing in, return to the application and try again.</source>
        <translation>Esta solicitud no es una respuesta de autorización válida. Si está iniciando sesión, vuelva a la aplicación e inténtelo de nuevo.</translation>
    </message>
</context>
</TS>
