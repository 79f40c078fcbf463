<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="mainwindow.cpp" line="+71"/>
        <source>OAuth4Qt Desktop Example</source>
        <translation>OAuth4Qt-Desktop-Beispiel</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>OAuth4Qt</source>
        <translation>OAuth4Qt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Provider: %1 · Client: %2</source>
        <translation>Anbieter: %1 · Client: %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign in with your account. Your web browser opens to sign in; then you come back here.</source>
        <translation>Melden Sie sich mit Ihrem Konto an. Dazu öffnet sich Ihr Webbrowser; danach kehren Sie hierher zurück.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+75"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Sign in on another device…</source>
        <translation>Auf einem anderen Gerät anmelden…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows a code to enter on a phone or computer (for devices without a browser)</source>
        <translation>Zeigt einen Code, der auf einem Telefon oder Computer eingegeben wird (für Geräte ohne Browser)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stay signed in</source>
        <translation>Angemeldet bleiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keeps the session in the system keychain for the next start</source>
        <translation>Bewahrt die Sitzung für den nächsten Start im Schlüsselbund des Systems auf</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sign in on another device</source>
        <translation>Auf einem anderen Gerät anmelden</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+206"/>
        <source>Copy code</source>
        <translation>Code kopieren</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>Open the page here</source>
        <translation>Seite hier öffnen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>ID Token claims</source>
        <translation>Claims des ID-Tokens</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Claim</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Call the API</source>
        <translation>API aufrufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls the provider&apos;s UserInfo endpoint with the session&apos;s access token</source>
        <translation>Ruft den UserInfo-Endpunkt des Anbieters mit dem Zugriffstoken der Sitzung auf</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Also sign out at the provider</source>
        <translation>Auch beim Anbieter abmelden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Calling…</source>
        <translation>Wird aufgerufen…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Waiting for the other device…</source>
        <translation>Warten auf das andere Gerät…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Continue in your browser…</source>
        <translation>Fahren Sie in Ihrem Browser fort…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Completing sign-in…</source>
        <translation>Anmeldung wird abgeschlossen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Requesting a code…</source>
        <translation>Code wird angefordert…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On your phone or computer, open %1 and enter this code:</source>
        <translation>Öffnen Sie auf Ihrem Telefon oder Computer %1 und geben Sie diesen Code ein:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The code expires in %1</source>
        <translation>Der Code läuft in %1 ab</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Access token valid until %1</source>
        <translation>Zugriffstoken gültig bis %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+73"/>
        <source>Signs in with OpenID Connect through the system browser.</source>
        <translation>Meldet sich mit OpenID Connect über den Systembrowser an.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The OpenID Provider (issuer URL).</source>
        <translation>Der OpenID-Anbieter (Aussteller-URL).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client ID registered at the provider.</source>
        <translation>Die beim Anbieter registrierte Client-ID.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scope to request.</source>
        <translation>Der anzufordernde Scope.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start signing in right away.</source>
        <translation>Sofort mit der Anmeldung beginnen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in with a code entered on another device (with --auto-sign-in).</source>
        <translation>Mit einem Code anmelden, der auf einem anderen Gerät eingegeben wird (mit --auto-sign-in).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call the API once signed in (or with the restored session).</source>
        <translation>Die API aufrufen, sobald die Anmeldung erfolgt ist (oder mit der wiederhergestellten Sitzung).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the session in memory only, not in the keychain.</source>
        <translation>Die Sitzung nur im Speicher halten, nicht im Schlüsselbund.</translation>
    </message>
</context>
</TS>
