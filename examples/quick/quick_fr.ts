<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>Main</name>
    <message>
        <location filename="Main.qml" line="+41"/>
        <source>OAuth4Qt Sign-in</source>
        <translation>Connexion OAuth4Qt</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1 : %2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Waiting for the other device…</source>
        <translation>En attente de l’autre appareil…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue in your browser…</source>
        <translation>Continuez dans votre navigateur…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Completing sign-in…</source>
        <translation>Finalisation de la connexion…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed in</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not signed in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>OAuth4Qt</source>
        <translation>OAuth4Qt</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign in with your account at %1. Your browser opens to sign in; then you come back here.</source>
        <translation>Connectez-vous avec votre compte sur %1. Votre navigateur s’ouvre pour la connexion, puis vous revenez ici.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+50"/>
        <source>Sign in on another device</source>
        <translation>Se connecter sur un autre appareil</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+112"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>Client: %1</source>
        <translation>Client : %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>On your phone or computer, open %1 and enter this code:</source>
        <translation>Sur votre téléphone ou votre ordinateur, ouvrez %1 et saisissez ce code :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requesting a code…</source>
        <translation>Demande d’un code…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy code</source>
        <translation>Copier le code</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The code expires in %1</source>
        <translation>Le code expire dans %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open the page here</source>
        <translation>Ouvrir la page ici</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>ID Token claims</source>
        <translation>Revendications du jeton d’identité</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Access token valid until %1</source>
        <translation>Jeton d’accès valide jusqu’à %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Call the API</source>
        <translation>Appeler l’API</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Calling…</source>
        <translation>Appel en cours…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Also sign out at the provider</source>
        <translation>Se déconnecter aussi chez le fournisseur</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+62"/>
        <source>OAuth4Qt Quick Example</source>
        <translation>Exemple Qt Quick OAuth4Qt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Signs in with OpenID Connect through the system browser.</source>
        <translation>Se connecte avec OpenID Connect via le navigateur du système.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The OpenID Provider (issuer URL).</source>
        <translation>Le fournisseur OpenID (URL de l’émetteur).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client ID registered at the provider.</source>
        <translation>L’identifiant client enregistré auprès du fournisseur.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scope to request.</source>
        <translation>La portée (scope) à demander.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start signing in right away.</source>
        <translation>Commencer la connexion immédiatement.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in with a code entered on another device (with --auto-sign-in).</source>
        <translation>Se connecter avec un code saisi sur un autre appareil (avec --auto-sign-in).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A private-use URI scheme redirect (e.g. com.example.app:/callback) instead of the loopback one.</source>
        <translation>Une redirection par un schéma d’URI privé (p. ex. com.example.app:/callback) au lieu de la boucle locale.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call the API once signed in (or with the restored session).</source>
        <translation>Appeler l’API une fois connecté (ou avec la session restaurée).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the session in memory only, not in the keychain.</source>
        <translation>Conserver la session uniquement en mémoire, pas dans le trousseau.</translation>
    </message>
</context>
</TS>
