<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="mainwindow.cpp" line="+71"/>
        <source>OAuth4Qt Desktop Example</source>
        <translation>OAuth4Qt デスクトップのサンプル</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>OAuth4Qt</source>
        <translation>OAuth4Qt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Provider: %1 · Client: %2</source>
        <translation>プロバイダー: %1 · クライアント: %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Welcome</source>
        <translation>ようこそ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign in with your account. Your web browser opens to sign in; then you come back here.</source>
        <translation>アカウントでサインインします。サインインのために Web ブラウザーが開き、完了するとここに戻ります。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sign in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+75"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Sign in on another device…</source>
        <translation>別のデバイスでサインイン…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows a code to enter on a phone or computer (for devices without a browser)</source>
        <translation>スマートフォンやパソコンで入力するコードを表示します（ブラウザーのないデバイス向け）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stay signed in</source>
        <translation>サインインしたままにする</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keeps the session in the system keychain for the next start</source>
        <translation>次回の起動のためにセッションをシステムのキーチェーンに保存します</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sign in on another device</source>
        <translation>別のデバイスでサインイン</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+206"/>
        <source>Copy code</source>
        <translation>コードをコピー</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>Open the page here</source>
        <translation>このデバイスでページを開く</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>ID Token claims</source>
        <translation>ID トークンのクレーム</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Claim</source>
        <translation>クレーム</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Call the API</source>
        <translation>API を呼び出す</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls the provider&apos;s UserInfo endpoint with the session&apos;s access token</source>
        <translation>セッションのアクセストークンでプロバイダーの UserInfo エンドポイントを呼び出します</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Also sign out at the provider</source>
        <translation>プロバイダーからもサインアウトする</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign out</source>
        <translation>サインアウト</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Calling…</source>
        <translation>呼び出し中…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Waiting for the other device…</source>
        <translation>もう一方のデバイスを待っています…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Continue in your browser…</source>
        <translation>ブラウザーで続行してください…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Completing sign-in…</source>
        <translation>サインインを完了しています…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not signed in</source>
        <translation>未サインイン</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed in</source>
        <translation>サインイン済み</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Requesting a code…</source>
        <translation>コードを要求しています…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On your phone or computer, open %1 and enter this code:</source>
        <translation>スマートフォンまたはパソコンで %1 を開き、このコードを入力してください:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The code expires in %1</source>
        <translation>コードの有効期限まで %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Access token valid until %1</source>
        <translation>アクセストークンの有効期限: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+73"/>
        <source>Signs in with OpenID Connect through the system browser.</source>
        <translation>システムのブラウザーを使って OpenID Connect でサインインします。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The OpenID Provider (issuer URL).</source>
        <translation>OpenID プロバイダー (発行者の URL)。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client ID registered at the provider.</source>
        <translation>プロバイダーに登録されたクライアント ID。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scope to request.</source>
        <translation>要求するスコープ。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start signing in right away.</source>
        <translation>すぐにサインインを開始します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in with a code entered on another device (with --auto-sign-in).</source>
        <translation>別のデバイスで入力するコードでサインインします（--auto-sign-in と併用）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call the API once signed in (or with the restored session).</source>
        <translation>サインイン後（または復元したセッションで）API を呼び出します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the session in memory only, not in the keychain.</source>
        <translation>セッションをキーチェーンではなくメモリにのみ保持します。</translation>
    </message>
</context>
</TS>
