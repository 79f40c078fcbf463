<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>Main</name>
    <message>
        <location filename="Main.qml" line="+26"/>
        <source>OAuth4Qt Sign-in</source>
        <translation>OAuth4Qt サインイン</translation>
    </message>
    <message>
        <location line="+56"/>
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
        <location line="+25"/>
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
        <location line="+13"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Client: %1</source>
        <translation>クライアント: %1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>ID Token claims</source>
        <translation>ID トークンのクレーム</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Access token valid until %1</source>
        <translation>アクセストークンの有効期限: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign out</source>
        <translation>サインアウト</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+61"/>
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
</context>
</TS>
