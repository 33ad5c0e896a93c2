<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditExporter</name>
    <message>
        <location filename="../ui/audit/auditexporter.cpp" line="+53"/>
        <location line="+32"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reading the log failed: %1</source>
        <translation>读取日志失败：%1</translation>
    </message>
</context>
<context>
    <name>DiffFile</name>
    <message>
        <location filename="../ui/diff/diffdocument.cpp" line="+17"/>
        <source>added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>renamed (%1%)</source>
        <translation>已重命名（%1%）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>renamed</source>
        <translation>已重命名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>modified</source>
        <translation>已修改</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>mode %1 → %2</source>
        <translation>模式 %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>binary</source>
        <translation>二进制</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../ui/gates/findingsmodel.cpp" line="+14"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>info</source>
        <translation>信息</translation>
    </message>
</context>
<context>
    <name>LayerCanvas</name>
    <message numerus="yes">
        <location filename="../ui/ruleeditor/layercanvas.cpp" line="+69"/>
        <source>%1 → %2: %n dependenc(ies) the rules forbid. Double-click to allow this direction.</source>
        <translation>
            <numerusform>%1 → %2：%n 个依赖被规则禁止。双击可允许此方向。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%1 may depend on %2 (%n dependenc(ies) in the tree). Select and press Delete to forbid.</source>
        <translation>
            <numerusform>%1 可以依赖 %2（代码树中有 %n 个依赖）。选中后按 Delete 键可禁止。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Layer %1: %2
Drag from the round handle to another layer to allow that dependency.</source>
        <translation>层 %1：%2
从圆形手柄拖到另一层，即可允许该依赖。</translation>
    </message>
</context>
<context>
    <name>LineComment</name>
    <message>
        <location filename="../ui/diff/linecomment.cpp" line="+43"/>
        <source>Review comments on your change:</source>
        <translation>对你的修改的评审意见：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (removed line)</source>
        <translation> （已删除的行）</translation>
    </message>
</context>
<context>
    <name>RepositoryCheck</name>
    <message>
        <location filename="../ui/shell/repositorycheck.cpp" line="+16"/>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is a file; choose the folder of a git repository.</source>
        <translation>%1 是一个文件；请选择 git 仓库所在的文件夹。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 is not inside a git repository. Choose a folder created with &quot;git init&quot; or &quot;git clone&quot;.</source>
        <translation>%1 不在 git 仓库中。请选择用“git init”或“git clone”创建的文件夹。</translation>
    </message>
</context>
<context>
    <name>RuleTableModel</name>
    <message>
        <location filename="../ui/ruleeditor/ruletablemodel.cpp" line="+30"/>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&quot;%1&quot; is not a valid path glob: %2</source>
        <translation>“%1”不是有效的路径通配符：%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>not a valid regular expression (at character %1): %2</source>
        <translation>不是有效的正则表达式（位于第 %1 个字符）：%2</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>at least one path glob is needed, e.g. src/**</source>
        <translation>至少需要一个路径通配符，例如 src/**</translation>
    </message>
</context>
<context>
    <name>TaskGraphPanel</name>
    <message>
        <location filename="../ui/taskgraph/taskgraphpanel.cpp" line="+53"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>TaskStateStyle</name>
    <message>
        <location filename="../ui/common/taskstatestyle.cpp" line="+37"/>
        <source>Open</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Awaiting approval</source>
        <translation>等待批准</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review</source>
        <translation>评审</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discarded</source>
        <translation>已丢弃</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Escalated</source>
        <translation>已升级给人工</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aborted</source>
        <translation>已中止</translation>
    </message>
</context>
<context>
    <name>harness::AnthropicChatStream</name>
    <message>
        <location filename="../app/agents/anthropicchatstream.cpp" line="+12"/>
        <source>&quot;%1&quot; (Anthropic)</source>
        <translation>“%1”（Anthropic）</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>a &quot;%1&quot; event is not a JSON object (%2)</source>
        <translation>“%1”事件不是 JSON 对象（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>%1 reported %2 in the middle of its answer: %3</source>
        <translation>%1 在回答中途报告了 %2：%3</translation>
    </message>
</context>
<context>
    <name>harness::ChatStream</name>
    <message>
        <location filename="../app/agents/chatstream.cpp" line="+18"/>
        <source>The model call was cancelled.</source>
        <translation>模型调用已取消。</translation>
    </message>
</context>
<context>
    <name>harness::HttpChatStream</name>
    <message>
        <location filename="../app/agents/httpchatstream.cpp" line="+32"/>
        <location line="+92"/>
        <source>The call was stopped because its provider was closed.</source>
        <translation>由于提供方已关闭，调用已停止。</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>The %1 answer exceeded the size limit of %2 bytes; the call was stopped.</source>
        <translation>%1 的回答超出了 %2 字节的大小限制；调用已停止。</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>%1 sent a JSON document instead of an event stream. Check that the base URL points to a streaming Chat Completions or Messages endpoint.</source>
        <translation>%1 返回的是 JSON 文档而不是事件流。请检查基础 URL 是否指向支持流式传输的 Chat Completions 或 Messages 端点。</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>its Content-Type is &quot;%1&quot;, not text/event-stream</source>
        <translation>其 Content-Type 为“%1”，而不是 text/event-stream</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 sent a JSON document of more than %2 bytes instead of an event stream. Check that the base URL points to a streaming Chat Completions or Messages endpoint.</source>
        <translation>%1 发来了一个超过 %2 字节的 JSON 文档，而不是事件流。请检查基础 URL 是否指向支持流式输出的 Chat Completions 或 Messages 端点。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 reported an error in a JSON answer with HTTP %2 (%3).</source>
        <translation>%1 在 HTTP %2 的 JSON 应答中报告了错误（%3）。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Protocol error: the %1 answer is not an event stream (%2). Check that the base URL points to a streaming Chat Completions or Messages endpoint and that no proxy rewrites the answer.</source>
        <translation>协议错误：%1 的应答不是事件流（%2）。请检查基础 URL 是否指向支持流式输出的 Chat Completions 或 Messages 端点，并确认没有代理改写应答。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>its first bytes are not an event-stream field</source>
        <translation>其开头的字节不是事件流字段</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The connection to %1 broke while the answer was streaming (%2).</source>
        <translation>流式接收回答时与 %1 的连接中断（%2）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The %1 stream ended before the answer was complete.</source>
        <translation>%1 的流在回答完成之前就结束了。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not reach %1 at %2 (%3). Check the base URL and the network.</source>
        <translation>无法通过 %2 访问 %1（%3）。请检查基础 URL 和网络。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Store a valid key for provider &quot;%1&quot; in Settings → API keys</source>
        <translation>请在“设置 → API 密钥”中为提供方“%1”保存有效的密钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> or set %1 for this run</source>
        <translation> 或为本次运行设置 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The %1 API key was rejected (HTTP %2: %3). %4.</source>
        <translation>%1 的 API 密钥被拒绝（HTTP %2：%3）。%4。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 is rate-limiting this key (HTTP 429: %2).</source>
        <translation>%1 正在对此密钥限流（HTTP 429：%2）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The %1 server failed (HTTP %2: %3).</source>
        <translation>%1 服务器出错（HTTP %2：%3）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The %1 server refused the request (HTTP %2: %3). Check the model name and the provider settings.</source>
        <translation>%1 服务器拒绝了请求（HTTP %2：%3）。请检查模型名称和提供方设置。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 did not answer within %2 ms; the call was stopped.</source>
        <translation>%1 未在 %2 毫秒内响应；调用已停止。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 sent nothing for %2 ms in the middle of its answer; the call was stopped.</source>
        <translation>%1 在回答中途 %2 毫秒内未发送任何内容；调用已停止。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The %1 call took longer than its limit of %2 ms and was stopped.</source>
        <translation>%1 调用超过了 %2 毫秒的时限，已停止。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>The %1 answer could not be read: %2.</source>
        <translation>无法读取 %1 的回答：%2。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source> Not retried: a tool call had already been streamed, and repeating the request could repeat its effect.</source>
        <translation> 未重试：已有工具调用以流式方式传出，重复请求可能会重复其效果。</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source> Gave up after %n attempt(s).</source>
        <translation>
            <numerusform> 尝试 %n 次后放弃。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source> The server asks to wait %1 s, longer than the %2 s this provider may wait; try again later.</source>
        <translation> 服务器要求等待 %1 秒，超过了此提供方允许等待的 %2 秒；请稍后重试。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> Not retried: the retry time limit of %1 ms would be exceeded.</source>
        <translation> 未重试：否则将超出 %1 毫秒的重试时限。</translation>
    </message>
</context>
<context>
    <name>harness::ModelProvider</name>
    <message>
        <location filename="../app/agents/modelprovider.cpp" line="+22"/>
        <source>The model call was cancelled.</source>
        <translation>模型调用已取消。</translation>
    </message>
</context>
<context>
    <name>harness::OpenAiChatStream</name>
    <message>
        <location filename="../app/agents/openaichatstream.cpp" line="+12"/>
        <source>&quot;%1&quot; (OpenAI-compatible)</source>
        <translation>“%1”（OpenAI 兼容）</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>a stream chunk is not a JSON object (%1)</source>
        <translation>流数据块不是 JSON 对象（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 reported an error in the middle of its answer: %2</source>
        <translation>%1 在回答中途报告了错误：%2</translation>
    </message>
</context>
<context>
    <name>harness::ReplayProvider</name>
    <message>
        <location filename="../app/agents/replayprovider.cpp" line="+96"/>
        <source>The replay transcript %1 has no answer for phase &quot;%2&quot;, iteration %3, turn %4 (it holds %5 calls). The run has diverged from the recording: record it again with a real provider, or add the missing line.</source>
        <translation>回放记录文件 %1 中没有阶段“%2”、第 %3 次迭代、第 %4 轮的回答（其中共有 %5 次调用）。本次运行已偏离录制内容：请使用真实的提供方重新录制，或补上缺失的行。</translation>
    </message>
</context>
<context>
    <name>harness::RunController</name>
    <message>
        <location filename="../app/orchestration/runcontroller.cpp" line="+50"/>
        <source>%1 runs are already in progress (the limit); wait for one to finish or raise the limit</source>
        <translation>已有 %1 个运行正在进行（已达上限）；请等待其中一个结束，或提高上限</translation>
    </message>
</context>
<context>
    <name>harness::SecretStore</name>
    <message>
        <location filename="../app/agents/secretstore.cpp" line="+44"/>
        <source>No OS keychain is reachable (the Secret Service is not running). Start gnome-keyring or KWallet and unlock it</source>
        <translation>无法访问操作系统钥匙串（Secret Service 未运行）。请启动 gnome-keyring 或 KWallet 并将其解锁</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, or set %1 for this run</source>
        <translation>，或为本次运行设置 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>. API keys are never stored in plain text.</source>
        <translation>。API 密钥绝不会以明文保存。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No API key is stored for provider &quot;%1&quot;. Add one in Settings → API keys.</source>
        <translation>未保存提供方“%1”的 API 密钥。请在“设置 → API 密钥”中添加。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The keychain refused access to the key for provider &quot;%1&quot; (%2). Unlock the keychain and try again.</source>
        <translation>钥匙串拒绝访问提供方“%1”的密钥（%2）。请解锁钥匙串后重试。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The keychain failed for provider &quot;%1&quot;: %2</source>
        <translation>访问提供方“%1”的钥匙串时出错：%2</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>No API key is stored for provider &quot;%1&quot;. Add one in Settings → API keys, or set %2 for this run.</source>
        <translation>未保存提供方“%1”的 API 密钥。请在“设置 → API 密钥”中添加，或为本次运行设置 %2。</translation>
    </message>
</context>
<context>
    <name>harness::ui</name>
    <message>
        <location filename="../ui/diff/revisionsource.cpp" line="+52"/>
        <source>The base revision %1 is not in %2: %3</source>
        <translation>基准修订 %1 不在 %2 中：%3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>base %1</source>
        <translation>基准 %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1. %2 (%3)</source>
        <translation>%1. %2 (%3)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>HEAD %1</source>
        <translation>HEAD %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>working tree (uncommitted)</source>
        <translation>工作树（未提交）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cannot show %1: %2</source>
        <translation>无法显示 %1：%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not in revision %2: %3</source>
        <translation>%1 不在修订 %2 中：%3</translation>
    </message>
    <message>
        <location filename="../ui/timeline/eventtext.cpp" line="+36"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Planning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review</source>
        <translation>评审</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approval</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::AboutDialog</name>
    <message>
        <location filename="../ui/help/aboutdialog.cpp" line="+17"/>
        <source>About Harness Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>asking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not found — install git</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bubblewrap not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bubblewrap %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source> — usable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source> — not usable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Steer AI coding agents; the harness — rules, gates, plan approval, a sandbox and one event log — makes their work reliable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (built with %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Syntax highlighting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Graph layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>git</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox</source>
        <translation>沙箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::ApiKeyPanel</name>
    <message>
        <location filename="../ui/settings/apikeypanel.cpp" line="+15"/>
        <source>Store Key in Keychain</source>
        <translation>将密钥保存到钥匙串</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove Key</source>
        <translation>移除密钥</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Paste a new key to store it</source>
        <translation>粘贴新密钥以保存</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Give the provider an id to look up its key.</source>
        <translation>请为提供方指定 ID，以便查找其密钥。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Asking the keychain…</source>
        <translation>正在询问钥匙串…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A key is stored in the keychain.</source>
        <translation>密钥已保存在钥匙串中。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No key is stored for this provider.</source>
        <translation>此提供方尚未保存密钥。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The keychain did not answer: %1</source>
        <translation>钥匙串没有响应：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enter the provider id and the key first.</source>
        <translation>请先输入提供方 ID 和密钥。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Storing the key…</source>
        <translation>正在保存密钥…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The key was not stored: %1</source>
        <translation>密钥未保存：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The key was not removed: %1</source>
        <translation>密钥未移除：%1</translation>
    </message>
</context>
<context>
    <name>harness::ui::ApprovalBanner</name>
    <message>
        <location filename="../ui/plan/approvalbanner.cpp" line="+12"/>
        <source>Review…</source>
        <translation>审阅…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The plan of %1 (run %2) awaits your approval.</source>
        <translation>%1 的计划（运行 %2）等待您的批准。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %2 of %1 asks for a permission.</source>
        <translation>%1 的运行 %2 请求权限。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %2 of %1 awaits your decision to merge.</source>
        <translation>%1 的运行 %2 等待您决定是否合并。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a task</source>
        <translation>某个任务</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n more decision(s) are waiting.</source>
        <translation>
            <numerusform>另有 %n 项决定等待处理。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>harness::ui::ApprovalNotifier</name>
    <message>
        <location filename="../ui/plan/approvalnotifier.cpp" line="+73"/>
        <source>A plan awaits your approval</source>
        <translation>有计划等待您的批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An agent asks for a permission</source>
        <translation>智能体请求权限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, run %2: %3</source>
        <translation>%1，运行 %2：%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Approved %1 from the notification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 was not approved: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::AuditModel</name>
    <message>
        <location filename="../ui/audit/auditmodel.cpp" line="+94"/>
        <source>First broken link of the chain.</source>
        <translation>哈希链中第一个断开的环节。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Log id</source>
        <translation>日志 ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actor</source>
        <translation>执行者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The audit trail could not be read: %1</source>
        <translation>无法读取审计记录：%1</translation>
    </message>
</context>
<context>
    <name>harness::ui::AuditPanel</name>
    <message>
        <location filename="../ui/audit/auditpanel.cpp" line="+27"/>
        <location line="+111"/>
        <source>No repository is open</source>
        <translation>未打开仓库</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>Verify Chain</source>
        <translation>验证链</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export JSON Lines…</source>
        <translation>导出 JSON Lines…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>All actors</source>
        <translation>所有执行者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Humans</source>
        <translation>人类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agents</source>
        <translation>智能体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The harness</source>
        <translation>Harness 系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An actor (human:alice), a prefix (agent:), or pick one</source>
        <translation>执行者（human:alice）、前缀（agent:），或从列表中选择</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind, e.g. approval_decided or gate_*</source>
        <translation>类型，例如 approval_decided 或 gate_*</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Actor:</source>
        <translation>执行者：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message numerus="yes">
        <location line="+46"/>
        <source>Exported %Ln event(s) to %1.</source>
        <translation>
            <numerusform>已将 %Ln 个事件导出到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Open a repository to see its audit trail.</source>
        <translation>打开仓库以查看其审计记录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The audit trail is empty</source>
        <translation>审计记录为空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every event — plans, approvals, tool calls, gate results — is appended here, hash-chained to the one before it.</source>
        <translation>每个事件（计划、审批、工具调用、门禁结果）都会追加到这里，并通过哈希与前一个事件链接。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Verifying the hash chain…</source>
        <translation>正在验证哈希链…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The chain could not be verified: %1</source>
        <translation>无法验证哈希链：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The chain is intact: %L1 events checked.</source>
        <translation>哈希链完好：已检查 %L1 个事件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The chain is broken at event %1: %2. Everything from there on cannot be trusted; the row is highlighted.</source>
        <translation>哈希链在事件 %1 处断开：%2。从该事件起的所有记录均不可信；该行已高亮显示。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Export Audit Trail</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
<context>
    <name>harness::ui::BudgetMeter</name>
    <message>
        <location filename="../ui/runcontrols/budgetmeter.cpp" line="+34"/>
        <source>Tokens:</source>
        <translation>Token：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost:</source>
        <translation>费用：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%L1 of %L2 tokens</source>
        <translation>%L1 / %L2 个 token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%L1 tokens (no limit)</source>
        <translation>%L1 个 token（无限制）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>$%1 of $%2</source>
        <translation>$%1 / $%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>$%1 (no limit)</source>
        <translation>$%1（无限制）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>no run</source>
        <translation>无运行</translation>
    </message>
</context>
<context>
    <name>harness::ui::BudgetsTab</name>
    <message>
        <location filename="../ui/settings/budgetstab.cpp" line="+18"/>
        <location line="+3"/>
        <location line="+4"/>
        <source>no limit</source>
        <translation>无限制</translation>
    </message>
    <message>
        <location line="-1"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;New tasks start with&lt;/b&gt;</source>
        <translation>&lt;b&gt;新任务的初始值&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max tokens:</source>
        <translation>最大 token 数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max cost:</source>
        <translation>最高费用：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max iterations:</source>
        <translation>最大迭代次数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max wall time:</source>
        <translation>最长耗时：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Every run of this project&lt;/b&gt;</source>
        <translation>&lt;b&gt;此项目的每次运行&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plans before escalating:</source>
        <translation>升级给人工前的计划次数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model turns per iteration:</source>
        <translation>每次迭代的模型轮数：</translation>
    </message>
</context>
<context>
    <name>harness::ui::DiffFileModel</name>
    <message>
        <location filename="../ui/diff/difffilemodel.cpp" line="+245"/>
        <source>%1
renamed from %2</source>
        <translation>%1
重命名自 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Risk %1: %2</source>
        <translation>%1风险：%2</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
</context>
<context>
    <name>harness::ui::DiffFilePane</name>
    <message>
        <location filename="../ui/diff/difffilepane.cpp" line="+48"/>
        <source>Filter files</source>
        <translation>筛选文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Flat</source>
        <translation>平铺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the files without folders, so the riskiest come first overall</source>
        <translation>不按文件夹列出文件，使风险最高的文件整体排在最前面</translation>
    </message>
</context>
<context>
    <name>harness::ui::DiffLoader</name>
    <message>
        <location filename="../ui/diff/diffloader.cpp" line="+144"/>
        <source>Running git diff…</source>
        <translation>正在运行 git diff…</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+28"/>
        <source>Loading the diff was cancelled.</source>
        <translation>已取消加载差异。</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>The working tree cannot be shown: %1</source>
        <translation>无法显示工作树：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Running git diff… %1 MB</source>
        <translation>正在运行 git diff… %1 MB</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>git diff %1 %2 failed in %3: %4</source>
        <translation>git diff %1 %2 在 %3 中失败：%4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(working tree)</source>
        <translation>（工作树）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>exit code %1</source>
        <translation>退出码 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reading the diff…</source>
        <translation>正在读取差异…</translation>
    </message>
</context>
<context>
    <name>harness::ui::DiffReviewPanel</name>
    <message>
        <location filename="../ui/diff/diffreviewpanel.cpp" line="+104"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>Run %1 is being prepared: its worktree is made before it plans. Its changes appear here as it builds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading the revisions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The diff could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n file(s) changed, +%1 −%2 · git %3 ms, indexed in %4 ms</source>
        <translation>
            <numerusform>%n 个文件已更改，+%1 −%2 · git %3 毫秒，索引 %4 毫秒</numerusform>
        </translation>
    </message>
    <message>
        <location line="+131"/>
        <source>Showing %1 at %2: line %3 is not part of this diff. &lt;a href=&quot;#back&quot;&gt;Back to the diff&lt;/a&gt;</source>
        <translation>正在显示 %2 版本的 %1：第 %3 行不在此差异中。&lt;a href=&quot;#back&quot;&gt;返回差异&lt;/a&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the working tree</source>
        <translation>工作树</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Comments go to a run&apos;s agent: select the run first. They are kept here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Select a run to merge it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Select a run to discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Comment for the agent</source>
        <translation>给智能体的评论</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, line %2:</source>
        <translation>%1，第 %2 行：</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Merging %1 into %2…</source>
        <translation>正在将 %1 合并到 %2…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Discarding…</source>
        <translation>正在丢弃…</translation>
    </message>
</context>
<context>
    <name>harness::ui::DiffView</name>
    <message>
        <location filename="../ui/diff/diffview.cpp" line="+404"/>
        <source>CRLF</source>
        <translation>CRLF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⊘ no newline at end of file</source>
        <translation>⊘ 文件末尾没有换行符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⚠ invalid UTF-8 (shown as �)</source>
        <translation>⚠ 无效的 UTF-8（显示为 �）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No changes between these revisions.</source>
        <translation>这些修订之间没有更改。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No diff loaded.</source>
        <translation>未加载差异。</translation>
    </message>
    <message numerus="yes">
        <location line="+76"/>
        <source>⋯ %n unchanged line(s) — click to show</source>
        <translation>
            <numerusform>⋯ %n 行未更改 — 点击显示</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Binary file; its contents are not shown.</source>
        <translation>二进制文件；不显示其内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only the file mode changed (%1 → %2).</source>
        <translation>仅文件模式发生了变化（%1 → %2）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Renamed without changes to the content.</source>
        <translation>已重命名，内容未更改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No content changes.</source>
        <translation>内容无更改。</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>%1, old line %2, new line %3</source>
        <translation>%1，旧第 %2 行，新第 %3 行</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The line ends in CRLF.</source>
        <translation>该行以 CRLF 结尾。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The line has %1 bytes; only the first %2 characters are shown.</source>
        <translation>该行有 %1 字节；仅显示前 %2 个字符。</translation>
    </message>
</context>
<context>
    <name>harness::ui::EventListModel</name>
    <message>
        <location filename="../ui/timeline/eventlistmodel.cpp" line="+91"/>
        <source>Seq</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actor</source>
        <translation>执行者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Events could not be read: %1</source>
        <translation>无法读取事件：%1</translation>
    </message>
</context>
<context>
    <name>harness::ui::EventText</name>
    <message>
        <location filename="../ui/timeline/eventtext.cpp" line="+12"/>
        <source>%1 started (iteration %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run requested by %1 (target %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Worktree made on branch %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Context for the agent (%1): %L2 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model call %1: %L2 tokens in, %L3 out, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The agent answered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The agent answered: %1 — calls %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tool call %1 started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tool %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tool %1 succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gate %1 started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checkpoint %1 (iteration %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Gate %1 %2 in %3 — %n finding(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every gate passed (iteration %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gates failed (iteration %1): %n finding(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plan proposed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waiting for a human to approve (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan approved by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 by %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changes requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ready for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review feedback from %1: %n comment(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Merged into %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discarded by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1
#%2 · %3 · %4
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>what the agent was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tool calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>risks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::FileRisk</name>
    <message>
        <location filename="../ui/diff/filerisk.cpp" line="+23"/>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%n finding(s) from the gates</source>
        <translation>
            <numerusform>门禁报告了 %n 个发现项</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>lock file or generated code</source>
        <translation>锁文件或生成的代码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>build, CI, rules or security-sensitive path</source>
        <translation>构建、CI、规则或安全敏感路径</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>file deleted</source>
        <translation>文件已删除</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>file mode changed</source>
        <translation>文件模式已更改</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>binary content cannot be reviewed here</source>
        <translation>二进制内容无法在此评审</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n changed line(s)</source>
        <translation>
            <numerusform>%n 行已更改</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>harness::ui::FindingsModel</name>
    <message>
        <location filename="../ui/gates/findingsmodel.cpp" line="+98"/>
        <source>Severity</source>
        <translation>严重级别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gate</source>
        <translation>门禁</translation>
    </message>
</context>
<context>
    <name>harness::ui::GateListModel</name>
    <message>
        <location filename="../ui/gates/gatelistmodel.cpp" line="+31"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>%1: %2 in %3, exit code %4, %n finding(s)</source>
        <translation>
            <numerusform>%1：%2，耗时 %3，退出码 %4，%n 个发现项</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Gate</source>
        <translation>门禁</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Findings</source>
        <translation>发现项</translation>
    </message>
</context>
<context>
    <name>harness::ui::GatesPanel</name>
    <message>
        <location filename="../ui/gates/gatespanel.cpp" line="+35"/>
        <source>The gates of one build/fix iteration of the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+236"/>
        <source>No verification has run yet.</source>
        <translation>尚未运行任何验证。</translation>
    </message>
    <message>
        <location line="-204"/>
        <source>Select a gate to see its log.</source>
        <translation>选择一个门禁以查看其日志。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Filter by file, rule or message</source>
        <translation>按文件、规则或消息筛选</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All severities</source>
        <translation>所有严重级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+150"/>
        <source>All gates</source>
        <translation>所有门禁</translation>
    </message>
    <message>
        <location line="-149"/>
        <source>Open in diff</source>
        <translation>在差异中打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make this a rule…</source>
        <translation>将其设为规则…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Turn this finding into a constraint so no run makes this mistake again</source>
        <translation>将此发现项转换为约束，使以后的运行不再犯同样的错误</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Iteration %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+80"/>
        <source>%n gate(s): %1 passed, %2 failed, %3 skipped in %4 · %5 finding(s)</source>
        <translation>
            <numerusform>%n 个门禁：%1 个通过，%2 个失败，%3 个跳过，耗时 %4 · %5 个发现项</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>(%1 wrote no output)</source>
        <translation>（%1 没有输出任何内容）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This gate could not run here: %1</source>
        <translation>此门禁无法在这里运行：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why: %1</source>
        <translation>原因：%1</translation>
    </message>
</context>
<context>
    <name>harness::ui::HelpBrowser</name>
    <message>
        <location filename="../ui/help/helpbrowser.cpp" line="+45"/>
        <source>Harness Workbench Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>This build has no documentation compiled in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1 is not part of this build&apos;s documentation.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::HelpMenu</name>
    <message>
        <location filename="../ui/help/helpmenu.cpp" line="+9"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;User Guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About Harness Workbench</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+70"/>
        <location line="+335"/>
        <source>Harness Workbench</source>
        <translation>Harness Workbench</translation>
    </message>
    <message>
        <location line="-266"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Task Graph</source>
        <translation>任务图</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Plan Approval</source>
        <translation>计划审批</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Runners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Diff</source>
        <translation>差异</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Gates</source>
        <translation>门禁</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;Repository</source>
        <translation>仓库(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No recent repositories</source>
        <translation>没有最近打开的仓库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the &amp;Demo Project</source>
        <translation>打开演示项目(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New Task…</source>
        <translation>新建任务(&amp;N)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Approvals</source>
        <translation>审批(&amp;A)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>aborted in the workbench</source>
        <translation>已在工作台中中止</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Open a repository first.</source>
        <translation>请先打开一个仓库。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 — Harness Workbench</source>
        <translation>%1 — Harness Workbench</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Opened %1 (store: %2)</source>
        <translation>已打开 %1（存储：%2）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The demo project could not be created in %1: %2</source>
        <translation>无法在 %1 中创建演示项目：%2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The demo task could not be added: %1</source>
        <translation>无法添加演示任务：%1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The demo cannot run on this machine yet:
• %1</source>
        <translation>演示暂时无法在这台机器上运行：
• %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The demo cannot run yet: %1</source>
        <translation>演示暂时无法运行：%1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Open Repository</source>
        <translation>打开仓库</translation>
    </message>
</context>
<context>
    <name>harness::ui::ModelsTab</name>
    <message>
        <location filename="../ui/settings/modelstab.cpp" line="+15"/>
        <source>Fetch Models from the Provider</source>
        <translation>从提供方获取模型列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>used by phases without their own</source>
        <translation>供未单独设置模型的阶段使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>P&amp;lan:</source>
        <translation>计划(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B&amp;uild:</source>
        <translation>构建(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fix:</source>
        <translation>修复(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Summarise:</source>
        <translation>总结(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Default:</source>
        <translation>默认(&amp;D)：</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Asking the provider for its models…</source>
        <translation>正在向提供方查询模型…</translation>
    </message>
</context>
<context>
    <name>harness::ui::NewRuleDialog</name>
    <message>
        <location filename="../ui/ruleeditor/newruledialog.cpp" line="+35"/>
        <source>New Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New File-Length Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New Forbidden Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New Secret Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Layer &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rule &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>globs, e.g. src/api/**; empty: &lt;name&gt;/**</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>globs, e.g. src/**; empty: every file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Paths:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a regular expression, e.g. \bprintf\(</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a regular expression, e.g. internal_token_[A-Za-z0-9]{24}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;attern:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Max lines:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What the agent should do instead of depending on a layer it may not use, e.g. &quot;api talks to storage through the service interfaces only.&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What the agent should do instead, e.g. &quot;Log through Logger, never printf.&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message for the &amp;agent:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::OverflowBar</name>
    <message>
        <location filename="../ui/common/overflowbar.cpp" line="+25"/>
        <source>More</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::PlanPanel</name>
    <message>
        <location filename="../ui/plan/planpanel.cpp" line="+47"/>
        <location line="+160"/>
        <source>No repository is open</source>
        <translation>未打开仓库</translation>
    </message>
    <message>
        <location line="-158"/>
        <source>Edit Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+200"/>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <location line="-199"/>
        <source>Request &amp;Changes</source>
        <translation>要求修改(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+220"/>
        <source>&amp;Reject</source>
        <translation>拒绝(&amp;R)</translation>
    </message>
    <message>
        <location line="-220"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next Pending Decision</source>
        <translation>下一个待决事项</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Edit the steps and their files before approving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Double-click a step or its files to edit them before approving.</source>
        <translation>批准前，可双击步骤或其文件进行编辑。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Approve Edited Plan</source>
        <translation>批准修改后的计划(&amp;A)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Feedback for the agent (required to request changes or reject)</source>
        <translation>给智能体的反馈（要求修改或拒绝时必填）</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permission</source>
        <translation>权限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Plans waiting for approval appear here.</source>
        <translation>等待批准的计划会显示在这里。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing awaits your decision</source>
        <translation>没有等待您决定的事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When an agent proposes a plan, or asks for a permission its profile marks &quot;ask&quot;, it waits here for you.</source>
        <translation>当智能体提出计划，或请求其配置中标记为“ask”的权限时，会在这里等待您处理。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 asks for a permission — %2 %3</source>
        <translation>%1 请求权限 — %2 %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tool:</source>
        <translation>工具：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subject:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Allow</source>
        <translation>允许(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Deny</source>
        <translation>拒绝(&amp;D)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Plan for %1 %2 (run %3)</source>
        <translation>%1 %2 的计划（运行 %3）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The plan cannot be read (%1). Reject it or request changes.</source>
        <translation>无法读取该计划（%1）。请拒绝它或要求修改。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Risks</source>
        <translation>风险</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tests to add</source>
        <translation>需添加的测试</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Proposed subtasks</source>
        <translation>建议的子任务</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n file(s) touched.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Write feedback for the agent first: it is what the next plan is made from.</source>
        <translation>请先为智能体填写反馈：下一版计划将据此制定。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The edited plan is not valid: %1</source>
        <translation>修改后的计划无效：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Recording your decision…</source>
        <translation>正在记录您的决定…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The decision was not recorded: %1</source>
        <translation>决定未被记录：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent back with your feedback</source>
        <translation>已附上您的反馈退回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2.</source>
        <translation>%1 %2。</translation>
    </message>
</context>
<context>
    <name>harness::ui::ProviderChecker</name>
    <message>
        <location filename="../ui/settings/providerchecker.cpp" line="+123"/>
        <source>No API key for &quot;%1&quot;: paste one above (Test connection uses it before it is stored), store one in the keychain, or set %2.</source>
        <translation>“%1”没有 API 密钥：在上方粘贴一个（测试连接会在保存前使用它），将其保存到钥匙串，或设置 %2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a key variable</source>
        <translation>一个密钥环境变量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The host name %1 could not be resolved (DNS): check the base URL&apos;s spelling and this machine&apos;s network.</source>
        <translation>无法解析主机名 %1（DNS）：请检查基础 URL 的拼写以及本机的网络。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1:%2 refused the connection: nothing listens there. Is the server running, and is the port right?</source>
        <translation>%1:%2 拒绝了连接：该处没有服务在监听。服务器是否在运行，端口是否正确？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The secure connection to %1 failed (TLS: %2). Check that the base URL&apos;s scheme is right (http:// for a local server) and that the server&apos;s certificate is valid.</source>
        <translation>与 %1 的安全连接失败（TLS：%2）。请检查基础 URL 的协议是否正确（本地服务器用 http://），以及服务器证书是否有效。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 did not answer within %2 s; the check was stopped. The server may be overloaded, or a firewall drops the connection.</source>
        <translation>%1 在 %2 秒内没有应答，检查已停止。服务器可能过载，或者防火墙丢弃了连接。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 could not be reached: %2.</source>
        <translation>无法连接 %1：%2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 rejected the API key (HTTP %2: %3). Store a valid key for &quot;%4&quot;.</source>
        <translation>%1 拒绝了 API 密钥（HTTP %2：%3）。请为“%4”保存一个有效的密钥。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has no models list (HTTP 404 for %2): check that the base URL is the API&apos;s root%3.</source>
        <translation>%1 没有模型列表（%2 返回 HTTP 404）：请检查基础 URL 是否为 API 的根地址%3。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (usually ending in /v1)</source>
        <translation>（通常以 /v1 结尾）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model &quot;%1&quot; does not exist at %2 (HTTP 404: %3). Pick one from the list on the Models tab.</source>
        <translation>模型“%1”在 %2 上不存在（HTTP 404：%3）。请在“模型”页的列表中选择一个。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 answered HTTP %2 for %3: %4</source>
        <translation>%1 对 %3 返回了 HTTP %2：%4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 answered, but not with a models list (%2): is the base URL a model provider&apos;s API?</source>
        <translation>%1 有应答，但不是模型列表（%2）：基础 URL 是模型提供方的 API 吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the key is accepted</source>
        <translation>密钥已被接受</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no key needed</source>
        <translation>无需密钥</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Connected to %1 in %2 ms: reachable, %3, %n model(s) listed. Name a model on the Models tab to check it too.</source>
        <translation>
            <numerusform>已在 %2 毫秒内连接到 %1：可以访问，%3，列出了 %n 个模型。在“模型”页填写一个模型即可一并检查它。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connected to %1 in %2 ms: reachable, %3, and the model &quot;%4&quot; exists.</source>
        <translation>已在 %2 毫秒内连接到 %1：可以访问，%3，且模型“%4”存在。</translation>
    </message>
</context>
<context>
    <name>harness::ui::ProviderPrompt</name>
    <message>
        <location filename="../ui/settings/providerprompt.cpp" line="+32"/>
        <source>Not started: this repository has no provider yet. Choose one in Settings (Repository → Settings…), then press Start again.</source>
        <translation>未启动：此仓库还没有提供方。请在设置中选择一个（仓库 → 设置…），然后再次点击“开始”。</translation>
    </message>
</context>
<context>
    <name>harness::ui::ProviderTab</name>
    <message>
        <location filename="../ui/settings/providertab.cpp" line="+29"/>
        <source>The provider needs an API key</source>
        <translation>该提供方需要 API 密钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test Connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Replay (recorded transcript, no tokens spent)</source>
        <translation>回放（使用录制的记录文件，不消耗 token）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenAI-compatible (OpenAI, Ollama, vLLM, llama.cpp)</source>
        <translation>OpenAI 兼容（OpenAI、Ollama、vLLM、llama.cpp）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anthropic Messages</source>
        <translation>Anthropic Messages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. openai, local-ollama</source>
        <translation>例如 openai、local-ollama</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. OPENAI_API_KEY (for headless runs)</source>
        <translation>例如 OPENAI_API_KEY（用于无界面运行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. .harness/replay/session.jsonl</source>
        <translation>例如 .harness/replay/session.jsonl</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Provider:</source>
        <translation>提供方(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provider &amp;id:</source>
        <translation>提供方 ID(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Base URL:</source>
        <translation>基础 URL(&amp;B)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key &amp;variable:</source>
        <translation>密钥变量(&amp;V)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Transcript:</source>
        <translation>记录文件(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Keys are kept in the OS keychain only — never in the project, the settings files, the database or the logs.</source>
        <translation>密钥只保存在操作系统钥匙串中，绝不会保存在项目、设置文件、数据库或日志中。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Choose a provider…</source>
        <translation>选择一个提供方…</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Open a repository to configure its provider.</source>
        <translation>打开仓库以配置其提供方。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The replay provider needs no key.</source>
        <translation>回放提供方不需要密钥。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a provider first.</source>
        <translation>请先选择一个提供方。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
</context>
<context>
    <name>harness::ui::RepositoryOpener</name>
    <message>
        <location filename="../ui/shell/repositoryopener.cpp" line="+27"/>
        <source>%1 could not be opened: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Opening %1 and its store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not a Git Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not inside a git repository.

The workbench keeps every agent&apos;s work on git branches, so it needs one. Create an empty repository here (git init)? Your files stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Create Repository (git init)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Creating a git repository in %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No repository was created in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::RepositorySession</name>
    <message>
        <location filename="../ui/common/repositorysession.cpp" line="+154"/>
        <source>Reading the store failed: %1</source>
        <translation>读取存储失败：%1</translation>
    </message>
</context>
<context>
    <name>harness::ui::ReviewController</name>
    <message>
        <location filename="../ui/diff/reviewcontroller.cpp" line="+145"/>
        <source>No run is selected: this is the repository&apos;s uncommitted work. Select a run in the task list or the timeline to review it, or compare any two revisions above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merging and feedback are for a run: select one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Merging and sending feedback open once the run has passed its gates and waits for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only a run waiting for review can be merged; start the task again for a new run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run %1 is being prepared; its changes appear here as it builds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1 is planning; nothing is changed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run %1 waits for its plan to be approved (Plan Approval).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Run %1 is running its gates (iteration %2); the diff follows its worktree.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1 is building (iteration %2); the diff follows its worktree live.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run %1 passed its gates and waits for your review: comment on lines and send them back for another iteration, or merge it into %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run %1 is merged into %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1 is merged into %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The run is merged: there is nothing left to decide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run %1 was discarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The run was discarded: there is nothing left to decide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>was aborted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1 %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(paused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The comments were not sent: %1 They are kept here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wait for the current action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>Sent %n comment(s) to the agent; run %1 goes back for another iteration.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The comments were not sent: %1. They are kept here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not merged: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Merge failed: %1</source>
        <translation>合并失败：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Not merged: %n file(s) conflict with %1: %2. %1 is unchanged; send the conflicts to the agent as feedback or resolve them in the worktree.</source>
        <translation>
            <numerusform>未合并：%n 个文件与 %1 冲突：%2。%1 保持不变；请将冲突作为反馈发送给智能体，或在工作树中解决冲突。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Merged %1 into %2; the branch and its worktree were deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merged %1 into %2; the worktree was removed, the branch is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not discarded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Discarded run %1: its worktree and branch were removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discard failed: %1</source>
        <translation>丢弃失败：%1</translation>
    </message>
</context>
<context>
    <name>harness::ui::ReviewDialogs</name>
    <message>
        <location filename="../ui/diff/reviewdialogs.cpp" line="+22"/>
        <source>Merge run %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge %1 into %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%n file(s) change, +%1 −%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%n comment(s) were not sent to the agent; merging drops them. Cancel and send them first if the agent should act on them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete the branch %1 and its worktree after merging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Discard this run&apos;s changes?</source>
        <translation>丢弃此运行的更改？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The worktree %1 is removed, with any uncommitted changes in it, and the run&apos;s work on %2 is given up. This cannot be undone.</source>
        <translation>工作树 %1 及其中所有未提交的更改将被删除，该运行在 %2 上的工作也将被放弃。此操作无法撤销。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
</context>
<context>
    <name>harness::ui::ReviewSidePanel</name>
    <message>
        <location filename="../ui/diff/reviewsidepanel.cpp" line="+26"/>
        <source>Comments for the agent</source>
        <translation>给智能体的评论</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Double-click a line (or press C) to comment on it.</source>
        <translation>双击某一行（或按 C）即可对其发表评论。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send as feedback</source>
        <translation>作为反馈发送</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discard…</source>
        <translation>丢弃…</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Return the comments to the agent for another iteration</source>
        <translation>将评论返回给智能体，进行下一次迭代</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment on a line first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge the run into its target branch (asks first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give up the run&apos;s work and remove its worktree</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::RevisionBar</name>
    <message>
        <location filename="../ui/diff/revisionbar.cpp" line="+49"/>
        <source>Compare from: a checkpoint of the run, a branch or a recent commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare to: a checkpoint of the run, its working tree, a branch or a recent commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To:</source>
        <translation>到：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cumulative</source>
        <translation>累计</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everything the run changed since its base</source>
        <translation>该运行自基准以来的全部更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This iteration</source>
        <translation>本次迭代</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only what the selected checkpoint changed since the one before it</source>
        <translation>仅显示所选检查点相对于上一个检查点的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From fork point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare with the commit where the two revisions forked (git&apos;s A...B), as a branch is reviewed before merging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unified</source>
        <translation>统一视图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Side by side</source>
        <translation>并排视图</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>3 lines of context</source>
        <translation>3 行上下文</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>10 lines of context</source>
        <translation>10 行上下文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole files (unchanged folded)</source>
        <translation>完整文件（折叠未更改部分）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>▲ Previous</source>
        <translation>▲ 上一处</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous change (P)</source>
        <translation>上一处更改 (P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>▼ Next</source>
        <translation>▼ 下一处</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next change (N)</source>
        <translation>下一处更改 (N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the revisions and the diff again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reload when the run commits a checkpoint or its files change</source>
        <translation>运行提交检查点或其文件发生变化时自动重新加载</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>— branches —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>— recent commits —</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::RuleDocument</name>
    <message>
        <location filename="../ui/ruleeditor/ruledocument.cpp" line="+89"/>
        <source>The rules are not saved because %1 — fix it first.</source>
        <translation>规则未保存，原因：%1 — 请先修复。</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+38"/>
        <source>The rules are being saved; wait a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-33"/>
        <source>There are no unsaved changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 can be read; edit and save it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Allow %1 → %2</source>
        <translation>允许 %1 → %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Forbid %1 → %2</source>
        <translation>禁止 %1 → %2</translation>
    </message>
</context>
<context>
    <name>harness::ui::RuleEditorPanel</name>
    <message>
        <location filename="../ui/ruleeditor/ruleeditorpanel.cpp" line="+106"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save rules.json</source>
        <translation>保存 rules.json</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Drag from a layer&apos;s round handle to another layer to allow that direction; select an arrow and press Delete to forbid it. Red arrows: dependencies in the tree that the rules forbid.</source>
        <translation>从某一层的圆形手柄拖到另一层即可允许该方向；选中箭头并按 Delete 键即可禁止。红色箭头：代码树中被规则禁止的依赖。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limits</source>
        <translation>限制</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forbidden</source>
        <translation>禁止项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secrets</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Checking the tree…</source>
        <translation>正在检查代码树…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Rules (modified)</source>
        <translation>规则（已修改）</translation>
    </message>
    <message>
        <location line="-322"/>
        <location line="+322"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="-326"/>
        <source>No repository is open</source>
        <translation>未打开仓库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a repository to edit its constraint rules (.harness/rules.json).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Save to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Read %1 again, dropping unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Auto Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place every layer box again, the layers that use others above them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show every layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom In</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in (Ctrl+wheel)</source>
        <translation>放大（Ctrl+滚轮）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom Out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out (Ctrl+wheel)</source>
        <translation>缩小（Ctrl+滚轮）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Replace, Keeping a Backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the file as rules.json.bak and start from the default rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Add Layer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Limit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Pattern…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add Secret Pattern…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+139"/>
        <source>No repository is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Replace rules.json?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 cannot be parsed. Replace it with the default rules?

The current file is kept next to it as rules.json.bak, so nothing is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replace, Keeping a Backup</source>
        <translation>替换并保留备份</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Replaced %1 with the default rules; the unreadable file is kept as rules.json.bak.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+45"/>
        <source>&lt;b&gt;These rules cannot be edited.&lt;/b&gt; %1&lt;br&gt;Fix the file in a text editor and press Reload, or replace it with the default rules; the current file is then kept as rules.json.bak.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Not saved until fixed: %1</source>
        <translation>修复之前不会保存：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing is checked until the rules can be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checking the tree failed: %1</source>
        <translation>检查代码树失败：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n finding(s) in the tree with these rules; </source>
        <translation>
            <numerusform>按这些规则，代码树中有 %n 个发现项； </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n forbidden layer direction(s) in use · checked in %1 ms</source>
        <translation>
            <numerusform>使用了 %n 个被禁止的层依赖方向 · 检查耗时 %1 毫秒</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No unsaved changes.</source>
        <translation>没有未保存的更改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your unsaved changes add no finding on the current tree.</source>
        <translation>您未保存的更改不会在当前代码树上产生新的发现项。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Before you save: with these changes the agent&apos;s runs would now be told of %n new finding(s) on the current tree:</source>
        <translation>
            <numerusform>保存之前请注意：应用这些更改后，智能体的运行将被告知当前代码树上的 %n 个新发现项：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… 以及另外 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Open a repository first.</source>
        <translation>请先打开一个仓库。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 reported %2 at %3:%4</source>
        <translation>%1 在 %3:%4 报告了 %2</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+35"/>
        <source>Could not make a rule from this finding: %1</source>
        <translation>无法根据此发现项创建规则：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Make a rule from %1:%2</source>
        <translation>根据 %1:%2 创建规则</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New rule %1 from the finding: %2. Review it, then save.</source>
        <translation>已根据发现项创建新规则 %1：%2。请检查后保存。</translation>
    </message>
</context>
<context>
    <name>harness::ui::RuleSettingsForm</name>
    <message>
        <location filename="../ui/ruleeditor/rulesettingsform.cpp" line="+29"/>
        <source>e.g. third_party/**, build/**</source>
        <translation>例如 third_party/**, build/**</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path globs, separated by commas, that no rule checks (generated code, fixtures)</source>
        <translation>任何规则都不检查的路径通配符，用逗号分隔（生成的代码、测试夹具）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never check:</source>
        <translation>从不检查：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Built-in patterns</source>
        <translation>内置模式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan for well-known secrets: cloud and API keys, private keys</source>
        <translation>扫描常见的密钥：云服务和 API 密钥、私钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secrets:</source>
        <translation>密钥：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Values assigned to names like password or token that are at least this random (bits per character) are reported; 0 turns the check off</source>
        <translation>赋给 password 或 token 等名称的值，若随机程度（每字符比特数）不低于此值，则会被报告；设为 0 可关闭此检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Entropy check:</source>
        <translation>熵检查：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. tests/fixtures/**</source>
        <translation>例如 tests/fixtures/**</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never scan:</source>
        <translation>从不扫描：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>regular expressions of known test values</source>
        <translation>已知测试值的正则表达式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allowed matches:</source>
        <translation>允许的匹配：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paths never checked</source>
        <translation>从不检查的路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>built-in secret patterns</source>
        <translation>内置密钥模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entropy check</source>
        <translation>熵检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>files never scanned</source>
        <translation>从不扫描的文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>allowed matches</source>
        <translation>允许的匹配</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change %1</source>
        <translation>修改%1</translation>
    </message>
</context>
<context>
    <name>harness::ui::RuleTableModel</name>
    <message>
        <location filename="../ui/ruleeditor/ruletablemodel.cpp" line="+114"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paths</source>
        <translation>路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>May depend on</source>
        <translation>可依赖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Except</source>
        <translation>排除路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max lines</source>
        <translation>最大行数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imports</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group</source>
        <translation>捕获组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Min entropy</source>
        <translation>最小熵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>严重级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message for the agent</source>
        <translation>给智能体的消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>a layer needs a name</source>
        <translation>层需要一个名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>there is already a layer named &quot;%1&quot;</source>
        <translation>已存在名为“%1”的层</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>there is no layer named &quot;%1&quot;</source>
        <translation>不存在名为“%1”的层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a layer may always use itself; leave &quot;%1&quot; out</source>
        <translation>层总是可以使用自身；请去掉“%1”</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>must be a positive whole number of lines</source>
        <translation>必须是正整数行数</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>must be a capture group of the pattern (0 to %1)</source>
        <translation>必须是该模式中的捕获组（0 到 %1）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must be a number of bits per character between 0 and 8</source>
        <translation>必须是介于 0 到 8 之间的每字符比特数</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit %1 of %2</source>
        <translation>编辑 %2 的%1</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Give the layer a name, e.g. api or storage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the rule a short name, e.g. no printf; its id is made from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is already a layer named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the message the agent will read when it breaks this rule: what to do instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Give the pattern (a regular expression) that must not appear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pattern is %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The limit must be a positive number of lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
</context>
<context>
    <name>harness::ui::RunControlsPanel</name>
    <message>
        <location filename="../ui/runcontrols/runcontrolspanel.cpp" line="+18"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Abort</source>
        <translation>中止</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The run engine is not connected in this build.</source>
        <translation>此构建中未接入运行引擎。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>No task selected</source>
        <translation>未选择任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No repository is open</source>
        <translation>未打开仓库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a task in the task list or the graph to run it.</source>
        <translation>在任务列表或任务图中选择一个任务以运行它。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Task: %1</source>
        <translation>任务：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, iteration %2 of %3</source>
        <translation>%1，第 %2/%3 次迭代</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ended (%1)</source>
        <translation>已结束（%1）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Next:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-8"/>
        <source>no run yet</source>
        <translation>尚无运行</translation>
    </message>
</context>
<context>
    <name>harness::ui::RunEndExplainer</name>
    <message>
        <location filename="../ui/runcontrols/runendexplainer.cpp" line="+26"/>
        <source>Run %1 escalated to you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pick each iteration in the Gates dock to see what kept failing. Then start the task again — with clearer acceptance criteria, or more iterations in its budget (Edit Task) if the agent was close — or fix it yourself in the run&apos;s worktree.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start the task again and approve a plan, or make its goal and scope clearer first (Edit Task).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Split the task into smaller ones, or raise max_turns_per_iteration in .harness/policy.json, then start it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the run&apos;s last events in the timeline, then start the task again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run %1 ran out of budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raise the task&apos;s token, cost or time budget (Edit Task), then start it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run %1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix the file at the line and column named above (the Rules tab edits .harness/rules.json), then start the task again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the provider, model and API key in Settings, then start the task again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check that the repository&apos;s disk has room and git works here, then start the task again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Read the events around the failure in the timeline, fix the cause, then start the task again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run %1 was aborted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start the task again when you are ready. The run&apos;s worktree is kept until you discard it in the Diff view.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::RunStopBanner</name>
    <message>
        <location filename="../ui/runcontrols/runstopbanner.cpp" line="+15"/>
        <source>Show in Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+62"/>
        <source>&lt;b&gt;The run was not started.&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Next:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::RunnersModel</name>
    <message>
        <location filename="../ui/runners/runnersmodel.cpp" line="+56"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n s ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n min ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n h ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Runner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::RunnersPanel</name>
    <message>
        <location filename="../ui/runners/runnerspanel.cpp" line="+54"/>
        <source>Open a repository to see the runners of its store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Cannot read the runners: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No runner serves this store. Start one with &quot;harness runner --name NAME&quot; (see docs/team.md).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queue: %1 waiting for a runner, %2 being driven, %3 parked (waiting for review or a person).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::SandboxTab</name>
    <message>
        <location filename="../ui/settings/sandboxtab.cpp" line="+14"/>
        <source>Sandboxed commands may use the network</source>
        <translation>允许沙箱中的命令访问网络</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run commands without the sandbox when bubblewrap is unusable (every run warns)</source>
        <translation>bubblewrap 不可用时在沙箱外运行命令（每次运行都会发出警告）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&lt;b style=&apos;color:#1b5e20&apos;&gt;The sandbox is usable.&lt;/b&gt;&lt;br&gt;bubblewrap %1 at %2: commands run with the worktree writable, the rest read-only, home and keyrings hidden, no network unless allowed.</source>
        <translation>&lt;b style='color:#1b5e20'&gt;沙箱可用。&lt;/b&gt;&lt;br&gt;bubblewrap %1（位于 %2）：命令运行时工作树可写，其余部分只读，主目录和密钥环被隐藏，除非允许，否则无法访问网络。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b style=&apos;color:#8a1c1c&apos;&gt;The sandbox is not usable here.&lt;/b&gt;&lt;br&gt;%1&lt;br&gt;Runs refuse to execute commands unless you allow unsandboxed runs below.</source>
        <translation>&lt;b style='color:#8a1c1c'&gt;沙箱在此不可用。&lt;/b&gt;&lt;br&gt;%1&lt;br&gt;除非您在下方允许无沙箱运行，否则运行将拒绝执行命令。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking whether bubblewrap is usable…</source>
        <translation>正在检查 bubblewrap 是否可用…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>In force: %1. An allow-list of hosts is set in .harness/policy.json (see docs/security.md).</source>
        <translation>当前生效：%1。主机允许列表在 .harness/policy.json 中设置（见 docs/security.md）。</translation>
    </message>
</context>
<context>
    <name>harness::ui::SettingsDialog</name>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="+51"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provider</source>
        <translation>提供方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Budgets</source>
        <translation>预算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox</source>
        <translation>沙箱</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Budgets for new tasks are kept in your settings; open a repository to set its provider.</source>
        <translation>新任务的预算保存在你的设置中；打开一个仓库即可设置它的提供方。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saves to %1 (only the values you change; the rest of the file stays as it is) and your settings (budgets for new tasks).</source>
        <translation>保存到 %1（只写入你修改的值，文件的其余部分保持原样）以及你的设置（新任务的预算）。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The provider lists no models; type the model&apos;s name.</source>
        <translation>提供方没有列出任何模型；请输入模型名称。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n model(s) listed by the provider: pick one or type another.</source>
        <translation>
            <numerusform>提供方列出了 %n 个模型：选择一个或输入其他模型。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 You can still type the model&apos;s name.</source>
        <translation>%1 你仍然可以直接输入模型名称。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The policy file cannot be read: %1. Fix it in a text editor, or save here: you are asked before it is replaced, and the current file is kept as a backup.</source>
        <translation>无法读取策略文件：%1。请在文本编辑器中修复它，或在此保存：替换前会先询问你，当前文件会保留为备份。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The model list comes from an OpenAI-compatible or Anthropic provider; choose one on the Provider tab.</source>
        <translation>模型列表来自兼容 OpenAI 或 Anthropic 的提供方；请在“提供方”页选择一个。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This repository has no provider yet, so nothing was started. Choose the provider that runs its tasks (the replay provider spends no tokens), then Save to start.</source>
        <translation>此仓库还没有提供方，因此没有启动任何运行。请选择运行其任务的提供方（回放提供方不消耗令牌），然后保存即可开始。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No provider is chosen: pick the one that runs this repository&apos;s tasks.</source>
        <translation>尚未选择提供方：请选择运行此仓库任务的提供方。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The replay provider needs a transcript (a .jsonl file recorded by an earlier run).</source>
        <translation>回放提供方需要一份记录（由之前的运行录制的 .jsonl 文件）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The provider settings are not valid: the provider needs an id (it names the provider&apos;s keychain entry).</source>
        <translation>提供方设置无效：提供方需要一个 ID（它命名提供方在钥匙串中的条目）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The provider settings are not valid: the base URL must be an http:// or https:// address, e.g. https://api.openai.com/v1.</source>
        <translation>提供方设置无效：基础 URL 必须是 http:// 或 https:// 地址，例如 https://api.openai.com/v1。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Nothing changed in %1.</source>
        <translation>%1 没有任何改动。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved to %1; the unreadable file was kept as %2.</source>
        <translation>已保存到 %1；无法读取的原文件保留为 %2。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Replace policy.json?</source>
        <translation>替换 policy.json？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 cannot be read. Replace it with these settings?

The current file is kept next to it as policy.json.bak, so nothing is lost.</source>
        <translation>无法读取 %1。要用这些设置替换它吗？

当前文件会以 policy.json.bak 保留在它旁边，不会丢失任何内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replace, Keeping a Backup</source>
        <translation>替换并保留备份</translation>
    </message>
</context>
<context>
    <name>harness::ui::ShortcutsDialog</name>
    <message>
        <location filename="../ui/help/shortcutsdialog.cpp" line="+18"/>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Ctrl+wheel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom the task graph or the rule editor&apos;s layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Task graph: make one task wait for another; rules: allow a direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rules: forbid the selected direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>harness::ui::TaskEditDialog</name>
    <message>
        <location filename="../ui/common/taskeditdialog.cpp" line="+46"/>
        <source>Task contract</source>
        <translation>任务契约</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What should be true when the task is done?</source>
        <translation>任务完成时应满足什么条件？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One criterion per line; add &quot; :: command&quot; to prove it by a command that exits with status 0</source>
        <translation>每行一条标准；追加 &quot; :: 命令&quot; 即可用一条以状态码 0 退出的命令来验证它</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path globs the agent may touch, one per line (e.g. src/parser/**)</source>
        <translation>智能体可以修改的路径通配符，每行一个（例如 src/parser/**）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule ids, separated by commas</source>
        <translation>规则 ID，用逗号分隔</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+4"/>
        <location line="+5"/>
        <source>no limit</source>
        <translation>无限制</translation>
    </message>
    <message>
        <location line="-1"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Goal:</source>
        <translation>目标(&amp;G)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Acceptance criteria:</source>
        <translation>验收标准(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Scope:</source>
        <translation>范围(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Constraints:</source>
        <translation>约束(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Interface notes:</source>
        <translation>接口说明(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max &amp;tokens:</source>
        <translation>最大 token 数(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max c&amp;ost:</source>
        <translation>最高费用(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max ite&amp;rations:</source>
        <translation>最大迭代次数(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max &amp;wall time:</source>
        <translation>最长耗时(&amp;W)：</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>A task needs a title.</source>
        <translation>任务需要一个标题。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Say what the task should achieve.</source>
        <translation>请说明任务要达成的目标。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Goal</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A criterion has a check command but no text: &quot;%1&quot;.</source>
        <translation>有一条标准只有检查命令而没有文字：“%1”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acceptance criteria</source>
        <translation>验收标准</translation>
    </message>
</context>
<context>
    <name>harness::ui::TaskGraphPanel</name>
    <message>
        <location filename="../ui/taskgraph/taskgraphpanel.cpp" line="+10"/>
        <location line="+111"/>
        <source>No repository is open</source>
        <translation>未打开仓库</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>Zoom In</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom in (Ctrl+wheel)</source>
        <translation>放大（Ctrl+滚轮）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom Out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom out (Ctrl+wheel)</source>
        <translation>缩小（Ctrl+滚轮）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fit the whole graph in the view</source>
        <translation>使整个图适应视图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Subtask…</source>
        <translation>添加子任务…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a subtask to the selected task; the selected task then waits for it</source>
        <translation>为所选任务添加子任务；所选任务随后会等待该子任务完成</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Drag from one task onto another: the second then waits for the first.</source>
        <translation>从一个任务拖到另一个任务上：后者将等待前者完成。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Runs of this task:</source>
        <translation>此任务的运行：</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The graph could not be laid out: %1</source>
        <translation>无法对图进行布局：%1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Open a repository to see its task graph.</source>
        <translation>打开仓库以查看其任务图。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No tasks yet</source>
        <translation>尚无任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a task in the task list; it appears here as a node.</source>
        <translation>在任务列表中创建任务后，它会作为节点显示在这里。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Select a task to see its contract and runs.</source>
        <translation>选择一个任务以查看其契约和运行。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no limit</source>
        <translation>无限制</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Goal</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Acceptance criteria</source>
        <translation>验收标准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Constraints</source>
        <translation>约束</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interface notes</source>
        <translation>接口说明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Depends on:</source>
        <translation>依赖：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Budget:</source>
        <translation>预算：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%L1 tokens</source>
        <translation>%L1 个 token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>$%1</source>
        <translation>$%1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n iteration(s)</source>
        <translation>
            <numerusform>%n 次迭代</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1, iteration %2</source>
        <translation>%1，第 %2 次迭代</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No runs yet — start one from the run controls.</source>
        <translation>尚无运行 — 请在运行控制中启动一次运行。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>New Subtask of %1</source>
        <translation>%1 的新子任务</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The subtask could not be added: %1</source>
        <translation>无法添加子任务：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Added %1 as a subtask of %2; %2 now waits for it.</source>
        <translation>已将 %1 添加为 %2 的子任务；%2 现在会等待它完成。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 already waits for %2.</source>
        <translation>%1 已在等待 %2。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The dependency could not be saved: %1</source>
        <translation>无法保存依赖关系：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 now waits for %2.</source>
        <translation>%1 现在等待 %2。</translation>
    </message>
</context>
<context>
    <name>harness::ui::TaskListModel</name>
    <message>
        <location filename="../ui/shell/tasklistmodel.cpp" line="+75"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Depends on</source>
        <translation>依赖</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
</context>
<context>
    <name>harness::ui::TaskListPanel</name>
    <message>
        <location filename="../ui/shell/tasklistpanel.cpp" line="+21"/>
        <location line="+51"/>
        <source>No repository is open</source>
        <translation>未打开仓库</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>New Task…</source>
        <translation>新建任务…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Open a repository to see its tasks.</source>
        <translation>打开仓库以查看其任务。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No tasks yet</source>
        <translation>尚无任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A task is a contract: a goal, acceptance criteria, a scope and a budget. Create one with &quot;New Task…&quot;.</source>
        <translation>任务是一份契约：包含目标、验收标准、范围和预算。请通过“新建任务…”创建。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>New Task</source>
        <translation>新建任务</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The task could not be saved: %1</source>
        <translation>无法保存任务：%1</translation>
    </message>
</context>
<context>
    <name>harness::ui::TimelineLoader</name>
    <message>
        <location filename="../ui/timeline/timelineloader.cpp" line="+66"/>
        <source>The timeline could not read the event log: %1</source>
        <translation>时间线无法读取事件日志：%1</translation>
    </message>
</context>
<context>
    <name>harness::ui::TimelinePanel</name>
    <message>
        <location filename="../ui/timeline/timelinepanel.cpp" line="+27"/>
        <location line="+102"/>
        <source>No repository is open</source>
        <translation>未打开仓库</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Zoom In</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom in on the time axis (Ctrl+wheel)</source>
        <translation>放大时间轴（Ctrl+滚轮）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom Out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom out on the time axis (Ctrl+wheel)</source>
        <translation>缩小时间轴（Ctrl+滚轮）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the whole time span</source>
        <translation>显示整个时间范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scroll to the newest events and follow them</source>
        <translation>滚动到最新事件并持续跟随</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select a bar to see what went into the context, the model&apos;s response, tool calls, logs, tokens and cost.</source>
        <translation>选择一个条形以查看输入上下文的内容、模型的响应、工具调用、日志、token 用量和费用。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Raw JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the event exactly as the log stores it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Open a repository to see the timeline of its runs.</source>
        <translation>打开仓库以查看其运行的时间线。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No runs yet</source>
        <translation>尚无运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When a task runs, each phase and iteration appears here as a bar, live.</source>
        <translation>任务运行时，每个阶段和迭代都会以条形实时显示在这里。</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%L1 events in %n lane(s)</source>
        <translation>
            <numerusform>%n 条泳道中共 %L1 个事件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Reading the event log… %L1 events so far</source>
        <translation>正在读取事件日志… 已读取 %L1 个事件</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <location line="+50"/>
        <source>%L1 events · %L2 tokens · $%3 · %n tool call(s)</source>
        <translation>
            <numerusform>%L1 个事件 · %L2 个 token · $%3 · %n 次工具调用</numerusform>
        </translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+50"/>
        <source> · running</source>
        <translation> · 运行中</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>%1 · %2 · %3, iteration %4 — </source>
        <translation>%1 · %2 · %3，第 %4 次迭代 — </translation>
    </message>
</context>
<context>
    <name>harness::ui::TimelineView</name>
    <message>
        <location filename="../ui/timeline/timelineview.cpp" line="+359"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>harness::ui::WelcomePage</name>
    <message>
        <location filename="../ui/shell/welcomepage.cpp" line="+15"/>
        <source>Recent repositories</source>
        <translation>最近的仓库</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No repository is open</source>
        <translation>未打开仓库</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a git repository to see its tasks, runs, plans and audit trail. The workbench keeps its state for each repository in its own store.</source>
        <translation>打开一个 git 仓库以查看其任务、运行、计划和审计记录。工作台会为每个仓库单独存储其状态。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Try the Demo Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A small Python project with a recorded agent session: see a whole run — plan, approval, build, gates, fix, review — without a model or tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Repository…</source>
        <translation>打开仓库…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any folder inside a git work tree; a folder without git is offered git init.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set Up a Model Provider…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenAI-compatible servers (OpenAI, Ollama, vLLM, llama.cpp) or Anthropic; the API key goes into the OS keychain, never into a file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../ui/main.cpp" line="+94"/>
        <source>Native workbench for steering AI coding agents.</source>
        <translation>用于引导 AI 编程智能体的原生工作台。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print the version and the built-in components.</source>
        <translation>打印版本号和内置组件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the bundled demo project (a fresh copy).</source>
        <translation>打开内置的演示项目（全新副本）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do not reopen the last repository.</source>
        <translation>不要重新打开上次的仓库。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the window as a PNG once it has opened, then quit.</source>
        <translation>窗口打开后将其保存为 PNG，然后退出。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The git repository to open.</source>
        <translation>要打开的 git 仓库。</translation>
    </message>
</context>
</TS>
