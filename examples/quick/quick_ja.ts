<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>Main</name>
    <message>
        <location filename="Main.qml" line="+41"/>
        <source>OAuth4Qt Sign-in</source>
        <translation>OAuth4Qt サインイン</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Waiting for the other device…</source>
        <translation>もう一方のデバイスを待っています…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue in your browser…</source>
        <translation>ブラウザーで続行してください…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Completing sign-in…</source>
        <translation>サインインを完了しています…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed in</source>
        <translation>サインイン済み</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not signed in</source>
        <translation>未サインイン</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>OAuth4Qt</source>
        <translation>OAuth4Qt</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Welcome</source>
        <translation>ようこそ</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign in with your account at %1. Your browser opens to sign in; then you come back here.</source>
        <translation>%1 のアカウントでサインインします。サインインのためにブラウザーが開き、完了するとここに戻ります。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+50"/>
        <source>Sign in on another device</source>
        <translation>別のデバイスでサインイン</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+112"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>Client: %1</source>
        <translation>クライアント: %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>On your phone or computer, open %1 and enter this code:</source>
        <translation>スマートフォンまたはパソコンで %1 を開き、このコードを入力してください:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requesting a code…</source>
        <translation>コードを要求しています…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy code</source>
        <translation>コードをコピー</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The code expires in %1</source>
        <translation>コードの有効期限まで %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open the page here</source>
        <translation>このデバイスでページを開く</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>ID Token claims</source>
        <translation>ID トークンのクレーム</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Access token valid until %1</source>
        <translation>アクセストークンの有効期限: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Call the API</source>
        <translation>API を呼び出す</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Calling…</source>
        <translation>呼び出し中…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Also sign out at the provider</source>
        <translation>プロバイダーからもサインアウトする</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sign out</source>
        <translation>サインアウト</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+62"/>
        <source>OAuth4Qt Quick Example</source>
        <translation>OAuth4Qt Qt Quick のサンプル</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <source>A private-use URI scheme redirect (e.g. com.example.app:/callback) instead of the loopback one.</source>
        <translation>ループバックの代わりにプライベート URI スキームのリダイレクト（例: com.example.app:/callback）を使います。</translation>
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
