<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="mainwindow.cpp" line="+71"/>
        <source>OAuth4Qt Desktop Example</source>
        <translation>OAuth4Qt 桌面示例</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>OAuth4Qt</source>
        <translation>OAuth4Qt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Provider: %1 · Client: %2</source>
        <translation>提供方：%1 · 客户端：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign in with your account. Your web browser opens to sign in; then you come back here.</source>
        <translation>使用您的账户登录。网页浏览器将打开以完成登录，之后您会回到这里。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+75"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Sign in on another device…</source>
        <translation>在另一台设备上登录…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows a code to enter on a phone or computer (for devices without a browser)</source>
        <translation>显示要在手机或电脑上输入的代码（适用于没有浏览器的设备）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stay signed in</source>
        <translation>保持登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keeps the session in the system keychain for the next start</source>
        <translation>将会话保存在系统钥匙串中，供下次启动时使用</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sign in on another device</source>
        <translation>在另一台设备上登录</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+206"/>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>Open the page here</source>
        <translation>在此设备上打开页面</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>ID Token claims</source>
        <translation>ID 令牌声明</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Claim</source>
        <translation>声明</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Call the API</source>
        <translation>调用 API</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls the provider&apos;s UserInfo endpoint with the session&apos;s access token</source>
        <translation>使用会话的访问令牌调用提供方的 UserInfo 端点</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Also sign out at the provider</source>
        <translation>同时从提供方退出登录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Calling…</source>
        <translation>正在调用…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1：%2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Waiting for the other device…</source>
        <translation>正在等待另一台设备…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Continue in your browser…</source>
        <translation>请在浏览器中继续…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Completing sign-in…</source>
        <translation>正在完成登录…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Requesting a code…</source>
        <translation>正在请求代码…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On your phone or computer, open %1 and enter this code:</source>
        <translation>请在手机或电脑上打开 %1 并输入此代码：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The code expires in %1</source>
        <translation>代码将在 %1 后过期</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Access token valid until %1</source>
        <translation>访问令牌有效期至 %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="main.cpp" line="+73"/>
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
