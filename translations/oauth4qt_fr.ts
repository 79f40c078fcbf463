<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>OAuth4Qt::Error</name>
    <message>
        <location filename="../src/core/error.cpp" line="+21"/>
        <source>No error</source>
        <translation>Aucune erreur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An argument is missing or invalid.</source>
        <translation>Un argument est manquant ou non valide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client configuration is incomplete or invalid.</source>
        <translation>La configuration du client est incomplète ou non valide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain http:// URLs are not allowed.</source>
        <translation>Les URL en http:// non chiffré ne sont pas autorisées.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The URL scheme is not supported.</source>
        <translation>Le schéma de l’URL n’est pas pris en charge.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The authorization server does not provide the endpoint this operation needs.</source>
        <translation>Le serveur d’autorisation ne fournit pas le point de terminaison nécessaire à cette opération.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The algorithm is not supported for this key.</source>
        <translation>L’algorithme n’est pas pris en charge pour cette clé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key is invalid or too weak.</source>
        <translation>La clé n’est pas valide ou est trop faible.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operation is not possible in the current state.</source>
        <translation>L’opération n’est pas possible dans l’état actuel.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A key could not be generated.</source>
        <translation>Impossible de générer une clé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing failed.</source>
        <translation>La signature a échoué.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The secure token storage failed.</source>
        <translation>Le stockage sécurisé des jetons a échoué.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The web browser could not be opened.</source>
        <translation>Impossible d’ouvrir le navigateur web.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client configuration does not meet the required security profile.</source>
        <translation>La configuration du client ne respecte pas le profil de sécurité requis.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A network error occurred.</source>
        <translation>Une erreur réseau s’est produite.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The secure connection could not be established.</source>
        <translation>Impossible d’établir la connexion sécurisée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operation timed out.</source>
        <translation>Le délai de l’opération a expiré.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server answered with a redirect, which is not followed.</source>
        <translation>Le serveur a répondu par une redirection, qui n’est pas suivie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response is too large.</source>
        <translation>La réponse du serveur est trop volumineuse.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server is busy or rate-limiting requests.</source>
        <translation>Le serveur est occupé ou limite le nombre de requêtes.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server returned an error.</source>
        <translation>Le serveur a renvoyé une erreur.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server rejected the credentials.</source>
        <translation>Le serveur a refusé les identifiants.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The authorization request was not granted.</source>
        <translation>La demande d’autorisation n’a pas été accordée.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server answered with an unexpected HTTP status.</source>
        <translation>Le serveur a répondu avec un statut HTTP inattendu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response has an unexpected content type.</source>
        <translation>La réponse du serveur a un type de contenu inattendu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response is not a valid JSON object.</source>
        <translation>La réponse du serveur n’est pas un objet JSON valide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response lacks a required value.</source>
        <translation>Il manque une valeur obligatoire dans la réponse du serveur.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response contains an invalid value.</source>
        <translation>La réponse du serveur contient une valeur non valide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The issuer does not match the expected issuer.</source>
        <translation>L’émetteur ne correspond pas à l’émetteur attendu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The state parameter does not match the request.</source>
        <translation>Le paramètre state ne correspond pas à la requête.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The nonce does not match the request.</source>
        <translation>Le nonce ne correspond pas à la requête.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token was not issued for this client.</source>
        <translation>Le jeton n’a pas été émis pour ce client.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The subject does not match the signed-in user.</source>
        <translation>Le sujet ne correspond pas à l’utilisateur connecté.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The signature is invalid.</source>
        <translation>La signature n’est pas valide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The signing algorithm is not allowed.</source>
        <translation>L’algorithme de signature n’est pas autorisé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No suitable key was found to verify the signature.</source>
        <translation>Aucune clé appropriée n’a été trouvée pour vérifier la signature.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More than one key matches the signature.</source>
        <translation>Plusieurs clés correspondent à la signature.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is malformed.</source>
        <translation>Le jeton est mal formé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is of an unexpected type.</source>
        <translation>Le jeton est d’un type inattendu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token has an unsupported critical header.</source>
        <translation>Le jeton comporte un en-tête critique non pris en charge.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token has expired.</source>
        <translation>Le jeton a expiré.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is not yet valid.</source>
        <translation>Le jeton n’est pas encore valide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token was issued too long ago.</source>
        <translation>Le jeton a été émis il y a trop longtemps.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user authenticated too long ago.</source>
        <translation>L’authentification de l’utilisateur remonte à trop longtemps.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A token hash does not match.</source>
        <translation>Une empreinte de jeton ne correspond pas.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token type is not supported.</source>
        <translation>Le type de jeton n’est pas pris en charge.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A parameter appears more than once.</source>
        <translation>Un paramètre apparaît plusieurs fois.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The response contains an unexpected parameter.</source>
        <translation>La réponse contient un paramètre inattendu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token&apos;s DPoP binding does not match the request.</source>
        <translation>La liaison DPoP du jeton ne correspond pas à la requête.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted tokens are not supported.</source>
        <translation>Les jetons chiffrés ne sont pas pris en charge.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is not active.</source>
        <translation>Le jeton n’est pas actif.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An encrypted response could not be decrypted.</source>
        <translation>Une réponse chiffrée n’a pas pu être déchiffrée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server sent an unencrypted response where an encrypted one is required.</source>
        <translation>Le serveur a envoyé une réponse non chiffrée alors qu’une réponse chiffrée est requise.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The operation was cancelled.</source>
        <translation>L’opération a été annulée.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+1"/>
        <source>The sign-in is no longer valid. Please sign in again.</source>
        <translation>La connexion n’est plus valide. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>Please sign in again.</source>
        <translation>Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server does not accept this application&apos;s credentials.</source>
        <translation>Le serveur n’accepte pas les identifiants de cette application.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This application is not allowed to make this request.</source>
        <translation>Cette application n’est pas autorisée à effectuer cette requête.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access was denied.</source>
        <translation>L’accès a été refusé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The requested permissions are not available.</source>
        <translation>Les autorisations demandées ne sont pas disponibles.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You do not have permission for this action.</source>
        <translation>Vous n’avez pas l’autorisation d’effectuer cette action.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request has expired. Please start again.</source>
        <translation>La demande a expiré. Veuillez recommencer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server had a problem. Please try again later.</source>
        <translation>Le serveur a rencontré un problème. Veuillez réessayer plus tard.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server is temporarily unavailable. Please try again later.</source>
        <translation>Le serveur est temporairement indisponible. Veuillez réessayer plus tard.</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>Unknown error.</source>
        <translation>Erreur inconnue.</translation>
    </message>
    <message>
        <source>Server error: %1.</source>
        <extracomment>%1 is the OAuth error code sent by the server, e.g. invalid_grant</extracomment>
        <translation type="vanished">Erreur du serveur : %1.</translation>
    </message>
    <message>
        <source>(HTTP status %1)</source>
        <extracomment>%1 is an HTTP status code</extracomment>
        <translation type="vanished">(statut HTTP %1)</translation>
    </message>
</context>
<context>
    <name>OAuth4Qt::LoopbackListener</name>
    <message>
        <location filename="../src/flows/loopbacklistener.cpp" line="+388"/>
        <source>en</source>
        <comment>BCP 47 language code of this translation</comment>
        <extracomment>The language code (BCP 47) of this translation, e.g. &quot;de&quot; or &quot;zh-CN&quot;: the lang attribute of the page the browser shows after sign-in.</extracomment>
        <translation>fr</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sign-in not completed</source>
        <translation>Connexion non terminée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sign-in was cancelled or refused. You can close this window and return to the application.</source>
        <translation>La connexion a été annulée ou refusée. Vous pouvez fermer cette fenêtre et revenir à l’application.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Authorization response received</source>
        <translation>Réponse d’autorisation reçue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You can close this window and return to the application.</source>
        <translation>Vous pouvez fermer cette fenêtre et revenir à l’application.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not found</source>
        <translation>Introuvable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This address does not accept requests.</source>
        <translation>Cette adresse n’accepte pas de requêtes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Method not allowed</source>
        <translation>Méthode non autorisée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This address accepts only the authorization response.</source>
        <translation>Cette adresse n’accepte que la réponse d’autorisation.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Request too long</source>
        <translation>Requête trop longue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request is too long.</source>
        <translation>La requête est trop longue.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Request too large</source>
        <translation>Requête trop volumineuse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request headers are too large.</source>
        <translation>Les en-têtes de la requête sont trop volumineux.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Invalid request</source>
        <translation>Requête non valide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This request is not a valid authorization response. If you are signing in, return to the application and try again.</source>
        <translation>Cette requête n’est pas une réponse d’autorisation valide. Si vous êtes en train de vous connecter, revenez à l’application et réessayez.</translation>
    </message>
</context>
</TS>
