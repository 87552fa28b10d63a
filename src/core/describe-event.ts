// One readable sentence per trace event, for the event log, the CLI and exported reports.
// Pure: it reads only the event and a way to name nodes, so the page, a worker or Node can
// all call it and get the same text.

import { assertNever } from './assert.ts';
import { formatSeconds, formatSignedMs } from './format.ts';
import type { LinkSettings } from './network.ts';
import type { UserAction } from './scenario.ts';
import type { DropReason, TraceEvent } from './trace.ts';

/** Groups thousands with commas, independently of the runtime's locale data: 30000 → "30,000". */
const groupThousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function formatSignedPpm(ppm: number): string {
  const rounded = Math.round(ppm);
  return `${rounded < 0 ? '-' : '+'}${groupThousands(Math.abs(rounded))} ppm`;
}

const percent = (p: number): string => `${Math.round(p * 1000) / 10}%`;

const dropReasons: Record<DropReason, string> = {
  loss: 'lost on the link',
  partition: 'blocked by a partition',
  cut: 'the link is cut',
  crashed: 'the receiver is crashed',
};

/** "latency 100 ms, loss 10%": the settings a link or network change sets, in a stable order. */
export function describeLinkPatch(patch: Partial<LinkSettings>): string {
  const parts: string[] = [];
  if (patch.latencyMs !== undefined) parts.push(`latency ${patch.latencyMs} ms`);
  if (patch.jitterMs !== undefined || patch.jitter !== undefined) {
    const amount = patch.jitterMs !== undefined ? ` ${patch.jitterMs} ms` : '';
    const dist = patch.jitter !== undefined ? ` ${patch.jitter}` : '';
    parts.push(`jitter${amount}${dist}`);
  }
  if (patch.loss !== undefined) parts.push(`loss ${percent(patch.loss)}`);
  if (patch.duplicate !== undefined) parts.push(`duplication ${percent(patch.duplicate)}`);
  if (patch.fifo !== undefined) parts.push(patch.fifo ? 'FIFO order' : 'no FIFO order');
  if (patch.up !== undefined) parts.push(patch.up ? 'link up' : 'link cut');
  return parts.length > 0 ? parts.join(', ') : 'no change';
}

function describeAction(action: UserAction, nameOf: (id: number) => string): string {
  switch (action.type) {
    case 'crash':
      return `user crashes ${nameOf(action.node)}`;
    case 'recover':
      return `user recovers ${nameOf(action.node)}`;
    case 'notice':
      return `user tells ${nameOf(action.node)} the coordinator has failed`;
    case 'request':
      return `user makes ${nameOf(action.node)} ask for the critical section`;
    case 'drift':
      return `user sets ${nameOf(action.node)} drift to ${formatSignedPpm(action.ppm)}`;
    case 'offset':
      return `user steps ${nameOf(action.node)} clock to ${formatSignedMs(action.offsetMs)} from true time`;
    case 'link':
      return `user sets link ${nameOf(action.from)} → ${nameOf(action.to)}: ${describeLinkPatch(action.patch)}`;
    case 'network':
      return `user sets every link: ${describeLinkPatch(action.patch)}`;
    case 'partition':
      return `user partitions the network: ${action.groups.map((g) => `{${g.map(nameOf).join(', ')}}`).join(' | ')}`;
    case 'heal':
      return 'user heals the partition';
    case 'attach':
      return `${nameOf(action.node)} is a real process at ${action.address}`;
    case 'detach':
      return `real ${nameOf(action.node)} went away: ${action.reason}`;
    case 'external':
      return action.note
        ? `real ${nameOf(action.node)}: ${action.note.text}`
        : `real ${nameOf(action.node)} sends ${action.sends.map((m) => `${m.msg.kind} to ${nameOf(m.to)}`).join(', ') || 'nothing'}`;
    default:
      return assertNever(action, 'user action');
  }
}

function describeBody(e: TraceEvent, nameOf: (id: number) => string): string {
  switch (e.type) {
    case 'node':
      return `${nameOf(e.node)} starts with clock ${formatSignedMs(e.clock.offsetMs)}, drift ${formatSignedPpm(e.clock.driftPpm)}`;
    case 'boot':
      return e.recovered ? `${nameOf(e.node)} recovered (incarnation ${e.incarnation})` : `${nameOf(e.node)} booted`;
    case 'send':
      return `${nameOf(e.node)} → ${nameOf(e.to)}  ${e.kind}`;
    case 'duplicate':
      return `message #${e.msgId} from ${nameOf(e.node)} duplicated, second copy due at ${formatSeconds(e.arrive)}`;
    case 'deliver':
      return `${nameOf(e.node)} got ${e.kind} from ${nameOf(e.from)}`;
    case 'drop':
      return `${nameOf(e.from)} → ${nameOf(e.node)}  ${e.kind} dropped: ${dropReasons[e.reason]}`;
    case 'timer':
      return `${nameOf(e.node)} timer ${e.key} fired`;
    case 'adjust':
      return e.mode === 'step'
        ? `${nameOf(e.node)} clock stepped ${formatSignedMs(e.deltaMs)}`
        : `${nameOf(e.node)} clock slewing ${formatSignedMs(e.deltaMs)}`;
    case 'role': {
      const name = nameOf(e.node);
      if (e.role === 'coordinator' || e.role === 'master') return `${name} is now ${e.role}`;
      if (e.leader === null) return `${name} is now ${e.role}, no leader known`;
      if (e.leader === e.node) return `${name} is now ${e.role}`;
      return `${name} is now ${e.role}, leader ${nameOf(e.leader)}`;
    }
    case 'note': {
      const name = nameOf(e.node);
      return e.text.startsWith(name) ? e.text : `${name}: ${e.text}`;
    }
    case 'crash':
      return `${nameOf(e.node)} crashed`;
    case 'action':
      return describeAction(e.action, nameOf);
    case 'fault':
      return `${nameOf(e.node)} failed in its host and is treated as crashed: ${e.error}`;
    default:
      return assertNever(e, 'trace event');
  }
}

/** One line for one trace event: true time in seconds, two spaces, then what happened. */
/** The sentence alone, without the time (for a table that gives the time a column of its own). */
export const describeEventBody = (e: TraceEvent, nameOf: (id: number) => string): string => describeBody(e, nameOf);

export function describeEvent(e: TraceEvent, nameOf: (id: number) => string): string {
  return `${formatSeconds(e.t)}  ${describeBody(e, nameOf)}`;
}
