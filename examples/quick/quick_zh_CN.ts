<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Main</name>
    <message>
        <location filename="Main.qml" line="+26"/>
        <source>OAuth4Qt Sign-in</source>
        <translation>OAuth4Qt 登录</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Continue in your browser…</source>
        <translation>请在浏览器中继续…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Completing sign-in…</source>
        <translation>正在完成登录…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>OAuth4Qt</source>
        <translation>OAuth4Qt</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign in with your account at %1. Your browser opens to sign in; then you come back here.</source>
        <translation>使用您在 %1 的账户登录。浏览器将打开以完成登录，之后您会回到这里。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Client: %1</source>
        <translation>客户端：%1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>ID Token claims</source>
        <translation>ID 令牌声明</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Access token valid until %1</source>
        <translation>访问令牌有效期至 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+61"/>
        <source>OAuth4Qt Quick Example</source>
        <translation>OAuth4Qt Qt Quick 示例</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Signs in with OpenID Connect through the system browser.</source>
        <translation>通过系统浏览器使用 OpenID Connect 登录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The OpenID Provider (issuer URL).</source>
        <translation>OpenID 提供方（颁发者 URL）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client ID registered at the provider.</source>
        <translation>在提供方注册的客户端 ID。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scope to request.</source>
        <translation>要请求的作用域（scope）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start signing in right away.</source>
        <translation>立即开始登录。</translation>
    </message>
</context>
</TS>
