<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="mainwindow.cpp" line="+71"/>
        <source>OAuth4Qt Desktop Example</source>
        <translation>Exemple de bureau OAuth4Qt</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>OAuth4Qt</source>
        <translation>OAuth4Qt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Provider: %1 · Client: %2</source>
        <translation>Fournisseur : %1 · Client : %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign in with your account. Your web browser opens to sign in; then you come back here.</source>
        <translation>Connectez-vous avec votre compte. Votre navigateur web s’ouvre pour la connexion, puis vous revenez ici.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+75"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Sign in on another device…</source>
        <translation>Se connecter sur un autre appareil…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows a code to enter on a phone or computer (for devices without a browser)</source>
        <translation>Affiche un code à saisir sur un téléphone ou un ordinateur (pour les appareils sans navigateur)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stay signed in</source>
        <translation>Rester connecté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keeps the session in the system keychain for the next start</source>
        <translation>Conserve la session dans le trousseau du système pour le prochain démarrage</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sign in on another device</source>
        <translation>Se connecter sur un autre appareil</translation>
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
        <translation>Copier le code</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>Open the page here</source>
        <translation>Ouvrir la page ici</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>ID Token claims</source>
        <translation>Revendications du jeton d’identité</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Claim</source>
        <translation>Revendication</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Call the API</source>
        <translation>Appeler l’API</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls the provider&apos;s UserInfo endpoint with the session&apos;s access token</source>
        <translation>Appelle le point de terminaison UserInfo du fournisseur avec le jeton d’accès de la session</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Also sign out at the provider</source>
        <translation>Se déconnecter aussi auprès du fournisseur</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Calling…</source>
        <translation>Appel en cours…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1 : %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Waiting for the other device…</source>
        <translation>En attente de l’autre appareil…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Continue in your browser…</source>
        <translation>Continuez dans votre navigateur…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Completing sign-in…</source>
        <translation>Finalisation de la connexion…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not signed in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed in</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Requesting a code…</source>
        <translation>Demande d’un code…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On your phone or computer, open %1 and enter this code:</source>
        <translation>Sur votre téléphone ou votre ordinateur, ouvrez %1 et saisissez ce code :</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The code expires in %1</source>
        <translation>Le code expire dans %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Access token valid until %1</source>
        <translation>Jeton d’accès valide jusqu’à %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+73"/>
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
