// The worker host: every live node runs in its own dedicated module Web Worker that holds
// the node's machine state (ARCHITECTURE.md §1). Crashing a node terminates its worker for real;
// recovering it starts a fresh one (its incarnation and random stream come with the boot
// call, see NodeRuntime). A worker that throws, fails to load or misses its deadline is
// terminated and its call rejects, which the lockstep driver turns into `sim.fault`, so the
// simulation goes on without it. `runLockstep` (lockstep.ts) drives a simulation on it.

import type { NodeCall, NodeCheckpoint, NodeId, NodeReply, NodeRuntimeInit, Scenario } from '../core/index.ts';
import type { NodeHost } from './host.ts';
import { nodeNames } from './inline.ts';
import { encodeCall, type HostToNode, type NodeToHost, PROTOCOL_VERSION, replyDecoder, type ReplyPacket } from './protocol.ts';

export interface WorkerHostOptions {
  /** How long a call may take before its worker is terminated and the node faulted (ms). */
  deadlineMs?: number;
  /** How long a new worker may take to load and answer init (ms); loading 128 at once is slow. */
  startDeadlineMs?: number;
  /** Workers kept loaded and idle, so a recovery need not wait for a script to load. */
  spares?: number;
  /** Makes a worker; tests substitute faulty ones. Without it, idle workers are taken first and given back at dispose. */
  spawn?: () => Worker;
}

export const DEFAULT_DEADLINE_MS = 2000;
const DEFAULT_START_DEADLINE_MS = 20_000;

const spawnNodeWorker = (): Worker => new Worker(new URL('./node.worker.ts', import.meta.url), { type: 'module' });

// Loaded node workers that no host holds: started ahead of the first host (the lab page starts
// its first scenario's while React renders its first frame), or left idle by a disposed host
// for the next run (a reset, another scenario). Starting a worker (a thread, an isolate, the
// script) is most of a host's start-up; one a host takes gets `init` like a new one, so it
// keeps nothing of its last node. Idle workers not taken within IDLE_MS are ended.
const idle: Worker[] = [];
const IDLE_MS = 10_000;
const MAX_IDLE = 128;
let trim: ReturnType<typeof setTimeout> | undefined;

function keepIdle(worker: Worker): void {
  if (idle.length >= MAX_IDLE) {
    worker.terminate();
    return;
  }
  worker.onmessage = null;
  worker.onmessageerror = null;
  worker.onerror = (event) => {
    event.preventDefault();
    idle.splice(idle.indexOf(worker) >>> 0, 1);
    worker.terminate();
  };
  idle.push(worker);
  clearTimeout(trim);
  trim = setTimeout(() => {
    for (const w of idle.splice(0)) w.terminate();
  }, IDLE_MS);
}

/** Starts node workers before any host asks for them, up to `count` idle ones in all. */
export function prestartNodeWorkers(count: number): void {
  while (idle.length < Math.min(count, MAX_IDLE)) keepIdle(spawnNodeWorker());
}

/** How many loaded node workers wait for a host. */
export const idleNodeWorkers = (): number => idle.length;

const takeNodeWorker = (): Worker => idle.shift() ?? spawnNodeWorker();

type Command = Exclude<HostToNode, unknown[]>;
type Answer<T extends Expected> = T extends 'reply' ? ReplyPacket : Extract<NodeToHost, { type: T }>;
/** What a command is answered with: an object's type, or 'reply' for a call's flat packet. */
type Expected = Exclude<NodeToHost, unknown[]>['type'] | 'reply';

interface Pending {
  expect: Expected;
  deadlineAt: number;
  resolve: (answer: NodeToHost) => void;
  reject: (error: Error) => void;
}

/** One worker and the requests waiting on it. */
class NodeChannel {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed: string | null = null;
  private readonly replies = replyDecoder();

  constructor(
    readonly worker: Worker,
    private readonly onClose: (channel: NodeChannel) => void,
  ) {
    worker.onmessage = (event: MessageEvent<NodeToHost>) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.close(`worker error: ${event.message || 'the script failed to load or threw'}`);
    };
    worker.onmessageerror = () => this.close('worker sent a message that could not be read');
  }

  get alive(): boolean {
    return this.closed === null;
  }

  request<T extends Exclude<Expected, 'reply'>>(
    command: DistributiveOmit<Command, 'id'>,
    expect: T,
    timeoutMs: number,
  ): Promise<Answer<T>> {
    if (command.type === 'init' || command.type === 'restore') this.replies.reset();
    return this.send((id) => ({ ...command, id }) as Command, expect, timeoutMs);
  }

  /** One node call, posted flat (protocol.ts). */
  call(call: NodeCall, timeoutMs: number, speculative: boolean): Promise<NodeReply> {
    return this.send((id) => encodeCall(id, call, speculative), 'reply', timeoutMs).then((packet) => this.replies.decode(packet));
  }

  private send<T extends Expected>(message: (id: number) => HostToNode, expect: T, timeoutMs: number): Promise<Answer<T>> {
    if (this.closed !== null) return Promise.reject(new Error(this.closed));
    const id = this.nextId++;
    return new Promise<Answer<T>>((resolve, reject) => {
      this.pending.set(id, { expect, deadlineAt: performance.now() + timeoutMs, resolve: resolve as (a: NodeToHost) => void, reject });
      this.worker.postMessage(message(id));
    });
  }

  private receive(answer: NodeToHost): void {
    const packet = Array.isArray(answer);
    const waiting = this.pending.get(packet ? answer[0] : answer.id);
    if (!waiting) {
      if (!packet && answer.type === 'error') this.close(answer.message);
      return;
    }
    this.pending.delete(packet ? answer[0] : answer.id);
    const type = packet ? 'reply' : answer.type;
    if (!packet && answer.type === 'error') {
      waiting.reject(new Error(answer.message));
      // A node whose machine threw is faulted: it is treated as crashed, so its worker goes
      // (a speculative call's error waits for the driver: the call may never happen).
      if (!answer.kept) this.close(answer.message);
    } else if (type !== waiting.expect) {
      waiting.reject(new Error(`worker answered ${type} where ${waiting.expect} was due`));
      this.close('protocol error');
    } else waiting.resolve(answer);
  }

  /** Terminates the worker if any request is past its deadline. */
  checkDeadlines(now: number): void {
    for (const p of this.pending.values())
      if (p.deadlineAt <= now) {
        this.close(`no answer within the deadline (${p.expect} due)`);
        return;
      }
  }

  close(reason: string): void {
    if (this.closed !== null) return;
    this.closed = reason;
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
    this.onClose(this);
  }

  /** Closes the channel but hands back its worker when nothing is waiting on it (else null: it is ended). */
  release(): Worker | null {
    if (this.closed !== null) return null;
    if (this.pending.size > 0) {
      this.close('host disposed');
      return null;
    }
    this.closed = 'host disposed';
    this.onClose(this);
    return this.worker;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class WorkerHost implements NodeHost {
  private readonly channels = new Map<NodeId, NodeChannel>();
  /** Nodes whose fresh worker is still starting: the boot call waits on this. */
  private readonly starting = new Map<NodeId, Promise<NodeChannel>>();
  private readonly spares: NodeChannel[] = [];
  private readonly live = new Set<NodeChannel>();
  private readonly watchdog: ReturnType<typeof setInterval>;
  private readonly deadlineMs: number;
  private readonly startDeadlineMs: number;
  private readonly spareCount: number;
  private readonly spawn: () => Worker;
  /** Whether this host's workers come from (and go back to) the idle pool. */
  private readonly pooled: boolean;
  private readonly names: Record<number, string>;
  /** Every id, ascending, sorted once (each worker gets its own copy through postMessage). */
  private readonly ids: readonly NodeId[];
  private disposed = false;
  /** Resolves once every node's first worker answered init. */
  readonly ready: Promise<void>;

  constructor(
    private readonly scenario: Scenario,
    private readonly seed: number,
    options: WorkerHostOptions = {},
  ) {
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.startDeadlineMs = options.startDeadlineMs ?? DEFAULT_START_DEADLINE_MS;
    this.spareCount = options.spares ?? 0;
    this.spawn = options.spawn ?? takeNodeWorker;
    this.pooled = options.spawn === undefined;
    this.names = nodeNames(scenario);
    this.ids = scenario.nodes.map((n) => n.id).sort((a, b) => a - b);
    // One watchdog for every pending request: cheaper than a timer per call at 20,000 calls/s.
    const tick = Math.max(10, Math.min(250, this.deadlineMs / 4));
    this.watchdog = setInterval(() => {
      const now = performance.now();
      for (const channel of [...this.live]) channel.checkDeadlines(now);
    }, tick);
    // Every node's worker starts at once: module loading overlaps across workers.
    const starts = scenario.nodes.map((spec) => this.start(spec.id));
    while (this.spares.length < this.spareCount) this.spares.push(this.open());
    this.ready = Promise.all(starts).then(() => undefined);
    // A node whose worker fails to start is faulted at its first call; `ready` must not reject unheard.
    this.ready.catch(() => undefined);
  }

  /** Waits until every node's worker is loaded and initialised. */
  static async create(scenario: Scenario, seed: number, options: WorkerHostOptions = {}): Promise<WorkerHost> {
    const host = new WorkerHost(scenario, seed, options);
    try {
      await host.ready;
    } catch (error) {
      host.dispose();
      throw error;
    }
    return host;
  }

  /** Workers running now (one per live node, plus idle spares). */
  get workerCount(): number {
    return this.live.size;
  }

  private open(): NodeChannel {
    const channel = new NodeChannel(this.spawn(), (closed) => this.live.delete(closed));
    this.live.add(channel);
    return channel;
  }

  private runtimeInit(node: NodeId): NodeRuntimeInit {
    return {
      self: node,
      ids: this.ids,
      algorithm: this.scenario.algorithm,
      seed: this.seed,
      names: this.names,
      slewRate: this.scenario.slewRate,
    };
  }

  /** Gives `node` a fresh worker (a spare if one is loaded) and initialises it. */
  private start(node: NodeId): Promise<NodeChannel> {
    const channel = this.spares.shift() ?? this.open();
    if (!this.disposed && this.spares.length < this.spareCount) this.spares.push(this.open());
    this.channels.set(node, channel);
    const started = channel
      .request({ type: 'init', version: PROTOCOL_VERSION, init: this.runtimeInit(node) }, 'ready', this.startDeadlineMs)
      .then(() => channel)
      .finally(() => {
        if (this.starting.get(node) === started) this.starting.delete(node);
      });
    this.starting.set(node, started);
    return started;
  }

  call(call: NodeCall, speculative = false): Promise<NodeReply> {
    let channel = this.channels.get(call.node);
    if (call.input.type === 'boot' && call.incarnation > 0 && !this.starting.has(call.node) && channel?.alive !== true) {
      this.start(call.node);
      channel = this.channels.get(call.node);
    }
    if (!channel || !channel.alive) return Promise.reject(new Error(`node ${call.node} has no running worker`));
    const ready = this.starting.get(call.node);
    const live = channel;
    if (!ready) return live.call(call, this.deadlineMs, speculative);
    return ready.then(() => live.call(call, this.deadlineMs, speculative));
  }

  undo(node: NodeId): void {
    const channel = this.channels.get(node);
    if (!channel?.alive) return;
    // Behind a starting worker's init like the call it undoes, so it reaches the worker after it.
    const ready = this.starting.get(node);
    const send = (): Promise<unknown> => channel.request({ type: 'undo' }, 'undone', this.deadlineMs);
    (ready ? ready.then(send) : send()).catch(() => undefined);
  }

  crash(node: NodeId): void {
    const channel = this.channels.get(node);
    this.channels.delete(node);
    this.starting.delete(node);
    channel?.close('crashed');
  }

  async describe(node: NodeId): Promise<string | null> {
    const channel = this.channels.get(node);
    if (!channel?.alive) return null;
    try {
      await this.starting.get(node);
      return (await channel.request({ type: 'describe' }, 'description', this.deadlineMs)).text;
    } catch {
      return null;
    }
  }

  async snapshot(node: NodeId): Promise<NodeCheckpoint | null> {
    const channel = this.channels.get(node);
    if (!channel?.alive) return null;
    return (await channel.request({ type: 'snapshot' }, 'snapshot', this.deadlineMs)).checkpoint;
  }

  async restore(node: NodeId, checkpoint: NodeCheckpoint): Promise<void> {
    const channel = this.channels.get(node);
    if (!channel?.alive) throw new Error(`node ${node} has no running worker`);
    await channel.request({ type: 'restore', checkpoint }, 'snapshot', this.deadlineMs);
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.watchdog);
    for (const channel of [...this.live]) {
      if (!this.pooled) channel.close('host disposed');
      else {
        const worker = channel.release();
        if (worker) keepIdle(worker);
      }
    }
    this.channels.clear();
    this.starting.clear();
    this.spares.length = 0;
  }
}
