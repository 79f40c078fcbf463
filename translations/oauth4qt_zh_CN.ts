<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>OAuth4Qt::Error</name>
    <message>
        <location filename="../src/core/error.cpp" line="+21"/>
        <source>No error</source>
        <translation>没有错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An argument is missing or invalid.</source>
        <translation>缺少参数或参数无效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client configuration is incomplete or invalid.</source>
        <translation>客户端配置不完整或无效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain http:// URLs are not allowed.</source>
        <translation>不允许使用未加密的 http:// URL。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The URL scheme is not supported.</source>
        <translation>不支持该 URL 协议。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The authorization server does not provide the endpoint this operation needs.</source>
        <translation>授权服务器未提供此操作所需的端点。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The algorithm is not supported for this key.</source>
        <translation>此密钥不支持该算法。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key is invalid or too weak.</source>
        <translation>密钥无效或强度不足。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operation is not possible in the current state.</source>
        <translation>当前状态下无法执行此操作。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A key could not be generated.</source>
        <translation>无法生成密钥。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing failed.</source>
        <translation>签名失败。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The secure token storage failed.</source>
        <translation>安全令牌存储失败。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The web browser could not be opened.</source>
        <translation>无法打开网页浏览器。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client configuration does not meet the required security profile.</source>
        <translation>客户端配置不符合所要求的安全配置文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A network error occurred.</source>
        <translation>发生网络错误。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The secure connection could not be established.</source>
        <translation>无法建立安全连接。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operation timed out.</source>
        <translation>操作超时。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server answered with a redirect, which is not followed.</source>
        <translation>服务器以重定向作为响应，该重定向不会被跟随。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response is too large.</source>
        <translation>服务器的响应过大。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server is busy or rate-limiting requests.</source>
        <translation>服务器繁忙或正在限制请求频率。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server returned an error.</source>
        <translation>服务器返回了错误。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server rejected the credentials.</source>
        <translation>服务器拒绝了凭据。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The authorization request was not granted.</source>
        <translation>授权请求未获批准。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server answered with an unexpected HTTP status.</source>
        <translation>服务器返回了意外的 HTTP 状态。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response has an unexpected content type.</source>
        <translation>服务器响应的内容类型不符合预期。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response is not a valid JSON object.</source>
        <translation>服务器的响应不是有效的 JSON 对象。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response lacks a required value.</source>
        <translation>服务器的响应缺少必需的值。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s response contains an invalid value.</source>
        <translation>服务器的响应包含无效的值。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The issuer does not match the expected issuer.</source>
        <translation>颁发者与预期的颁发者不一致。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The state parameter does not match the request.</source>
        <translation>state 参数与请求不一致。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The nonce does not match the request.</source>
        <translation>nonce 与请求不一致。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token was not issued for this client.</source>
        <translation>该令牌不是为此客户端颁发的。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The subject does not match the signed-in user.</source>
        <translation>主体与已登录的用户不一致。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The signature is invalid.</source>
        <translation>签名无效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The signing algorithm is not allowed.</source>
        <translation>不允许使用该签名算法。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No suitable key was found to verify the signature.</source>
        <translation>未找到可用于验证签名的密钥。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More than one key matches the signature.</source>
        <translation>有多个密钥与该签名匹配。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is malformed.</source>
        <translation>令牌格式错误。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is of an unexpected type.</source>
        <translation>令牌类型不符合预期。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token has an unsupported critical header.</source>
        <translation>令牌包含不受支持的关键标头。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token has expired.</source>
        <translation>令牌已过期。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is not yet valid.</source>
        <translation>令牌尚未生效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token was issued too long ago.</source>
        <translation>令牌颁发时间过早。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user authenticated too long ago.</source>
        <translation>用户的身份验证时间过早。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A token hash does not match.</source>
        <translation>令牌哈希值不匹配。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token type is not supported.</source>
        <translation>不支持该令牌类型。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A parameter appears more than once.</source>
        <translation>某个参数出现了多次。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The response contains an unexpected parameter.</source>
        <translation>响应包含意外的参数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token&apos;s DPoP binding does not match the request.</source>
        <translation>令牌的 DPoP 绑定与请求不一致。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted tokens are not supported.</source>
        <translation>不支持加密的令牌。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token is not active.</source>
        <translation>令牌未处于活动状态。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An encrypted response could not be decrypted.</source>
        <translation>无法解密加密的响应。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server sent an unencrypted response where an encrypted one is required.</source>
        <translation>服务器在需要加密响应的地方发送了未加密的响应。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The operation was cancelled.</source>
        <translation>操作已取消。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+1"/>
        <source>The sign-in is no longer valid. Please sign in again.</source>
        <translation>登录已失效。请重新登录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>Please sign in again.</source>
        <translation>请重新登录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server does not accept this application&apos;s credentials.</source>
        <translation>服务器不接受此应用程序的凭据。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This application is not allowed to make this request.</source>
        <translation>此应用程序无权发出此请求。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access was denied.</source>
        <translation>访问被拒绝。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The requested permissions are not available.</source>
        <translation>请求的权限不可用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You do not have permission for this action.</source>
        <translation>您无权执行此操作。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request has expired. Please start again.</source>
        <translation>请求已过期。请重新开始。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server had a problem. Please try again later.</source>
        <translation>服务器出现问题。请稍后重试。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server is temporarily unavailable. Please try again later.</source>
        <translation>服务器暂时不可用。请稍后重试。</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>Unknown error.</source>
        <translation>未知错误。</translation>
    </message>
    <message>
        <source>Server error: %1.</source>
        <extracomment>%1 is the OAuth error code sent by the server, e.g. invalid_grant</extracomment>
        <translation type="vanished">服务器错误：%1。</translation>
    </message>
    <message>
        <source>(HTTP status %1)</source>
        <extracomment>%1 is an HTTP status code</extracomment>
        <translation type="vanished">（HTTP 状态 %1）</translation>
    </message>
</context>
<context>
    <name>OAuth4Qt::LoopbackListener</name>
    <message>
        <location filename="../src/flows/loopbacklistener.cpp" line="+388"/>
        <source>en</source>
        <comment>BCP 47 language code of this translation</comment>
        <extracomment>The language code (BCP 47) of this translation, e.g. &quot;de&quot; or &quot;zh-CN&quot;: the lang attribute of the page the browser shows after sign-in.</extracomment>
        <translation>zh-CN</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sign-in not completed</source>
        <translation>登录未完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sign-in was cancelled or refused. You can close this window and return to the application.</source>
        <translation>登录已被取消或拒绝。您可以关闭此窗口并返回应用程序。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Authorization response received</source>
        <translation>已收到授权响应</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You can close this window and return to the application.</source>
        <translation>您可以关闭此窗口并返回应用程序。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This address does not accept requests.</source>
        <translation>此地址不接受请求。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Method not allowed</source>
        <translation>不允许的方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This address accepts only the authorization response.</source>
        <translation>此地址仅接受授权响应。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Request too long</source>
        <translation>请求过长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request is too long.</source>
        <translation>请求过长。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Request too large</source>
        <translation>请求过大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request headers are too large.</source>
        <translation>请求标头过大。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Invalid request</source>
        <translation>无效的请求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This request is not a valid authorization response. If you are signing in, return to the application and try again.</source>
        <translation>此请求不是有效的授权响应。如果您正在登录，请返回应用程序并重试。</translation>
    </message>
</context>
</TS>
