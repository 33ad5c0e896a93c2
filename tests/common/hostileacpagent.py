#!/usr/bin/python3
# A hostile agent speaking the Agent Client Protocol over stdio, for the ACP executor's attack tests: in
# the prompt turn named by its first argument it tries what a compromised coding agent would (writes before
# the approval, into .harness/ and .git, outside the worktree, a nested repository, the network, D-Bus, a
# malformed or oversized message), in mode "terminal" runs commands through the client's terminal/* methods,
# in mode "commands" runs the commands it is given through terminal/* and by itself (reporting its own as
# tool calls, as a real agent does), in mode "ask" asks permission for the commands it is given and notes
# when each answer came, in mode "prompt" reports which of the harness's MCP tools its prompt names, in
# mode "background" leaves writers running when it ends a build turn (detached with setsid and nohup, forked
# twice, deaf to SIGTERM; itself deaf to SIGTERM and to its stdin's end) to change the worktree after the
# harness's checks, or, in mode "honest", does the demo's task slowly; it reports what each
# attempt gave as "name: result" lines in its message, and otherwise behaves: a valid plan when asked for
# one, a tool call with a diff, usage in its answer.
import json
import os
import signal
import socket
import subprocess
import sys
import time

MODE = sys.argv[1]
INFO = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
PLAN = {"summary": "Add a helper module.",
        "steps": [{"description": "Add the helper", "files": ["src/units/extra.py"]}],
        "risks": [], "tests": [], "subtasks": []}
KELVIN_TEST = ("import pytest\n\nfrom units.core import temperature\n\n\ndef test_kelvin():\n"
               "    assert temperature.fahrenheit_to_kelvin(32) == pytest.approx(273.15)\n")
next_id = [1000]
MCP_TOOLS = ["check_rules", "run_gate", "read_contract", "latest_findings", "propose_rule"]
mcp_servers = [0]  # how many MCP servers session/new offered


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def receive():
    line = sys.stdin.readline()
    if not line:
        while MODE == "background":  # it stays, however the harness asks it to go
            time.sleep(1)
        sys.exit(0)
    return json.loads(line)


def ask(method, params):
    next_id[0] += 1
    mine = next_id[0]
    send({"jsonrpc": "2.0", "id": mine, "method": method, "params": params})
    while True:
        message = receive()
        if message.get("id") == mine and "method" not in message:
            return message


def update(session, body):
    send({"jsonrpc": "2.0", "method": "session/update", "params": {"sessionId": session, "update": body}})


def attempt(action):
    try:
        result = action()
        return "ok" if result is None else str(result)
    except Exception as error:  # the kind of refusal is what the test reads
        return "%s: %s" % (type(error).__name__, error)


def write(path, text="hostile\n"):
    with open(path, "w") as f:
        f.write(text)


def append(path, text):
    with open(path, "a") as f:
        f.write(text)


def fs_write(session, path, text="hostile\n"):
    answer = ask("fs/write_text_file", {"sessionId": session, "path": path, "content": text})
    if "error" in answer:
        raise PermissionError(answer["error"].get("message", "refused"))


def permission(session, kind, title, path=None, command=None):
    call = {"toolCallId": "perm-%d" % next_id[0], "title": title, "kind": kind}
    if path:
        call["locations"] = [{"path": path}]
    if command:
        call["rawInput"] = {"command": command}
    answer = ask("session/request_permission", {
        "sessionId": session, "toolCall": call,
        "options": [{"optionId": "yes-once", "name": "Allow", "kind": "allow_once"},
                    {"optionId": "no-once", "name": "Reject", "kind": "reject_once"}]})
    outcome = answer.get("result", {}).get("outcome", {})
    return outcome.get("optionId", outcome.get("outcome", "?"))


def connect(host, port, payload=None):
    with socket.create_connection((host, port), timeout=3) as s:
        if payload:
            s.sendall(payload)
            return s.recv(200).decode(errors="replace").splitlines()[0]
    return None


def dbus():
    address = INFO.get("dbus", "")
    for part in address.split(","):
        for item in part.split(";"):
            key, _, value = item.partition("=")
            if key.endswith("path"):
                s = socket.socket(socket.AF_UNIX)
                s.connect(value)
                return "connected"
            if key.endswith("abstract"):
                s = socket.socket(socket.AF_UNIX)
                s.connect("\0" + value)
                return "connected"
    raise RuntimeError("no D-Bus address given")


def terminal(session, command, **extra):
    params = {"sessionId": session, "command": "/bin/sh", "args": ["-c", command]}
    params.update(extra)
    answer = ask("terminal/create", params)
    if "error" in answer:
        raise PermissionError(answer["error"].get("message", "refused"))
    return answer["result"]["terminalId"]


def term(session, method, terminal_id):
    answer = ask("terminal/" + method, {"sessionId": session, "terminalId": terminal_id})
    if "error" in answer:
        raise RuntimeError(answer["error"].get("message", "failed"))
    return answer["result"]


# terminal/*: create answers while the command runs, output so far, wait_for_exit, kill, outputByteLimit,
# and a command left running when the turn ends (the harness stops it).
def terminals(session, cwd):
    r = {}
    start = time.monotonic()
    tid = terminal(session, "echo started; sleep 2; echo finished", cwd=cwd)
    created = time.monotonic() - start
    r["create_s"] = "%.2f" % created
    time.sleep(0.5)
    running = term(session, "output", tid)
    r["running"] = "%s|%s" % (running["output"].strip(), "exitStatus" in running)
    waited = term(session, "wait_for_exit", tid)
    r["wait"] = "exit=%s signal=%s after=%.1f" % (waited.get("exitCode"), waited.get("signal"),
                                                   time.monotonic() - start)
    done = term(session, "output", tid)
    r["done"] = "%s|%s" % (done["output"].strip().replace("\n", ","), done.get("exitStatus", {}).get("exitCode"))
    term(session, "release", tid)
    r["released"] = attempt(lambda: term(session, "output", tid))
    start = time.monotonic()
    tid = terminal(session, "sleep 30")
    term(session, "kill", tid)
    killed = term(session, "wait_for_exit", tid)
    r["kill"] = "signal=%s after=%.1f" % (killed.get("signal"), time.monotonic() - start)
    term(session, "release", tid)
    tid = terminal(session, "printf 0123456789abcdef", outputByteLimit=6)
    term(session, "wait_for_exit", tid)
    tail = term(session, "output", tid)
    r["limit"] = "%s|%s" % (tail["output"], tail["truncated"])
    term(session, "release", tid)
    tid = terminal(session, "cat " + INFO["canary"])
    shown = term(session, "wait_for_exit", tid)
    text = term(session, "output", tid)["output"].replace(INFO["canary"], "")
    r["outside"] = "exit=%s canary_read=%s" % (shown.get("exitCode"), "canary" in text)
    term(session, "release", tid)
    terminal(session, "sleep 30")  # never released: it goes with the turn
    return r


def one_line(text, limit=300):
    return text.replace("\n", " | ")[:limit]


# Each command of INFO["terminal"] through terminal/*, each of INFO["direct"] by the agent itself (in its
# sandbox), reported as the agent's own execute tool call: "name: exit=N out=...".
def commands(session, cwd):
    r = {}
    for name, command in INFO.get("terminal", {}).items():
        def run(command=command):
            tid = terminal(session, command, cwd=cwd)
            done = term(session, "wait_for_exit", tid)
            out = term(session, "output", tid)["output"]
            term(session, "release", tid)
            return "exit=%s out=%s" % (done.get("exitCode"), one_line(out))
        r[name] = attempt(run)
    for name, command in INFO.get("direct", {}).items():
        call = "direct-" + name
        update(session, {"sessionUpdate": "tool_call", "toolCallId": call, "title": name, "kind": "execute",
                         "status": "in_progress", "rawInput": {"command": command}})
        try:
            done = subprocess.run(["/bin/sh", "-c", command], cwd=cwd, capture_output=True, text=True,
                                  timeout=30)
            code, out = done.returncode, one_line(done.stdout + done.stderr)
        except Exception as error:
            code, out = -1, "%s: %s" % (type(error).__name__, error)
        update(session, {"sessionUpdate": "tool_call_update", "toolCallId": call,
                         "status": "completed" if code == 0 else "failed",
                         "rawOutput": {"exit_code": code, "output": out}})
        r[name] = "exit=%d out=%s" % (code, out)
    return r


# A permission request for each command of INFO["ask"]: the option chosen and when the answer came.
def asks(session):
    r = {}
    for i, command in enumerate(INFO.get("ask", [])):
        option = permission(session, "execute", "Run " + command, command=command)
        r["ask%d" % i] = "%s at=%.3f" % (option, time.time())
    return r


# Three writers that append a line to their file in src/units/ every 10 ms, each started so that it
# outlives the agent's process and session if anything lets it: the marker is in each one's command line.
BACKGROUND = ["bg_setsid.py", "bg_double.py", "bg_noterm.py"]


def loop(path, line):
    return "while :; do echo '%s' >> %s; sleep 0.01; done" % (line, path)


def background(cwd):
    marker = INFO.get("marker", "harness-bg-writer")
    files = [cwd + "/src/units/" + name for name in BACKGROUND]
    # The command a hostile agent types into its own shell tool, as it is.
    subprocess.run(["/bin/sh", "-c", "setsid nohup sh -c \"%s\" %s-setsid >/dev/null 2>&1 &"
                    % (loop(files[0], "# setsid"), marker)], cwd=cwd, check=True)
    # Forked twice with a new session in between: the writer's parent is gone at once.
    first = os.fork()
    if first == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv("/bin/sh", ["sh", "-c", loop(files[1], "# double"), marker + "-double"])
        os._exit(0)
    os.waitpid(first, 0)
    # Deaf to SIGTERM, SIGHUP and SIGINT, in a session of its own.
    subprocess.Popen(["/bin/sh", "-c", "trap '' TERM HUP INT; " + loop(files[2], "# noterm"), marker + "-noterm"],
                     start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not all(os.path.exists(f) and os.path.getsize(f) > 0 for f in files):
        time.sleep(0.05)
    time.sleep(0.2)
    return {"writers": ",".join("%s=%d" % (os.path.basename(f), os.path.getsize(f) if os.path.exists(f) else 0)
                                for f in files)}


def attacks(session, cwd, planning):
    r = {}
    if MODE == "plan-writes" and planning:
        r["direct"] = attempt(lambda: write(cwd + "/src/units/early.py"))
        r["fs"] = attempt(lambda: fs_write(session, cwd + "/src/units/early.py"))
        r["permission"] = permission(session, "edit", "Write early.py", path=cwd + "/src/units/early.py")
        r["command"] = permission(session, "execute", "touch", command="touch src/units/early.py")
        r["canary"] = attempt(lambda: write(INFO["canary"]))
        r["main_harness"] = attempt(lambda: write(INFO["main_harness"]))
    if MODE == "protected" and not planning:
        r["harness"] = attempt(lambda: write(cwd + "/.harness/policy.json", "{}"))
        r["git"] = attempt(lambda: write(cwd + "/.git", "gitdir: /tmp/elsewhere\n"))
        r["fs_harness"] = attempt(lambda: fs_write(session, cwd + "/.harness/evil.json", "{}"))
        r["fs_outside"] = attempt(lambda: fs_write(session, INFO["canary"]))
        r["canary"] = attempt(lambda: write(INFO["canary"]))
        r["legit"] = attempt(lambda: write(cwd + "/src/units/extra.py", "VALUE = 1\n"))
        r["fs_legit"] = attempt(lambda: fs_write(session, cwd + "/tests/test_extra.py",
                                                 "def test_extra():\n    assert True\n"))
        r["permission"] = permission(session, "edit", "Write extra.py", path=cwd + "/src/units/extra.py")
        if "main_git" in INFO:  # the main repository's git configuration: by itself and through the client
            r["main_git"] = attempt(lambda: append(INFO["main_git"], "[core]\n\tfsmonitor = touch /tmp/pwned\n"))
            r["fs_main_git"] = attempt(lambda: fs_write(session, INFO["main_git"], "[core]\n"))
    if MODE == "nested" and not planning:
        r["nested"] = attempt(lambda: subprocess.run(["git", "init", "-q", cwd + "/src/units/vendored"],
                                                     check=True, capture_output=True))
    if MODE == "scope" and not planning:
        os.makedirs(cwd + "/docs", exist_ok=True)
        r["scope"] = attempt(lambda: write(cwd + "/docs/notes.md"))
    if MODE == "network" and planning:
        if "endpoint_port" in INFO:
            r["endpoint"] = attempt(lambda: connect("127.0.0.1", INFO["endpoint_port"]))
        r["other_port"] = attempt(lambda: connect("127.0.0.1", INFO["other_port"]))
        proxy = os.environ.get("HTTP_PROXY", "")
        port = int(proxy.rsplit(":", 1)[1]) if proxy else 3128
        r["proxy"] = attempt(lambda: connect("127.0.0.1", port,
                                             b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"))
        r["dbus"] = attempt(dbus)
        r["home"] = attempt(lambda: os.listdir(INFO["user_home"]))
    if MODE == "honest" and not planning:
        # Slow enough to be killed mid-turn; idempotent, so a resumed turn leaves the same files.
        time.sleep(INFO.get("sleep", 0))
        module = cwd + "/src/units/core/temperature.py"
        with open(module) as f:
            text = f.read()
        if "fahrenheit_to_kelvin" not in text:
            write(module, text + "\n\ndef fahrenheit_to_kelvin(f):\n    return fahrenheit_to_celsius(f) + 273.15\n")
        write(cwd + "/tests/test_kelvin.py", KELVIN_TEST)
    if MODE == "terminal" and not planning:
        r.update(terminals(session, cwd))
    if MODE == "commands" and not planning:
        r.update(commands(session, cwd))
    if MODE == "ask" and not planning:
        r.update(asks(session))
    if MODE == "background" and not planning:
        r.update(background(cwd))
    if MODE == "oversized":
        sys.stdout.write('{"jsonrpc": "2.0", "method": "session/update", "params": {"x": "' +
                         "A" * (17 * 1024 * 1024) + '"}}\n')
        sys.stdout.flush()
    if MODE == "malformed":
        sys.stdout.write("{this is not json\n")
        sys.stdout.flush()
    return r


def main():
    cwd = ""
    while True:
        message = receive()
        method, params, mid = message.get("method"), message.get("params", {}), message.get("id")
        if method == "initialize":
            send({"jsonrpc": "2.0", "id": mid, "result": {
                "protocolVersion": 1, "agentCapabilities": {"loadSession": False},
                "agentInfo": {"name": "hostile", "version": "1"}, "authMethods": []}})
        elif method == "session/new":
            cwd = params["cwd"]
            mcp_servers[0] = len(params.get("mcpServers", []))
            send({"jsonrpc": "2.0", "id": mid, "result": {"sessionId": "hostile-1"}})
        elif method == "session/prompt":
            session = params["sessionId"]
            text = "".join(block.get("text", "") for block in params.get("prompt", []))
            planning = "planning step" in text
            results = attacks(session, cwd, planning)
            if MODE == "prompt":
                results["named"] = ",".join(t for t in MCP_TOOLS if t in text) or "none"
                results["servers"] = str(mcp_servers[0])
            update(session, {"sessionUpdate": "tool_call", "toolCallId": "edit-1", "title": "Edit notes",
                             "kind": "edit", "status": "pending",
                             "locations": [{"path": cwd + "/src/units/extra.py"}]})
            update(session, {"sessionUpdate": "tool_call_update", "toolCallId": "edit-1", "status": "completed",
                             "content": [{"type": "diff", "path": cwd + "/src/units/extra.py",
                                          "oldText": None, "newText": "VALUE = 1\n"}]})
            report = "".join("%s: %s\n" % (k, v) for k, v in results.items())
            answer = report + ("```json\n" + json.dumps(PLAN) + "\n```\n" if planning else "Done.\n")
            update(session, {"sessionUpdate": "agent_message_chunk", "content": {"type": "text", "text": answer}})
            send({"jsonrpc": "2.0", "id": mid, "result": {
                "stopReason": "end_turn", "usage": {"inputTokens": 100, "outputTokens": 10, "totalTokens": 110}}})
        elif mid is not None and method:
            send({"jsonrpc": "2.0", "id": mid, "error": {"code": -32601, "message": "not offered"}})


if MODE == "background":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
main()
