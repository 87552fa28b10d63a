// Test support for the relay's integration tests (Node only): a relay on free ports, a page
// session on the inline host paced to the wall clock, and the lab's Python programs run
// unmodified from shared/seed/programs (found next to the repository, or next to the main
// checkout when this is a git worktree; DSLAB_SEED_PROGRAMS overrides).

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { WebSocket } from 'ws';
import type { Scenario } from '../core/index.ts';
import { createLiveRunner, type LiveRunnerHandle } from '../hosts/live-runner.ts';
import { connectRelay, type RelayConnection, type WebSocketLike } from '../hosts/relay-client.ts';
import { RelaySession } from '../hosts/relay-session.ts';
import { relayScenario } from '../scenarios/relay.ts';
import { type RelayAddress, type RelayOptions, RelayServer } from './server.ts';

export function seedProgramsDir(): string {
  const candidates: string[] = [];
  if (process.env['DSLAB_SEED_PROGRAMS']) candidates.push(process.env['DSLAB_SEED_PROGRAMS']);
  const root = process.cwd();
  candidates.push(path.resolve(root, '../shared/seed/programs'));
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: root, encoding: 'utf8' }).trim();
    candidates.push(path.resolve(common, '../../shared/seed/programs'));
  } catch {
    // not a git checkout: the first candidates are all there is
  }
  const found = candidates.find((c) => existsSync(path.join(c, 'q1_client.py')));
  if (!found) throw new Error(`the lab's programs are not in any of ${candidates.join(', ')} (set DSLAB_SEED_PROGRAMS)`);
  return found;
}

export interface TestRelay {
  relay: RelayServer;
  at: RelayAddress;
  logs: string[];
  stop(): Promise<void>;
}

export async function startRelay(options: Partial<RelayOptions> = {}): Promise<TestRelay> {
  const logs: string[] = [];
  const relay = new RelayServer({
    host: '127.0.0.1',
    cristianPort: 0,
    berkeleyPort: 0,
    wsPort: 0,
    upstreamCristian: null,
    upstreamBerkeley: null,
    names: ['KMC', 'MIT', 'TAPMI', 'SOLS'],
    log: (line) => logs.push(line),
    ...options,
  });
  const at = await relay.start();
  return { relay, at, logs, stop: () => relay.stop() };
}

export interface TestSession {
  runner: LiveRunnerHandle;
  session: RelaySession;
  scenario: Scenario;
  connection: RelayConnection;
  lines: string[];
  stop(): void;
}

/** What the page does: connect, build the relay scenario from the hello, play at 1× with a session. */
export async function startSession(base: Scenario, wsPort: number, seed = 1): Promise<TestSession> {
  const wall = (): number => performance.now();
  const connection = await connectRelay(`ws://127.0.0.1:${wsPort}`, (url) => new WebSocket(url) as unknown as WebSocketLike, wall);
  const { hello } = connection;
  const scenario = relayScenario(base, {
    names: hello.names,
    upstreamCristian: hello.upstream.cristian,
    upstreamBerkeley: hello.upstream.berkeley,
  });
  const lines: string[] = [];
  let session: RelaySession | null = null;
  const runner = createLiveRunner({
    scenario,
    seed,
    host: 'inline',
    speed: 1,
    requestFrame: (cb) => setTimeout(cb, 8),
    wallClock: wall,
    realTime: true,
    onExternal: (d) => session?.delivered(d),
  });
  session = new RelaySession({
    runner,
    scenario,
    hello,
    helloAt: connection.helloAt,
    send: (command) => connection.send(JSON.stringify(command)),
    log: (line) => lines.push(line),
    wallClock: wall,
  });
  const live = session;
  connection.listen(
    (raw) => live.receive(raw),
    (reason) => live.disconnected(reason),
  );
  runner.play();
  live.start();
  return {
    runner,
    session: live,
    scenario,
    connection,
    lines,
    stop() {
      live.dispose();
      runner.dispose();
      connection.close();
    },
  };
}

export interface PythonRun {
  proc: ChildProcess;
  /** Output lines as they came, with when (wall ms). */
  lines: { at: number; text: string }[];
  exited: Promise<number | null>;
  /** Resolves with the first line matching, or rejects after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs: number, count?: number): Promise<string[]>;
  kill(): void;
}

/** Runs one of the lab's programs, unmodified (python3 -u only unbuffers its output). */
export function runProgram(script: string, env: Record<string, string>): PythonRun {
  const proc = spawn('python3', ['-u', path.join(seedProgramsDir(), script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: { at: number; text: string }[] = [];
  const waiters: (() => void)[] = [];
  let partial = '';
  const onData = (chunk: Buffer): void => {
    partial += chunk.toString('utf8');
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    const at = Date.now();
    for (const text of parts) lines.push({ at, text });
    for (const w of waiters.splice(0)) w();
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    proc,
    lines,
    exited,
    waitFor(pattern, timeoutMs, count = 1) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = lines.filter((l) => pattern.test(l.text)).map((l) => l.text);
          if (found.length >= count) {
            clearTimeout(timer);
            resolve(found);
            return true;
          }
          return false;
        };
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `${script}: no ${count} line(s) matching ${pattern} within ${timeoutMs} ms; output:\n${lines.map((l) => l.text).join('\n')}`,
              ),
            ),
          timeoutMs,
        );
        const loop = (): void => {
          if (!check()) waiters.push(loop);
        };
        loop();
        void exited.then(() => setTimeout(() => waiters.splice(0).forEach((w) => w()), 10));
      });
    },
    kill() {
      if (proc.exitCode === null) proc.kill('SIGKILL');
    },
  };
}

/** A free TCP port on 127.0.0.1 (for a Python server the relay will dial). */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Waits until `predicate` holds, checking every 20 ms, or fails after timeoutMs with `what`. */
export async function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
