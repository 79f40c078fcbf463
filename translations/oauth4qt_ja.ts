<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>OAuth4Qt::Error</name>
    <message>
        <location filename="../src/core/error.cpp" line="+21"/>
        <source>No error</source>
        <translation>エラーはありません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An argument is missing or invalid.</source>
        <translation>引数が指定されていないか、無効です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client configuration is incomplete or invalid.</source>
        <translation>クライアントの設定が不完全か、無効です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain http:// URLs are not allowed.</source>
        <translation>暗号化されていない http:// の URL は使用できません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The URL scheme is not supported.</source>
        <translation>この URL スキームはサポートされていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The authorization server does not provide the endpoint this operation needs.</source>
        <translation>認可サーバーは、この操作に必要なエンドポイントを提供していません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The algorithm is not supported for this key.</source>
        <translation>このキーではこのアルゴリズムはサポートされていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key is invalid or too weak.</source>
        <translation>キーが無効か、強度が不十分です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operation is not possible in the current state.</source>
        <translation>現在の状態ではこの操作を実行できません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A key could not be generated.</source>
        <translation>キーを生成できませんでした。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing failed.</source>
        <translation>署名に失敗しました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The secure token storage failed.</source>
        <translation>安全なトークン保存領域でエラーが発生しました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The web browser could not be opened.</source>
        <translation>Web ブラウザーを開けませんでした。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client configuration does not meet the required security profile.</source>
        <translation>クライアントの構成が必要なセキュリティプロファイルを満たしていません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A network error occurred.</source>
        <translation>ネットワークエラーが発生しました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The secure connection could not be established.</source>
        <translation>安全な接続を確立できませんでした。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operation timed out.</source>
        <translation>操作がタイムアウトしました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server answered with a redirect, which is not followed.</source>
        <translation>サーバーがリダイレクトで応答しましたが、リダイレクトには従いません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response is too large.</source>
        <translation>サーバーの応答が大きすぎます。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server is busy or rate-limiting requests.</source>
        <translation>サーバーが混雑しているか、リクエスト数を制限しています。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server returned an error.</source>
        <translation>サーバーがエラーを返しました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server rejected the credentials.</source>
        <translation>サーバーが認証情報を拒否しました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The authorization request was not granted.</source>
        <translation>認可リクエストは許可されませんでした。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server answered with an unexpected HTTP status.</source>
        <translation>サーバーが予期しない HTTP ステータスで応答しました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response has an unexpected content type.</source>
        <translation>サーバーの応答のコンテンツタイプが予期しないものです。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response is not a valid JSON object.</source>
        <translation>サーバーの応答は有効な JSON オブジェクトではありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response lacks a required value.</source>
        <translation>サーバーの応答に必須の値がありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response contains an invalid value.</source>
        <translation>サーバーの応答に無効な値が含まれています。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The issuer does not match the expected issuer.</source>
        <translation>発行者が想定された発行者と一致しません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The state parameter does not match the request.</source>
        <translation>state パラメーターがリクエストと一致しません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The nonce does not match the request.</source>
        <translation>nonce がリクエストと一致しません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token was not issued for this client.</source>
        <translation>このトークンはこのクライアント向けに発行されたものではありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The subject does not match the signed-in user.</source>
        <translation>サブジェクトがサインイン中のユーザーと一致しません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The signature is invalid.</source>
        <translation>署名が無効です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The signing algorithm is not allowed.</source>
        <translation>この署名アルゴリズムは許可されていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No suitable key was found to verify the signature.</source>
        <translation>署名を検証するための適切なキーが見つかりませんでした。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More than one key matches the signature.</source>
        <translation>署名に一致するキーが複数あります。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is malformed.</source>
        <translation>トークンの形式が正しくありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is of an unexpected type.</source>
        <translation>トークンの種類が想定と異なります。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token has an unsupported critical header.</source>
        <translation>トークンにサポートされていないクリティカルヘッダーがあります。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token has expired.</source>
        <translation>トークンの有効期限が切れています。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is not yet valid.</source>
        <translation>トークンはまだ有効になっていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token was issued too long ago.</source>
        <translation>トークンが発行されてから時間が経ちすぎています。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user authenticated too long ago.</source>
        <translation>ユーザーが認証されてから時間が経ちすぎています。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A token hash does not match.</source>
        <translation>トークンのハッシュが一致しません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token type is not supported.</source>
        <translation>このトークンの種類はサポートされていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A parameter appears more than once.</source>
        <translation>パラメーターが複数回指定されています。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The response contains an unexpected parameter.</source>
        <translation>応答に予期しないパラメーターが含まれています。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token&apos;s DPoP binding does not match the request.</source>
        <translation>トークンの DPoP バインディングがリクエストと一致しません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted tokens are not supported.</source>
        <translation>暗号化されたトークンはサポートされていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is not active.</source>
        <translation>トークンは有効ではありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An encrypted response could not be decrypted.</source>
        <translation>暗号化された応答を復号できませんでした。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server sent an unencrypted response where an encrypted one is required.</source>
        <translation>暗号化された応答が必要なところに、サーバーが暗号化されていない応答を送信しました。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The operation was cancelled.</source>
        <translation>操作はキャンセルされました。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+1"/>
        <source>The sign-in is no longer valid. Please sign in again.</source>
        <translation>サインインが無効になりました。もう一度サインインしてください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>Please sign in again.</source>
        <translation>もう一度サインインしてください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server does not accept this application&apos;s credentials.</source>
        <translation>サーバーはこのアプリケーションの資格情報を受け付けません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This application is not allowed to make this request.</source>
        <translation>このアプリケーションにはこの要求を行う権限がありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access was denied.</source>
        <translation>アクセスが拒否されました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The requested permissions are not available.</source>
        <translation>要求された権限は利用できません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You do not have permission for this action.</source>
        <translation>この操作を行う権限がありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request has expired. Please start again.</source>
        <translation>要求の有効期限が切れました。最初からやり直してください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server had a problem. Please try again later.</source>
        <translation>サーバーで問題が発生しました。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server is temporarily unavailable. Please try again later.</source>
        <translation>サーバーは一時的に利用できません。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>Unknown error.</source>
        <translation>不明なエラーです。</translation>
    </message>
    <message>
        <source>Server error: %1.</source>
        <extracomment>%1 is the OAuth error code sent by the server, e.g. invalid_grant</extracomment>
        <translation type="vanished">サーバーエラー: %1。</translation>
    </message>
    <message>
        <source>(HTTP status %1)</source>
        <extracomment>%1 is an HTTP status code</extracomment>
        <translation type="vanished">(HTTP ステータス %1)</translation>
    </message>
</context>
<context>
    <name>OAuth4Qt::LoopbackListener</name>
    <message>
        <location filename="../src/flows/loopbacklistener.cpp" line="+388"/>
        <source>en</source>
        <comment>BCP 47 language code of this translation</comment>
        <extracomment>The language code (BCP 47) of this translation, e.g. &quot;de&quot; or &quot;zh-CN&quot;: the lang attribute of the page the browser shows after sign-in.</extracomment>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sign-in not completed</source>
        <translation>サインインは完了していません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sign-in was cancelled or refused. You can close this window and return to the application.</source>
        <translation>サインインはキャンセルまたは拒否されました。このウィンドウを閉じてアプリケーションに戻ってください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Authorization response received</source>
        <translation>認可レスポンスを受信しました</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You can close this window and return to the application.</source>
        <translation>このウィンドウを閉じて、アプリケーションに戻ってください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not found</source>
        <translation>見つかりません</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This address does not accept requests.</source>
        <translation>このアドレスはリクエストを受け付けません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Method not allowed</source>
        <translation>許可されていないメソッドです</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This address accepts only the authorization response.</source>
        <translation>このアドレスは認可レスポンスのみを受け付けます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Request too long</source>
        <translation>リクエストが長すぎます</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request is too long.</source>
        <translation>リクエストが長すぎます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Request too large</source>
        <translation>リクエストが大きすぎます</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request headers are too large.</source>
        <translation>リクエストヘッダーが大きすぎます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Invalid request</source>
        <translation>無効なリクエストです</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This request is not a valid authorization response. If you are signing in, return to the application and try again.</source>
        <translation>このリクエストは有効な認可レスポンスではありません。サインイン中の場合は、アプリケーションに戻ってもう一度お試しください。</translation>
    </message>
</context>
</TS>
