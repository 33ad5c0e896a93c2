// Starts an Agent Client Protocol agent, sends `initialize` on its stdin and prints the agent's name and
// version from the answer; exits 1 with the agent's stderr when no answer comes within the time limit.
// usage: node acp-initialize.mjs <seconds> <program> [args...]   (used by packaging/install-agents.sh)
import { spawn } from 'node:child_process';

const [seconds, program, ...args] = process.argv.slice(2);
// Its own process group, so that ending it also ends what it started (codex-acp's Node wrapper starts the
// native binary as a child).
const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
let out = '';
let err = '';
const finish = (code, message) => {
  clearTimeout(timer);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
  (code === 0 ? process.stdout : process.stderr).write(message + '\n');
  process.exit(code);
};
const timer = setTimeout(() => finish(1, `no answer within ${seconds} s; stderr: ${err.slice(0, 400)}`),
                         Number(seconds) * 1000);
child.on('error', (e) => finish(1, String(e)));
child.on('exit', (code) => finish(1, `exited (${code}) before answering; stderr: ${err.slice(0, 400)}`));
child.stderr.on('data', (d) => { err += d; });
child.stdout.on('data', (d) => {
  out += d;
  const newline = out.indexOf('\n');
  if (newline < 0) return;
  try {
    const answer = JSON.parse(out.slice(0, newline));
    const info = answer.result?.agentInfo ?? {};
    if (answer.id === 0 && answer.result?.protocolVersion)
      finish(0, `${info.name ?? '?'} ${info.version ?? '?'} (protocol ${answer.result.protocolVersion})`);
    else finish(1, `unexpected answer: ${out.slice(0, newline).slice(0, 400)}`);
  } catch (e) {
    finish(1, `not JSON on stdout: ${out.slice(0, 200)}`);
  }
});
child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize',
                                   params: { protocolVersion: 1, clientCapabilities: {} } }) + '\n');
