// The relay (ARCHITECTURE.md §6): TCP in the lab programs' own wire format on one side, the page
// over a WebSocket on the other. It listens where the lab's servers did (Cristian 8011,
// Berkeley 8080) for the real clients and slaves, and dials real servers upstream when the
// page's simulated nodes talk to one. It knows nothing of the simulation: it names
// connections, splits and parses timestamps, writes the ones the page asks for, and keeps
// every socket from hurting the others. Rules the programs need (README of the programs):
// - bytes are split by the timestamp pattern (no delimiters); 26- and 19-byte forms;
// - never two timestamps back to back on one socket: their readers take one recv(1024) and
//   parse it whole, so writes to one socket are spaced (and a Cristian client gets one);
// - garbage, half timestamps, silent or non-reading peers and floods get one log line each
//   and cost bounded memory; nothing a peer sends can stop the relay.
// The WebSocket takes one page at a time (the newest), from localhost or an allowed origin.

import net from 'node:net';
import type { IncomingMessage } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { MAX_RELAY_MESSAGE_BYTES, type PageCommand, parsePageCommand, RELAY_PROTOCOL, type RelayEvent, type Service } from './protocol.ts';
import { formatTimestamp, parseTimestamp, preview, TimestampSplitter } from './timestamps.ts';

export interface HostPort {
  host: string;
  port: number;
}

export interface RelayOptions {
  host: string;
  cristianPort: number;
  berkeleyPort: number;
  wsPort: number;
  upstreamCristian: HostPort | null;
  upstreamBerkeley: HostPort | null;
  names: string[];
  /** Page origins accepted besides localhost ones (a hosted copy of the page). */
  allowOrigins?: string[];
  log?: (line: string) => void;
  /** The relay's clock (ms since the epoch); tests may pass their own. */
  clock?: () => number;
}

/** Limits that keep one bad peer from hurting the rest. */
export const LIMITS = {
  /** Open TCP connections in all; beyond, new ones are closed at once. */
  maxConnections: 512,
  /** Connections waiting for a free name. */
  maxWaiting: 256,
  /** A program that says nothing for this long is closed (a Berkeley slave pushes every 5 s). */
  idleMs: 30_000,
  /** A Cristian client still connected this long after its answer is closed. */
  lingerMs: 5_000,
  /** Bytes queued to a peer that does not read before it is dropped. */
  maxQueuedBytes: 64 * 1024,
  /** A held 19-byte timestamp (or half of one) is settled after this much silence. */
  settleMs: 150,
  /** Timestamps forwarded per connection at most this often (the rest only update the reading). */
  minForwardGapMs: 100,
  /** Dials that may be in progress at once, and how long one may take. */
  maxDials: 64,
  dialTimeoutMs: 3_000,
  /** At most one garbage line per connection this often. */
  garbageLogGapMs: 5_000,
} as const;

/** Gap between two timestamps written to one socket, by who reads them. */
const WRITE_GAP_MS: Record<'slave' | 'master', number> = {
  // The seed's slave is always blocked in recv: a second apart is two reads.
  slave: 1_000,
  // The seed's master reads each slave once and then sleeps 5 s: wait a little longer than that.
  master: 5_250,
};

interface Conn {
  id: string;
  service: Service;
  socket: net.Socket;
  dialed: boolean;
  ref: string | null;
  name: string | null;
  address: string;
  splitter: TimestampSplitter;
  /** The peer's latest timestamp and when it came (relay clock). */
  reading: { time: number; at: number } | null;
  announced: boolean;
  writes: number;
  lastWriteAt: number;
  pending: { time: number | null; deltaMs: number | null; queuedAt: number; timer: NodeJS.Timeout } | null;
  lastForwardAt: number;
  lastGarbageLogAt: number;
  dialStartedAt: number;
  settleTimer: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
  closed: boolean;
}

export interface RelayAddress {
  cristianPort: number;
  berkeleyPort: number;
  wsPort: number;
}

export class RelayServer {
  private readonly options: RelayOptions;
  private readonly clock: () => number;
  private readonly conns = new Map<string, Conn>();
  private readonly waiting: Conn[] = [];
  private readonly namesInUse = new Set<string>();
  private cristian: net.Server | null = null;
  private berkeley: net.Server | null = null;
  private wss: WebSocketServer | null = null;
  private page: WebSocket | null = null;
  private nextConn = 1;
  private dialsInProgress = 0;

  constructor(options: RelayOptions) {
    this.options = options;
    this.clock = options.clock ?? (() => Date.now());
  }

  private log(line: string): void {
    (this.options.log ?? ((l: string) => console.log(l)))(`relay: ${line}`);
    this.emit({ type: 'log', text: line, at: this.clock() });
  }

  async start(): Promise<RelayAddress> {
    const { host } = this.options;
    this.cristian = net.createServer((s) => this.accept(s, 'cristian'));
    this.berkeley = net.createServer((s) => this.accept(s, 'berkeley'));
    const cristianPort = await listen(this.cristian, host, this.options.cristianPort);
    const berkeleyPort = await listen(this.berkeley, host, this.options.berkeleyPort);
    const wss = new WebSocketServer({
      host,
      port: this.options.wsPort,
      maxPayload: MAX_RELAY_MESSAGE_BYTES,
      verifyClient: (info: { origin: string; req: IncomingMessage }) => this.originAllowed(info.origin, info.req),
    });
    this.wss = wss;
    await new Promise<void>((resolve, reject) => {
      wss.once('listening', resolve);
      wss.once('error', reject);
    });
    wss.on('error', (error) => this.log(`WebSocket server error: ${error.message}`));
    wss.on('connection', (ws, req) => this.attachPage(ws, req));
    const address = wss.address();
    const wsPort = typeof address === 'object' && address ? address.port : this.options.wsPort;
    return { cristianPort, berkeleyPort, wsPort };
  }

  async stop(): Promise<void> {
    for (const c of [...this.conns.values(), ...this.waiting]) this.drop(c, 'relay stopping', false);
    this.page?.close(1001, 'relay stopping');
    this.page = null;
    await Promise.all([
      close(this.cristian),
      close(this.berkeley),
      new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve())),
    ]);
    for (const client of this.wss?.clients ?? []) client.terminate();
  }

  /** Open connections by name (for tests and the log). */
  connections(): { id: string; service: Service; name: string | null; dialed: boolean }[] {
    return [...this.conns.values()].map((c) => ({ id: c.id, service: c.service, name: c.name, dialed: c.dialed }));
  }

  // ---- the page ----

  private originAllowed(origin: string | undefined, req: IncomingMessage): boolean {
    if (!origin) {
      // Not a browser (a browser always sends Origin): only from this machine.
      const remote = req.socket.remoteAddress ?? '';
      const ok = isLoopback(remote);
      if (!ok) this.log(`refused a WebSocket without an Origin from ${remote}`);
      return ok;
    }
    let hostname: string;
    try {
      hostname = new URL(origin).hostname;
    } catch {
      this.log(`refused a WebSocket from origin ${preview(origin, 60)}: not a URL`);
      return false;
    }
    if (hostname === 'localhost' || isLoopback(hostname.replace(/^\[|\]$/g, ''))) return true;
    if ((this.options.allowOrigins ?? []).includes(origin)) return true;
    this.log(`refused a WebSocket from origin ${preview(origin, 60)} (allow it with --allow-origin)`);
    return false;
  }

  private attachPage(ws: WebSocket, req: IncomingMessage): void {
    const previous = this.page;
    this.page = ws;
    const { upstreamCristian: uc, upstreamBerkeley: ub } = this.options;
    this.send(ws, {
      type: 'hello',
      version: RELAY_PROTOCOL,
      now: this.clock(),
      names: this.options.names,
      host: this.options.host,
      cristianPort: addressPort(this.cristian) ?? this.options.cristianPort,
      berkeleyPort: addressPort(this.berkeley) ?? this.options.berkeleyPort,
      upstream: { cristian: uc ? `${uc.host}:${uc.port}` : null, berkeley: ub ? `${ub.host}:${ub.port}` : null },
    });
    // The hello comes first: the page knows it is a relay before it reads anything else.
    if (previous) {
      previous.close(4000, 'another page connected to the relay');
      this.log('another page connected; the previous one is disconnected');
    }
    this.log(`page connected from ${req.headers.origin ?? req.socket.remoteAddress ?? 'unknown'}`);
    // Programs already connected appear on the new page at once; dialed ones belonged to the old page.
    for (const c of [...this.conns.values()]) {
      if (c.dialed) this.drop(c, 'the page that dialed it went away', false);
      else {
        c.announced = false;
        this.announce(c);
      }
    }
    ws.on('message', (data, isBinary) => {
      if (ws !== this.page) return;
      if (isBinary) return this.log('ignored a binary WebSocket message from the page');
      const parsed = parsePageCommand(rawText(data));
      if (!parsed.ok) return this.log(`ignored a page message: ${parsed.error}`);
      this.command(parsed.value);
    });
    ws.on('close', () => {
      if (this.page !== ws) return;
      this.page = null;
      this.log('page disconnected; programs stay connected and wait for a page');
      for (const c of [...this.conns.values()]) if (c.dialed) this.drop(c, 'the page went away', false);
    });
    ws.on('error', (error) => this.log(`page WebSocket error: ${error.message}`));
  }

  private send(ws: WebSocket, event: RelayEvent): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(event));
  }

  private emit(event: RelayEvent): void {
    if (this.page) this.send(this.page, event);
  }

  private command(cmd: PageCommand): void {
    switch (cmd.type) {
      case 'write':
        return this.write(cmd.conn, cmd.time, cmd.deltaMs);
      case 'dial':
        return this.dial(cmd.service, cmd.ref);
      case 'close': {
        const c = this.conns.get(cmd.conn);
        if (c) this.drop(c, 'closed by the page', true);
        return;
      }
    }
  }

  // ---- connections ----

  private newConn(socket: net.Socket, service: Service, dialed: boolean, ref: string | null, address: string): Conn {
    return {
      id: `${dialed ? 'd' : 'c'}${this.nextConn++}`,
      service,
      socket,
      dialed,
      ref,
      name: null,
      address,
      splitter: new TimestampSplitter(),
      reading: null,
      announced: false,
      writes: 0,
      lastWriteAt: -Infinity,
      pending: null,
      lastForwardAt: -Infinity,
      lastGarbageLogAt: -Infinity,
      dialStartedAt: this.clock(),
      settleTimer: null,
      idleTimer: null,
      closed: false,
    };
  }

  private accept(socket: net.Socket, service: Service): void {
    const address = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    socket.setNoDelay(true);
    if (this.conns.size + this.waiting.length >= LIMITS.maxConnections) {
      this.log(`${service} connection from ${address} refused: ${LIMITS.maxConnections} connections already open`);
      socket.destroy();
      return;
    }
    const c = this.newConn(socket, service, false, null, address);
    this.wire(c);
    const name = this.freeName();
    if (name === null) {
      if (this.waiting.length >= LIMITS.maxWaiting) {
        this.log(`${service} connection from ${address} refused: every name is taken and ${LIMITS.maxWaiting} are waiting`);
        this.drop(c, 'no free name', false);
        return;
      }
      this.waiting.push(c);
      this.log(`${service} program at ${address} waits: every name (${this.options.names.join(', ')}) is connected`);
      return;
    }
    this.admit(c, name);
  }

  private freeName(): string | null {
    return this.options.names.find((n) => !this.namesInUse.has(n)) ?? null;
  }

  private admit(c: Conn, name: string): void {
    c.name = name;
    this.namesInUse.add(name);
    this.conns.set(c.id, c);
    this.log(`${c.service} program at ${c.address} connected as ${name}`);
    this.announce(c);
  }

  private announce(c: Conn): void {
    if (!this.page || c.announced || c.closed) return;
    c.announced = true;
    this.emit({
      type: 'open',
      conn: c.id,
      service: c.service,
      dialed: c.dialed,
      name: c.name,
      ref: c.ref,
      address: c.address,
      at: this.clock(),
    });
    if (c.reading && !c.dialed) this.forwardReading(c, formatTimestamp(c.reading.time), c.reading.at);
  }

  private wire(c: Conn): void {
    const { socket } = c;
    this.touch(c);
    socket.on('data', (chunk: Buffer) => this.receive(c, chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => this.drop(c, error.code ?? error.message, true));
    socket.on('close', () => this.drop(c, 'the program closed the connection', true));
  }

  private touch(c: Conn): void {
    if (c.idleTimer) clearTimeout(c.idleTimer);
    c.idleTimer = setTimeout(() => this.drop(c, `nothing from it for ${LIMITS.idleMs / 1000} s`, true), LIMITS.idleMs);
    c.idleTimer.unref();
  }

  private receive(c: Conn, chunk: Buffer): void {
    if (c.closed) return;
    this.touch(c);
    // latin1 maps each byte to one character, so any bytes at all are safe to scan.
    const split = c.splitter.push(chunk.toString('latin1'));
    this.take(c, split.stamps, split.garbage);
    if (c.settleTimer) clearTimeout(c.settleTimer);
    c.settleTimer = null;
    if (c.splitter.pending > 0) {
      c.settleTimer = setTimeout(() => {
        c.settleTimer = null;
        const rest = c.splitter.flush();
        if (rest.garbage) this.log(`${this.who(c)} sent half a timestamp ${preview(rest.garbage)} and stopped: ignored`);
        this.take(c, rest.stamps, '');
      }, LIMITS.settleMs);
      c.settleTimer.unref();
    }
  }

  private take(c: Conn, stamps: string[], garbage: string): void {
    const now = this.clock();
    if (garbage && now - c.lastGarbageLogAt >= LIMITS.garbageLogGapMs) {
      c.lastGarbageLogAt = now;
      this.log(
        `${this.who(c)} sent ${garbage.length} byte${garbage.length === 1 ? '' : 's'} that are not a timestamp ${preview(garbage)}: ignored`,
      );
    }
    for (const stamp of stamps) {
      const time = parseTimestamp(stamp);
      if (time === null) {
        this.log(`${this.who(c)} sent ${preview(stamp)}, which is not a real date and time: ignored`);
        continue;
      }
      if (c.service === 'cristian' && !c.dialed) {
        this.log(`${this.who(c)} sent a timestamp; a Cristian client only listens: ignored`);
        continue;
      }
      c.reading = { time, at: now };
      if (c.announced) this.forwardReading(c, stamp, now);
      if (c.service === 'cristian' && c.dialed) this.drop(c, 'answered', true); // one timestamp per connection, as the seed's client
    }
  }

  private forwardReading(c: Conn, stamp: string, at: number): void {
    if (!c.reading) return;
    if (at - c.lastForwardAt < LIMITS.minForwardGapMs) return;
    c.lastForwardAt = at;
    const rttMs = c.dialed ? at - c.dialStartedAt : null;
    this.emit({ type: 'time', conn: c.id, stamp, time: c.reading.time, at, rttMs });
  }

  private who(c: Conn): string {
    return `${c.name ?? (c.dialed ? `upstream ${c.service} server` : c.service + ' program')} (${c.address})`;
  }

  private drop(c: Conn, reason: string, logIt: boolean): void {
    if (c.closed) return;
    c.closed = true;
    if (c.settleTimer) clearTimeout(c.settleTimer);
    if (c.idleTimer) clearTimeout(c.idleTimer);
    if (c.pending) clearTimeout(c.pending.timer);
    c.socket.destroy();
    const waitingAt = this.waiting.indexOf(c);
    if (waitingAt >= 0) this.waiting.splice(waitingAt, 1);
    const wasOpen = this.conns.delete(c.id);
    if (logIt && reason !== 'answered') this.log(`${this.who(c)} closed: ${reason}`);
    if (wasOpen && c.announced) this.emit({ type: 'close', conn: c.id, ref: c.ref, reason, at: this.clock() });
    if (c.name !== null) {
      this.namesInUse.delete(c.name);
      const next = this.waiting.shift();
      if (next) this.admit(next, c.name);
    }
  }

  // ---- writing ----

  private write(connId: string, time: number | null, deltaMs: number | null): void {
    const c = this.conns.get(connId);
    if (!c || c.closed) return this.log(`the page wrote to ${connId}, which is not connected: ignored`);
    if (time === null && deltaMs === null) return this.log(`the page wrote nothing to ${this.who(c)}: ignored`);
    if (c.service === 'cristian') {
      if (c.dialed) return this.log(`the page wrote to upstream Cristian server ${c.address}, which only answers: ignored`);
      if (c.writes > 0) return this.log(`${this.who(c)} already has its answer; a Cristian client reads one timestamp: not sent`);
      this.writeNow(c, time, deltaMs, this.clock());
      const linger = setTimeout(() => this.drop(c, `still connected ${LIMITS.lingerMs / 1000} s after its answer`, true), LIMITS.lingerMs);
      linger.unref();
      return;
    }
    const gap = WRITE_GAP_MS[c.dialed ? 'master' : 'slave'];
    const now = this.clock();
    const due = c.lastWriteAt + gap;
    if (now >= due && !c.pending) return this.writeNow(c, time, deltaMs, now);
    // Too soon after the last one: the newest request waits, so the reader never gets two at once.
    if (c.pending) clearTimeout(c.pending.timer);
    const timer = setTimeout(
      () => {
        const p = c.pending;
        c.pending = null;
        if (!p || c.closed) return;
        const at = this.clock();
        // An absolute time ages while it waits.
        this.writeNow(c, p.time === null ? null : p.time + (at - p.queuedAt), p.deltaMs, at);
      },
      Math.max(0, due - now),
    );
    timer.unref();
    c.pending = { time, deltaMs, queuedAt: now, timer };
  }

  private writeNow(c: Conn, time: number | null, deltaMs: number | null, now: number): void {
    // The program's own clock now: its last timestamp plus the time since (the relay's clock if it sent none).
    const own = c.reading ? c.reading.time + (now - c.reading.at) : now;
    const value = time ?? own + (deltaMs ?? 0);
    const stamp = formatTimestamp(value);
    if (c.socket.writableLength > LIMITS.maxQueuedBytes) {
      this.drop(c, `it is not reading (${c.socket.writableLength} bytes queued)`, true);
      return;
    }
    c.socket.write(stamp, 'latin1');
    c.writes++;
    c.lastWriteAt = now;
    this.emit({ type: 'wrote', conn: c.id, stamp, at: now });
  }

  // ---- dialing upstream ----

  private dial(service: Service, ref: string): void {
    const target = service === 'cristian' ? this.options.upstreamCristian : this.options.upstreamBerkeley;
    const failed = (reason: string): void => {
      this.log(`could not reach the upstream ${service} server: ${reason}`);
      this.emit({ type: 'close', conn: `ref:${ref}`, ref, reason, at: this.clock() });
    };
    if (!target) return failed(`no --upstream-${service} was given`);
    if (this.dialsInProgress >= LIMITS.maxDials) return failed(`${LIMITS.maxDials} connections are already being made`);
    this.dialsInProgress++;
    const socket = net.connect({ host: target.host, port: target.port });
    socket.setNoDelay(true);
    const c = this.newConn(socket, service, true, ref, `${target.host}:${target.port}`);
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      this.dialsInProgress--;
      clearTimeout(timeout);
    };
    const timeout = setTimeout(() => {
      settle();
      socket.destroy();
      failed(`${c.address} did not answer within ${LIMITS.dialTimeoutMs / 1000} s`);
    }, LIMITS.dialTimeoutMs);
    timeout.unref();
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settle();
      failed(`${c.address}: ${error.code ?? error.message}`);
    });
    socket.once('connect', () => {
      if (settled) return;
      settle();
      c.dialStartedAt = this.clock();
      this.conns.set(c.id, c);
      this.wire(c);
      c.announced = true;
      this.emit({ type: 'open', conn: c.id, service, dialed: true, name: null, ref, address: c.address, at: c.dialStartedAt });
    });
  }
}

function listen(server: net.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve(addressPort(server) ?? port);
    });
  });
}

function addressPort(server: net.Server | null): number | null {
  const address = server?.address();
  return typeof address === 'object' && address ? address.port : null;
}

function close(server: net.Server | null): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function rawText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return '';
}
