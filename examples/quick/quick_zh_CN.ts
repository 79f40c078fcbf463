<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Main</name>
    <message>
        <location filename="Main.qml" line="+41"/>
        <source>OAuth4Qt Sign-in</source>
        <translation>OAuth4Qt 登录</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1：%2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Waiting for the other device…</source>
        <translation>正在等待另一台设备…</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+31"/>
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
        <location line="+9"/>
        <location line="+50"/>
        <source>Sign in on another device</source>
        <translation>在另一台设备上登录</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+112"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>Client: %1</source>
        <translation>客户端：%1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>On your phone or computer, open %1 and enter this code:</source>
        <translation>请在手机或电脑上打开 %1 并输入此代码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requesting a code…</source>
        <translation>正在请求代码…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The code expires in %1</source>
        <translation>代码将在 %1 后过期</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open the page here</source>
        <translation>在此设备上打开页面</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>ID Token claims</source>
        <translation>ID 令牌声明</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Access token valid until %1</source>
        <translation>访问令牌有效期至 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Call the API</source>
        <translation>调用 API</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Calling…</source>
        <translation>正在调用…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Also sign out at the provider</source>
        <translation>同时在提供方处退出登录</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+62"/>
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
    <message>
        <location line="+1"/>
        <source>Sign in with a code entered on another device (with --auto-sign-in).</source>
        <translation>使用在另一台设备上输入的代码登录（与 --auto-sign-in 一起使用）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A private-use URI scheme redirect (e.g. com.example.app:/callback) instead of the loopback one.</source>
        <translation>使用私有 URI 方案重定向（例如 com.example.app:/callback）代替环回重定向。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call the API once signed in (or with the restored session).</source>
        <translation>登录后（或使用恢复的会话）调用 API。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the session in memory only, not in the keychain.</source>
        <translation>仅在内存中保存会话，不保存到钥匙串。</translation>
    </message>
</context>
</TS>
