// The relay against the lab's own programs, run unmodified with python3 from
// shared/seed/programs, in all four directions. Each test asserts on what the programs
// print and on the recorded trace, and replays that trace offline byte for byte.

import { afterEach, describe, expect, it } from 'vitest';
import {
  checkBerkeley,
  checkCristianBound,
  exportTrace,
  importTrace,
  readClock,
  type Scenario,
  toJsonLines,
  traceMismatch,
  type TraceEvent,
  trueTime,
} from '../core/index.ts';
import { resimulate } from '../hosts/resimulate.ts';
import { findPreset } from '../scenarios/index.ts';
import { freePort, type PythonRun, runProgram, startRelay, startSession, type TestRelay, type TestSession, until } from './harness.ts';
import { formatTimestamp, parseTimestamp } from './timestamps.ts';

const preset = (id: string): Scenario => {
  const p = findPreset(id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
};
const cristianBasic = preset('cristian-basic');
const cristianManipalBuddy = preset('cristian-manipal-buddy');
const berkeleyCanteen = preset('berkeley-canteen');

let relay: TestRelay | null = null;
let session: TestSession | null = null;
const programs: PythonRun[] = [];

afterEach(async () => {
  for (const p of programs.splice(0)) p.kill();
  session?.stop();
  session = null;
  await relay?.stop();
  relay = null;
});

const run = (script: string, env: Record<string, string>): PythonRun => {
  const p = runProgram(script, env);
  programs.push(p);
  return p;
};

const nodeNamed = (s: TestSession, name: string): number => {
  const n = s.scenario.nodes.find((x) => x.name === name);
  if (!n) throw new Error(`no node ${name}`);
  return n.id;
};

/** The recording replays offline (no relay, no programs) into the same events, byte for byte. */
function expectReplays(s: TestSession): void {
  const recorded = s.runner.trace();
  const replayed = resimulate(s.scenario, s.runner.seed, recorded);
  expect(replayed.length).toBeGreaterThanOrEqual(recorded.length);
  expect(toJsonLines(replayed.slice(0, recorded.length))).toBe(toJsonLines(recorded));
  // It exports like any other trace, and the page's import takes it back for its scenario.
  const imported = importTrace(exportTrace(s.scenario.id, s.runner.seed, recorded));
  if (!imported.ok) throw new Error(imported.error);
  expect(traceMismatch(imported.summary, s.scenario)).toBeNull();
  expect(imported.file.events).toHaveLength(recorded.length);
}

const sends = (s: TestSession, kind: string, from?: number, to?: number): Extract<TraceEvent, { type: 'send' }>[] =>
  s.runner
    .trace()
    .filter(
      (e): e is Extract<TraceEvent, { type: 'send' }> =>
        e.type === 'send' && e.kind === kind && (from === undefined || e.node === from) && (to === undefined || e.to === to),
    );

/**
 * These run real programs on the wall clock: with the CPU-heavy property tests beside them on
 * a 2-core machine, a program can miss a cycle. A retry re-runs the whole session; its
 * assertions stay as they are.
 */
const REAL_TIME = { retry: 2 } as const;

describe('direction 1: real Cristian clients, simulated server', REAL_TIME, () => {
  it('q1_client.py gets the simulated server clock, in the seed format, and the trace shows REQUEST and REPLY', async () => {
    relay = await startRelay();
    session = await startSession(cristianBasic, relay.at.wsPort);
    const s = session;
    const client = run('q1_client.py', { PORT: String(relay.at.cristianPort) });
    expect(await Promise.race([client.exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))])).toBe(0);
    const out = client.lines.map((l) => l.text).join('\n');
    const printed = /Time returned by server: (\S+ \S+)/.exec(out)?.[1];
    expect(printed, out).toBeDefined();
    expect(out).toMatch(/Process Delay latency: [\d.e-]+ seconds/);
    expect(out).toMatch(/Synchronization error : -?[\d.e-]+ seconds/);

    const kmc = nodeNamed(s, 'KMC');
    await until(
      () => s.runner.trace().some((e) => e.type === 'note' && e.node === kmc && e.topic === 'cristian-sync'),
      3000,
      'the sync note',
    );
    const [request] = sends(s, 'REQUEST', kmc, 1);
    const [reply] = sends(s, 'REPLY', 1, kmc);
    expect(request).toBeDefined();
    expect(reply).toBeDefined();
    // What the client printed is exactly the server's clock in the REPLY, on the session's time line.
    const ts = (reply?.msg as unknown as { ts: number }).ts;
    expect(printed).toBe(formatTimestamp(s.session.epochMs + ts));
    // The REPLY left the server after the REQUEST arrived, and was delivered to the real client.
    expect(s.runner.trace().some((e) => e.type === 'deliver' && e.node === kmc && e.msgId === reply?.msgId)).toBe(true);
    expect(s.runner.trace().some((e) => e.type === 'action' && e.action.type === 'attach' && e.action.node === kmc)).toBe(true);
    expectReplays(s);
  }, 20_000);

  it("q4's MOBILE and LAPTOP sync at once, each as its own external node", async () => {
    relay = await startRelay({ names: ['MOBILE', 'LAPTOP'] });
    session = await startSession(cristianManipalBuddy, relay.at.wsPort);
    const s = session;
    const env = { PORT: String(relay.at.cristianPort) };
    const mobile = run('q4_client_MOBILE.py', env);
    const laptop = run('q4_client_LAPTOP.py', env);
    const codes = await Promise.race([
      Promise.all([mobile.exited, laptop.exited]),
      new Promise((r) => setTimeout(() => r('timeout'), 10_000)),
    ]);
    expect(codes).toEqual([0, 0]);
    for (const [p, device] of [
      [mobile, 'MOBILE'],
      [laptop, 'LAPTOP'],
    ] as const) {
      const out = p.lines.map((l) => l.text).join('\n');
      expect(out).toContain(`Synchronising now :- ${device}`);
      const printed = /Time returned by server: (\S+ \S+)/.exec(out)?.[1] as string;
      expect(parseTimestamp(printed)).not.toBeNull();
    }
    // Names go to connections in the order they come (a name is free again once its client is done).
    const ids = [nodeNamed(s, 'MOBILE (real)'), nodeNamed(s, 'LAPTOP (real)')];
    expect(ids.flatMap((id) => sends(s, 'REQUEST', id, 1))).toHaveLength(2);
    expect(ids.flatMap((id) => sends(s, 'REPLY', 1, id))).toHaveLength(2);
    expectReplays(s);
  }, 20_000);
});

describe('direction 2: real Berkeley slaves, simulated master', REAL_TIME, () => {
  it("the four q3 clients are polled from their pushes, adjusted by dslab's Berkeley, and print the absolute time; a slave that leaves crashes and recovers when it returns", async () => {
    relay = await startRelay();
    session = await startSession(berkeleyCanteen, relay.at.wsPort);
    const s = session;
    const env = { PORT: String(relay.at.berkeleyPort) };
    const lines = ['KMC', 'MIT', 'TAPMI', 'SOLS'].map((name) => ({ name, p: run(`q3_client_${name}.py`, env) }));
    // The master's first cycle is 5 s after it boots: each slave prints within one cycle after that.
    await Promise.all(lines.map(({ name, p }) => p.waitFor(new RegExp(`Synchronized time at the client is ${name} : `), 12_000)));

    const real = ['KMC (real)', 'MIT (real)', 'TAPMI (real)', 'SOLS (real)'].map((n) => nodeNamed(s, n));
    const readingsOf = (e: TraceEvent): number[] =>
      e.type === 'note' && e.topic === 'berkeley-cycle' && e.node === 1
        ? ((e.data?.['readings'] ?? []) as { node: number }[]).map((r) => r.node)
        : [];
    // A slave that started late joins the cycle after its first push: wait for one with all four.
    const full = (e: TraceEvent): boolean => real.every((id) => readingsOf(e).includes(id));
    await until(() => s.runner.trace().some(full), 12_000, 'a cycle with all four real slaves');
    const readings = readingsOf(s.runner.trace().find(full) as TraceEvent).map((node) => ({ node }));
    // The cycle table has the real slaves in it, beside the master's own reading and the simulated lines.
    for (const id of real) expect(readings.map((r) => r.node)).toContain(id);
    expect(readings.map((r) => r.node)).toContain(1);
    for (const id of real) expect(sends(s, 'ADJUST', 1, id).length).toBeGreaterThanOrEqual(1);

    // What each slave printed is a timestamp the relay wrote it: its own clock plus the ADJUST's delta.
    // (Names go to programs in the order they connect, so the node is the one the stamp was written to.)
    const wrote = s.lines.filter((l) => l.startsWith('wrote '));
    for (const { name, p } of lines) {
      const line = p.lines.find((l) => l.text.includes(`Synchronized time at the client is ${name} : `));
      const printed = line?.text.split(' : ')[1]?.trim() as string;
      const written = wrote.find((w) => w.startsWith(`wrote ${printed} to `));
      expect(written, `${printed} in ${wrote.join('; ')}`).toBeDefined();
      const node = nodeNamed(s, (written as string).slice(`wrote ${printed} to `.length));
      expect(real).toContain(node);
      // ...which, on this machine, is about the wall clock when it printed, moved by that delta.
      const adjust = sends(s, 'ADJUST', 1, node)[0]?.msg as unknown as { deltaMs: number };
      expect(Math.abs((parseTimestamp(printed) as number) - (line?.at as number) - adjust.deltaMs)).toBeLessThan(250);
    }

    // A program dies: its node crashes. Run it again: it takes the free name and its node recovers.
    (lines[0] as { p: PythonRun }).p.kill();
    await until(() => real.some((id) => s.runner.node(id)?.alive === false), 3000, 'a real slave to crash');
    const gone = real.find((id) => s.runner.node(id)?.alive === false) as number;
    expect(s.runner.trace().some((e) => e.type === 'crash' && e.node === gone && e.t > 0)).toBe(true);
    run('q3_client_KMC.py', env);
    await until(() => s.runner.node(gone)?.alive === true, 3000, 'the slave to recover');
    expect(s.runner.trace().some((e) => e.type === 'boot' && e.node === gone && e.recovered)).toBe(true);
    expectReplays(s);
  }, 30_000);
});

describe('direction 3: simulated clients, a real Cristian server', REAL_TIME, () => {
  it('each REQUEST dials q1_server.py and its timestamp comes back as the REPLY the client syncs to', async () => {
    const port = await freePort();
    const server = run('q1_server.py', { PORT: String(port) });
    await server.waitFor(/Socket is listening/, 5000);
    relay = await startRelay({ upstreamCristian: { host: '127.0.0.1', port } });
    session = await startSession(cristianBasic, relay.at.wsPort);
    const s = session;
    // The simulated client (node 2) syncs 1 s after boot, then every 5 s.
    await until(
      () => s.runner.trace().some((e) => e.type === 'note' && e.node === 2 && e.topic === 'cristian-sync'),
      8000,
      "the client's sync",
    );
    // The real server saw the connection (its own output) ...
    await server.waitFor(/Server connected to \('127\.0\.0\.1', \d+\)/, 2000);
    expect(s.scenario.nodes.find((n) => n.id === 1)?.external).toBe(true);
    const [reply] = sends(s, 'REPLY', 1, 2);
    expect(reply).toBeDefined();
    const sync = s.runner
      .trace()
      .find((e): e is Extract<TraceEvent, { type: 'note' }> => e.type === 'note' && e.node === 2 && e.topic === 'cristian-sync');
    // ... the client synced to the real server's timestamp ...
    expect(sync?.data?.['ts']).toBe((reply?.msg as unknown as { ts: number }).ts);
    // ... which is this machine's clock: the client's clock (480 ms off, 3% fast) is now within tens of ms of true time.
    const client = s.runner.node(2);
    const offset = readClock(client?.clock as NonNullable<typeof client>['clock'], trueTime(sync?.t as number)) - (sync?.t as number);
    expect(Math.abs(offset)).toBeLessThan(40);
    expect(checkCristianBound(s.runner.trace()).filter((v) => Math.abs(Number(/error (-?[\d.]+)/.exec(v.detail)?.[1])) > 40)).toEqual([]);
    expectReplays(s);
  }, 20_000);
});

describe('direction 4: simulated slaves, a real Berkeley master', REAL_TIME, () => {
  it("q3_master.py gets each slave's clock every ~5 s, its absolute times become ADJUSTs, and the checkers flag its mistakes", async () => {
    const port = await freePort();
    const master = run('q3_master.py', { PORT: String(port) });
    await master.waitFor(/Clock server started/, 5000);
    relay = await startRelay({ upstreamBerkeley: { host: '127.0.0.1', port } });
    session = await startSession(berkeleyCanteen, relay.at.wsPort);
    const s = session;
    const slaves = [2, 3, 4, 5];
    // The master's own output: four slaves connected and filed, then a cycle over all four.
    await master.waitFor(/got connected successfully/, 5000, 4);
    await master.waitFor(/Client Data updated with/, 5000, 4);
    await master.waitFor(/Number of clients to be synchronized: 4/, 8000);
    await until(
      () =>
        s.runner
          .trace()
          .some(
            (e) =>
              e.type === 'note' &&
              e.node === 1 &&
              e.topic === 'berkeley-cycle' &&
              ((e.data?.['adjustments'] as unknown[]) ?? []).length === 4,
          ),
      12_000,
      "a cycle of the real master's over all four slaves",
    );
    for (const id of slaves) {
      expect(sends(s, 'TIME', id, 1).length).toBeGreaterThanOrEqual(1);
      expect(sends(s, 'ADJUST', 1, id).length).toBeGreaterThanOrEqual(1);
    }
    const note = s.runner
      .trace()
      .find(
        (e): e is Extract<TraceEvent, { type: 'note' }> =>
          e.type === 'note' && e.node === 1 && e.topic === 'berkeley-cycle' && ((e.data?.['adjustments'] as unknown[]) ?? []).length === 4,
      );
    const readings = note?.data?.['readings'] as { node: number; offsetMs: number }[];
    const mean = readings.reduce((sum, r) => sum + r.offsetMs, 0) / readings.length;
    // The slaves run ahead (SOLS by 900 ms): the seed master moves everyone back by their mean, sign inverted, its own clock left out.
    expect(mean).toBeGreaterThan(100);
    expect(note?.data?.['averageMs'] as number).toBeLessThan(0);
    expect(Math.abs((note?.data?.['averageMs'] as number) + mean)).toBeLessThan(30);
    const flagged = checkBerkeley(s.runner.trace()).map((v) => v.invariant);
    expect(flagged).toContain('berkeley master reading');
    expect(flagged).toContain('berkeley average');
    expectReplays(s);
  }, 30_000);
});
