// The relay on its own, against bad peers: garbage, half timestamps, a slave that never
// reads, 200 clients at once, a page from a foreign origin, oversized or broken page messages.
// A test page (a plain WebSocket client) stands in for the lab page.

import { execFile } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseRelayArgs } from './args.ts';
import { startRelay, type TestRelay, until } from './harness.ts';
import type { PageCommand, RelayEvent } from './protocol.ts';
import { parseTimestamp } from './timestamps.ts';

let relay: TestRelay | null = null;
const sockets: net.Socket[] = [];
const pages: WebSocket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const p of pages.splice(0)) p.terminate();
  await relay?.stop();
  relay = null;
});

interface TestPage {
  ws: WebSocket;
  events: RelayEvent[];
  send(cmd: PageCommand | string): void;
}

async function openPage(port: number, origin?: string): Promise<TestPage> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`, origin ? { origin } : {});
  pages.push(ws);
  const events: RelayEvent[] = [];
  ws.on('message', (data) => events.push(JSON.parse(String(data)) as RelayEvent));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with HTTP ${res.statusCode}`)));
  });
  await until(() => events.some((e) => e.type === 'hello'), 2000, 'hello');
  return { ws, events, send: (cmd) => ws.send(typeof cmd === 'string' ? cmd : JSON.stringify(cmd)) };
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
    sockets.push(s);
  });
}

const STAMP = '2026-11-29 03:04:05.123456';

describe('relay against bad peers', () => {
  it('drops garbage and half timestamps with one log line each and forwards the good timestamps between them', async () => {
    relay = await startRelay();
    const r = relay;
    const page = await openPage(r.at.wsPort);
    const slave = await connect(r.at.berkeleyPort);
    await until(() => page.events.some((e) => e.type === 'open'), 2000, 'open');
    slave.write(`GET / HTTP/1.1\r\n\x00\xff${STAMP}`);
    await until(() => page.events.some((e) => e.type === 'time'), 2000, 'the timestamp after the garbage');
    const time = page.events.find((e) => e.type === 'time');
    expect(time).toMatchObject({ stamp: STAMP, time: parseTimestamp(STAMP) });
    expect(r.logs.filter((l) => l.includes('not a timestamp'))).toHaveLength(1);
    slave.write('2026-11-29 03:0');
    await until(() => r.logs.some((l) => l.includes('half a timestamp')), 2000, 'the half timestamp line');
    // The connection and the relay carry on.
    slave.write('2026-11-29 03:04:10');
    await until(() => page.events.filter((e) => e.type === 'time').length === 2, 2000, 'the 19-byte timestamp');
    expect(page.events.filter((e) => e.type === 'time').at(-1)).toMatchObject({ stamp: '2026-11-29 03:04:10' });
  });

  it('never writes two timestamps back to back to one socket: the newest request waits its turn', async () => {
    relay = await startRelay();
    const page = await openPage(relay.at.wsPort);
    const slave = await connect(relay.at.berkeleyPort);
    await until(() => page.events.some((e) => e.type === 'open'), 2000, 'open');
    const conn = (page.events.find((e) => e.type === 'open') as { conn: string }).conn;
    const arrivals: { at: number; data: string }[] = [];
    slave.on('data', (d) => arrivals.push({ at: Date.now(), data: d.toString('latin1') }));
    page.send({ type: 'write', conn, time: null, deltaMs: 100 });
    page.send({ type: 'write', conn, time: null, deltaMs: 200 });
    page.send({ type: 'write', conn, time: null, deltaMs: 300 });
    await until(() => arrivals.length >= 2, 3000, 'two writes');
    // Each read holds exactly one timestamp, a second apart; the newest request won.
    expect(arrivals.every((a) => parseTimestamp(a.data) !== null)).toBe(true);
    expect((arrivals[1] as { at: number }).at - (arrivals[0] as { at: number }).at).toBeGreaterThanOrEqual(900);
    expect(page.events.filter((e) => e.type === 'wrote')).toHaveLength(2);
  });

  it('serves 200 Cristian clients that connect at once, four names at a time, one timestamp each', async () => {
    relay = await startRelay();
    const page = await openPage(relay.at.wsPort);
    // The test page answers every client at once, as the simulated server would.
    page.ws.on('message', (data) => {
      const e = JSON.parse(String(data)) as RelayEvent;
      if (e.type === 'open' && e.service === 'cristian') page.send({ type: 'write', conn: e.conn, time: Date.now(), deltaMs: null });
    });
    const got = await Promise.all(
      Array.from(
        { length: 200 },
        () =>
          new Promise<string>((resolve, reject) => {
            const s = net.connect({ host: '127.0.0.1', port: (relay as TestRelay).at.cristianPort });
            sockets.push(s);
            let data = '';
            s.on('data', (d) => {
              data += d.toString('latin1');
              s.end();
            });
            s.on('close', () => resolve(data));
            s.on('error', reject);
          }),
      ),
    );
    expect(got.filter((d) => parseTimestamp(d) !== null)).toHaveLength(200);
    expect(relay.relay.connections()).toHaveLength(0);
  }, 30_000);

  it('takes the page only from localhost or an allowed origin, caps message size, and survives bad page messages', async () => {
    relay = await startRelay({ allowOrigins: ['https://lab.example.org'] });
    const r = relay;
    await expect(openPage(r.at.wsPort, 'https://evil.example.com')).rejects.toThrow(/refused with HTTP 401/);
    expect(r.logs.some((l) => l.includes('refused a WebSocket from origin "https://evil.example.com"'))).toBe(true);
    await openPage(r.at.wsPort, 'https://lab.example.org');
    const page = await openPage(r.at.wsPort, 'http://localhost:5173');
    page.send('{not json');
    page.send({ type: 'write', conn: 'c999', time: 1, deltaMs: null });
    await until(() => r.logs.some((l) => l.includes('not connected: ignored')), 2000, 'the bad write line');
    expect(r.logs.some((l) => l.includes('message is not JSON'))).toBe(true);
    const closed = new Promise<number>((resolve) => page.ws.once('close', (code) => resolve(code)));
    page.send('x'.repeat(100_000));
    expect(await closed).toBe(1009);
    // A new page is served as before.
    const again = await openPage(r.at.wsPort, 'http://127.0.0.1:4209');
    expect(again.events[0]?.type).toBe('hello');
  });
});

describe('relay command line', () => {
  it('parses its flags and refuses bad ones with one line', () => {
    expect(parseRelayArgs([])).toMatchObject({
      kind: 'run',
      host: '127.0.0.1',
      cristianPort: 8011,
      berkeleyPort: 8080,
      wsPort: 8090,
      names: ['KMC', 'MIT', 'TAPMI', 'SOLS'],
    });
    expect(parseRelayArgs(['--upstream-cristian', '127.0.0.1:9011', '--names=MOBILE,LAPTOP', '--ws-port', '0'])).toMatchObject({
      upstreamCristian: { host: '127.0.0.1', port: 9011 },
      names: ['MOBILE', 'LAPTOP'],
      wsPort: 0,
    });
    expect(parseRelayArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseRelayArgs(['--bogus'])).toEqual({ kind: 'error', message: 'unknown option "--bogus" (see --help)' });
    expect(parseRelayArgs(['--cristian-port', '99999'])).toMatchObject({ kind: 'error' });
    expect(parseRelayArgs(['--upstream-berkeley', 'nowhere'])).toMatchObject({ kind: 'error' });
    expect(parseRelayArgs(['--names', 'A,A'])).toMatchObject({ kind: 'error' });
  });

  it('npm run relay exits 2 with one line on a bad flag', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile('npx', ['tsx', 'src/relay/main.ts', '--bogus'], (error, _stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr }),
      ),
    );
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual(['relay: unknown option "--bogus" (see --help)']);
  }, 20_000);
});
