<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>OAuth4Qt::Error</name>
    <message>
        <location filename="../src/core/error.cpp" line="+21"/>
        <source>No error</source>
        <translation>Kein Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An argument is missing or invalid.</source>
        <translation>Ein Argument fehlt oder ist ungültig.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client configuration is incomplete or invalid.</source>
        <translation>Die Client-Konfiguration ist unvollständig oder ungültig.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain http:// URLs are not allowed.</source>
        <translation>Unverschlüsselte http://-URLs sind nicht erlaubt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The URL scheme is not supported.</source>
        <translation>Das URL-Schema wird nicht unterstützt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The authorization server does not provide the endpoint this operation needs.</source>
        <translation>Der Autorisierungsserver bietet den für diesen Vorgang nötigen Endpunkt nicht an.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The algorithm is not supported for this key.</source>
        <translation>Der Algorithmus wird für diesen Schlüssel nicht unterstützt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key is invalid or too weak.</source>
        <translation>Der Schlüssel ist ungültig oder zu schwach.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operation is not possible in the current state.</source>
        <translation>Der Vorgang ist im aktuellen Zustand nicht möglich.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A key could not be generated.</source>
        <translation>Ein Schlüssel konnte nicht erzeugt werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing failed.</source>
        <translation>Das Signieren ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The secure token storage failed.</source>
        <translation>Der sichere Token-Speicher ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The web browser could not be opened.</source>
        <translation>Der Webbrowser konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client configuration does not meet the required security profile.</source>
        <translation>Die Client-Konfiguration erfüllt das geforderte Sicherheitsprofil nicht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A network error occurred.</source>
        <translation>Ein Netzwerkfehler ist aufgetreten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The secure connection could not be established.</source>
        <translation>Die sichere Verbindung konnte nicht hergestellt werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operation timed out.</source>
        <translation>Zeitüberschreitung bei dem Vorgang.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server answered with a redirect, which is not followed.</source>
        <translation>Der Server hat mit einer Weiterleitung geantwortet, der nicht gefolgt wird.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response is too large.</source>
        <translation>Die Antwort des Servers ist zu groß.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server is busy or rate-limiting requests.</source>
        <translation>Der Server ist ausgelastet oder begrenzt die Anzahl der Anfragen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server returned an error.</source>
        <translation>Der Server hat einen Fehler gemeldet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server rejected the credentials.</source>
        <translation>Der Server hat die Anmeldedaten abgelehnt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The authorization request was not granted.</source>
        <translation>Die Autorisierungsanfrage wurde nicht gewährt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server answered with an unexpected HTTP status.</source>
        <translation>Der Server hat mit einem unerwarteten HTTP-Status geantwortet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response has an unexpected content type.</source>
        <translation>Die Antwort des Servers hat einen unerwarteten Inhaltstyp.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response is not a valid JSON object.</source>
        <translation>Die Antwort des Servers ist kein gültiges JSON-Objekt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response lacks a required value.</source>
        <translation>In der Antwort des Servers fehlt ein erforderlicher Wert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response contains an invalid value.</source>
        <translation>Die Antwort des Servers enthält einen ungültigen Wert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The issuer does not match the expected issuer.</source>
        <translation>Der Aussteller stimmt nicht mit dem erwarteten Aussteller überein.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The state parameter does not match the request.</source>
        <translation>Der state-Parameter passt nicht zur Anfrage.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The nonce does not match the request.</source>
        <translation>Die Nonce passt nicht zur Anfrage.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token was not issued for this client.</source>
        <translation>Das Token wurde nicht für diesen Client ausgestellt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The subject does not match the signed-in user.</source>
        <translation>Das Subjekt stimmt nicht mit dem angemeldeten Benutzer überein.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The signature is invalid.</source>
        <translation>Die Signatur ist ungültig.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The signing algorithm is not allowed.</source>
        <translation>Der Signaturalgorithmus ist nicht erlaubt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No suitable key was found to verify the signature.</source>
        <translation>Es wurde kein passender Schlüssel zum Prüfen der Signatur gefunden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More than one key matches the signature.</source>
        <translation>Mehr als ein Schlüssel passt zur Signatur.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is malformed.</source>
        <translation>Das Token ist fehlerhaft aufgebaut.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is of an unexpected type.</source>
        <translation>Das Token hat einen unerwarteten Typ.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token has an unsupported critical header.</source>
        <translation>Das Token hat einen nicht unterstützten kritischen Header.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token has expired.</source>
        <translation>Das Token ist abgelaufen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is not yet valid.</source>
        <translation>Das Token ist noch nicht gültig.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token was issued too long ago.</source>
        <translation>Das Token wurde vor zu langer Zeit ausgestellt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user authenticated too long ago.</source>
        <translation>Die Anmeldung des Benutzers liegt zu lange zurück.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A token hash does not match.</source>
        <translation>Ein Token-Hash stimmt nicht überein.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token type is not supported.</source>
        <translation>Der Token-Typ wird nicht unterstützt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A parameter appears more than once.</source>
        <translation>Ein Parameter kommt mehr als einmal vor.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The response contains an unexpected parameter.</source>
        <translation>Die Antwort enthält einen unerwarteten Parameter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token&apos;s DPoP binding does not match the request.</source>
        <translation>Die DPoP-Bindung des Tokens passt nicht zur Anfrage.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted tokens are not supported.</source>
        <translation>Verschlüsselte Tokens werden nicht unterstützt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is not active.</source>
        <translation>Das Token ist nicht aktiv.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An encrypted response could not be decrypted.</source>
        <translation>Eine verschlüsselte Antwort konnte nicht entschlüsselt werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server sent an unencrypted response where an encrypted one is required.</source>
        <translation>Der Server hat eine unverschlüsselte Antwort gesendet, wo eine verschlüsselte erforderlich ist.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The operation was cancelled.</source>
        <translation>Der Vorgang wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+1"/>
        <source>The sign-in is no longer valid. Please sign in again.</source>
        <translation>Die Anmeldung ist nicht mehr gültig. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>Please sign in again.</source>
        <translation>Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server does not accept this application&apos;s credentials.</source>
        <translation>Der Server akzeptiert die Zugangsdaten dieser Anwendung nicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This application is not allowed to make this request.</source>
        <translation>Diese Anwendung darf diese Anfrage nicht stellen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access was denied.</source>
        <translation>Der Zugriff wurde verweigert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The requested permissions are not available.</source>
        <translation>Die angeforderten Berechtigungen sind nicht verfügbar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You do not have permission for this action.</source>
        <translation>Sie haben keine Berechtigung für diese Aktion.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request has expired. Please start again.</source>
        <translation>Die Anfrage ist abgelaufen. Bitte beginnen Sie erneut.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server had a problem. Please try again later.</source>
        <translation>Auf dem Server ist ein Problem aufgetreten. Bitte versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server is temporarily unavailable. Please try again later.</source>
        <translation>Der Server ist vorübergehend nicht verfügbar. Bitte versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>Unknown error.</source>
        <translation>Unbekannter Fehler.</translation>
    </message>
    <message>
        <source>Server error: %1.</source>
        <extracomment>%1 is the OAuth error code sent by the server, e.g. invalid_grant</extracomment>
        <translation type="vanished">Serverfehler: %1.</translation>
    </message>
    <message>
        <source>(HTTP status %1)</source>
        <extracomment>%1 is an HTTP status code</extracomment>
        <translation type="vanished">(HTTP-Status %1)</translation>
    </message>
</context>
<context>
    <name>OAuth4Qt::LoopbackListener</name>
    <message>
        <location filename="../src/flows/loopbacklistener.cpp" line="+388"/>
        <source>en</source>
        <comment>BCP 47 language code of this translation</comment>
        <extracomment>The language code (BCP 47) of this translation, e.g. &quot;de&quot; or &quot;zh-CN&quot;: the lang attribute of the page the browser shows after sign-in.</extracomment>
        <translation>de</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sign-in not completed</source>
        <translation>Anmeldung nicht abgeschlossen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sign-in was cancelled or refused. You can close this window and return to the application.</source>
        <translation>Die Anmeldung wurde abgebrochen oder abgelehnt. Sie können dieses Fenster schließen und zur Anwendung zurückkehren.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Authorization response received</source>
        <translation>Autorisierungsantwort empfangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You can close this window and return to the application.</source>
        <translation>Sie können dieses Fenster schließen und zur Anwendung zurückkehren.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This address does not accept requests.</source>
        <translation>Diese Adresse nimmt keine Anfragen an.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Method not allowed</source>
        <translation>Methode nicht erlaubt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This address accepts only the authorization response.</source>
        <translation>Diese Adresse nimmt nur die Autorisierungsantwort an.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Request too long</source>
        <translation>Anfrage zu lang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request is too long.</source>
        <translation>Die Anfrage ist zu lang.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Request too large</source>
        <translation>Anfrage zu groß</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request headers are too large.</source>
        <translation>Die Header der Anfrage sind zu groß.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Invalid request</source>
        <translation>Ungültige Anfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This request is not a valid authorization response. If you are signing in, return to the application and try again.</source>
        <translation>Diese Anfrage ist keine gültige Autorisierungsantwort. Wenn Sie sich gerade anmelden, kehren Sie zur Anwendung zurück und versuchen Sie es erneut.</translation>
    </message>
</context>
</TS>
