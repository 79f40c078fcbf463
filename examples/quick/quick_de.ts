<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Main</name>
    <message>
        <location filename="Main.qml" line="+41"/>
        <source>OAuth4Qt Sign-in</source>
        <translation>OAuth4Qt-Anmeldung</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Waiting for the other device…</source>
        <translation>Warten auf das andere Gerät…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue in your browser…</source>
        <translation>Fahren Sie in Ihrem Browser fort…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Completing sign-in…</source>
        <translation>Anmeldung wird abgeschlossen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>OAuth4Qt</source>
        <translation>OAuth4Qt</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign in with your account at %1. Your browser opens to sign in; then you come back here.</source>
        <translation>Melden Sie sich mit Ihrem Konto bei %1 an. Dazu öffnet sich Ihr Browser; danach kehren Sie hierher zurück.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+50"/>
        <source>Sign in on another device</source>
        <translation>Auf einem anderen Gerät anmelden</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+112"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>Client: %1</source>
        <translation>Client: %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>On your phone or computer, open %1 and enter this code:</source>
        <translation>Öffnen Sie auf Ihrem Telefon oder Computer %1 und geben Sie diesen Code ein:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requesting a code…</source>
        <translation>Code wird angefordert…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy code</source>
        <translation>Code kopieren</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The code expires in %1</source>
        <translation>Der Code läuft in %1 ab</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open the page here</source>
        <translation>Seite hier öffnen</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>ID Token claims</source>
        <translation>Claims des ID-Tokens</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Access token valid until %1</source>
        <translation>Zugriffstoken gültig bis %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Call the API</source>
        <translation>API aufrufen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Calling…</source>
        <translation>Wird aufgerufen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Also sign out at the provider</source>
        <translation>Auch beim Anbieter abmelden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+62"/>
        <source>OAuth4Qt Quick Example</source>
        <translation>OAuth4Qt-Quick-Beispiel</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <source>A private-use URI scheme redirect (e.g. com.example.app:/callback) instead of the loopback one.</source>
        <translation>Eine Weiterleitung über ein privates URI-Schema (z. B. com.example.app:/callback) statt über Loopback.</translation>
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
