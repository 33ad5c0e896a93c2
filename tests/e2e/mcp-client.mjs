// The official MCP TypeScript SDK's client (the pinned @modelcontextprotocol/sdk of
// packaging/agents/package.json) driving `harness mcp` over stdio, for tst_mcpserver. Its one argument is
// a JSON object: {sdk: the SDK's folder, command, args, cwd, calls: [{name, arguments}]}. It connects
// (initialize and initialized through the SDK), lists the tools, makes each call in order and prints one
// JSON object on stdout: {server, instructions, tools, results: [{name, result} or {name, error}]}.
const config = JSON.parse(process.argv[2]);
const { Client } = await import(`${config.sdk}/dist/esm/client/index.js`);
const { StdioClientTransport } = await import(`${config.sdk}/dist/esm/client/stdio.js`);

const transport = new StdioClientTransport({
    command: config.command,
    args: config.args,
    cwd: config.cwd,
    env: config.env ?? {},
    stderr: 'inherit',
});
const client = new Client({ name: 'tst-mcpserver', version: '1.0.0' });
await client.connect(transport);
const listed = await client.listTools();
const results = [];
for (const call of config.calls) {
    try {
        results.push({ name: call.name, result: await client.callTool({ name: call.name, arguments: call.arguments }) });
    } catch (error) {
        // A protocol error: the SDK's McpError carries the JSON-RPC code.
        results.push({ name: call.name, error: { code: error.code ?? null, message: String(error.message ?? error) } });
    }
}
process.stdout.write(JSON.stringify({
    server: client.getServerVersion(),
    capabilities: client.getServerCapabilities(),
    instructions: client.getInstructions(),
    tools: listed.tools,
    results,
}) + '\n');
await client.close();
