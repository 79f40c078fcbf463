<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="mainwindow.cpp" line="+57"/>
        <source>OAuth4Qt Desktop Example</source>
        <translation>OAuth4Qt デスクトップのサンプル</translation>
    </message>
    <message>
        <location line="+24"/>
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
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+37"/>
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
        <source>Also sign out at the provider</source>
        <translation>プロバイダーからもサインアウトする</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign out</source>
        <translation>サインアウト</translation>
    </message>
    <message>
        <location line="+52"/>
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
        <location line="+25"/>
        <source>Access token valid until %1</source>
        <translation>アクセストークンの有効期限: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+71"/>
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
