// An external agent for tst_mcpserver: it speaks the Agent Client Protocol on stdio (as the harness's ACP
// executor drives it, inside the run's sandbox) and connects the MCP server it is given in session/new
// with the official MCP TypeScript SDK's client, to check itself mid-turn the way a real agent would.
// Its one argument is the SDK's folder. Each prompt turn's message starts with "MCP-REPORT " and one line
// of JSON saying what each tool answered; the plan turn then gives a plan, the build turn does the demo's
// task (fahrenheit_to_kelvin and its test) after catching, through check_rules, a print() it put in core.
import fs from 'node:fs';
import readline from 'node:readline';

const sdk = process.argv[2];
const { Client } = await import(`${sdk}/dist/esm/client/index.js`);
const { StdioClientTransport } = await import(`${sdk}/dist/esm/client/stdio.js`);

const PLAN = {
    summary: 'Add fahrenheit_to_kelvin to units.core.temperature with a test.',
    steps: [{ description: 'Add the conversion', files: ['src/units/core/temperature.py'] },
            { description: 'Test it', files: ['tests/test_kelvin.py'] }],
    risks: [], tests: ['tests/test_kelvin.py'], subtasks: [],
};
const KELVIN_TEST = 'import pytest\n\nfrom units.core import temperature\n\n\ndef test_kelvin():\n'
    + '    assert temperature.fahrenheit_to_kelvin(32) == pytest.approx(273.15)\n';

let mcp = null;
let mcpProblem = '';
let cwd = '';

function send(message) {
    process.stdout.write(JSON.stringify(message) + '\n');
}

async function connect(servers) {
    const server = (servers ?? []).find(s => s.name === 'harness');
    if (!server) {
        mcpProblem = 'session/new named no harness MCP server: ' + JSON.stringify(servers);
        return;
    }
    try {
        const env = Object.fromEntries((server.env ?? []).map(e => [e.name, e.value]));
        const transport = new StdioClientTransport({ command: server.command, args: server.args, env, stderr: 'inherit' });
        const client = new Client({ name: 'sandboxed-agent', version: '1.0.0' });
        await client.connect(transport);
        mcp = client;
    } catch (error) {
        mcpProblem = 'the harness MCP server did not start: ' + String(error);
    }
}

async function call(name, args) {
    if (!mcp)
        return { problem: mcpProblem };
    try {
        const r = await mcp.callTool({ name, arguments: args });
        return { isError: !!r.isError, text: r.content?.[0]?.text ?? '', structured: r.structuredContent ?? null };
    } catch (error) {
        return { protocolError: { code: error.code ?? null, message: String(error.message ?? error) } };
    }
}

async function planTurn() {
    const listed = mcp ? (await mcp.listTools()).tools.map(t => t.name) : [];
    return { tools: listed, problem: mcpProblem, contract: await call('read_contract', {}), rules: await call('check_rules', {}) };
}

async function buildTurn() {
    const report = {};
    const shout = 'src/units/core/shout.py';
    fs.writeFileSync(`${cwd}/${shout}`, '"""Loud output."""\n\n\ndef shout(text):\n    print(text.upper())\n');
    report.caught = await call('check_rules', { paths: [shout] });
    fs.writeFileSync(`${cwd}/${shout}`, '"""Loud output."""\n\n\ndef shout(text):\n    return text.upper()\n');
    report.clean = await call('check_rules', { paths: [shout] });
    fs.unlinkSync(`${cwd}/${shout}`);
    const module = `${cwd}/src/units/core/temperature.py`;
    const text = fs.readFileSync(module, 'utf8');
    if (!text.includes('fahrenheit_to_kelvin'))
        fs.writeFileSync(module, text + '\n\ndef fahrenheit_to_kelvin(f):\n    return fahrenheit_to_celsius(f) + 273.15\n');
    fs.writeFileSync(`${cwd}/tests/test_kelvin.py`, KELVIN_TEST);
    report.gate = await call('run_gate', { gate: 'tests' });
    report.findings = await call('latest_findings', {});
    report.proposal = await call('propose_rule', {
        kind: 'forbidden',
        rule: { id: 'no-shout-in-core', paths: ['src/units/core/**'], pattern: '\\bshout\\(', severity: 'error',
                message: 'units.core does not shout; return the text and let units.cli show it.' },
        reason: 'I put a print() in core before check_rules caught it.',
    });
    report.escape = await call('check_rules', { paths: ['../../..'] });
    return report;
}

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
    if (!line.trim())
        continue;
    const message = JSON.parse(line);
    const { method, params, id } = message;
    if (method === 'initialize') {
        send({ jsonrpc: '2.0', id, result: { protocolVersion: 1, agentCapabilities: { loadSession: false },
                                             agentInfo: { name: 'mcp-acp-agent', version: '1' }, authMethods: [] } });
    } else if (method === 'session/new') {
        cwd = params.cwd;
        await connect(params.mcpServers);
        send({ jsonrpc: '2.0', id, result: { sessionId: 'mcp-1' } });
    } else if (method === 'session/prompt') {
        const text = (params.prompt ?? []).map(b => b.text ?? '').join('');
        const planning = text.includes('planning step');
        const report = planning ? await planTurn() : await buildTurn();
        const answer = 'MCP-REPORT ' + JSON.stringify(report) + '\n'
            + (planning ? '```json\n' + JSON.stringify(PLAN) + '\n```\n' : 'Done.\n');
        send({ jsonrpc: '2.0', method: 'session/update',
               params: { sessionId: params.sessionId, update: { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: answer } } } });
        send({ jsonrpc: '2.0', id, result: { stopReason: 'end_turn', usage: { inputTokens: 100, outputTokens: 10, totalTokens: 110 } } });
    } else if (id !== undefined && method) {
        send({ jsonrpc: '2.0', id, error: { code: -32601, message: 'not offered' } });
    }
}
if (mcp)
    await mcp.close();
