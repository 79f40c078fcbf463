<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="mainwindow.cpp" line="+57"/>
        <source>OAuth4Qt Desktop Example</source>
        <translation>OAuth4Qt-Desktop-Beispiel</translation>
    </message>
    <message>
        <location line="+24"/>
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
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+37"/>
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
        <source>Also sign out at the provider</source>
        <translation>Auch beim Anbieter abmelden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location line="+52"/>
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
        <location line="+25"/>
        <source>Access token valid until %1</source>
        <translation>Zugriffstoken gültig bis %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+71"/>
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
</context>
</TS>
