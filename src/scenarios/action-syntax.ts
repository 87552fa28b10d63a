// The one text form of a user action, shared by the CLI's `--action` and the page's URL
// (`actions=1800:crash:9,2000:notice:2`): `<ms>:<verb>[:<target>]`, true time in ms first.
//
//   node verbs, target a node id:   crash  recover  notice  request  drift=<ppm>  offset=<ms>
//                                   (notice and request only where the scenario's algorithm takes them)
//   link verbs, target <from>-<to> (the directed link) or `all` (every link's defaults):
//                                   cut  restore  or settings joined by ';':
//                                   latency=<ms> jitter=<ms> shape=<none|uniform|normal|exponential>
//                                   loss=<0..1> dup=<0..1> fifo=<on|off> up=<on|off>
//   partition:<ids>/<ids>/...       groups of node ids joined by '.', e.g. 2400:partition:1.2.3/4.5
//   heal                            ends the partition
//
// Pure: parse gives the action or one sentence saying what is wrong with it; format gives
// back the same text, so a URL written from a run parses to the same actions. Characters
// used (digits, letters, : ; = . / - ,) need no escaping in a query string.

import {
  algorithmFor,
  type JitterDistribution,
  type LinkSettings,
  MAX_ACTIONS,
  MAX_DRIFT_PPM,
  MAX_LINK_MS,
  MAX_OFFSET_MS,
  MAX_RUN_MS,
  type NodeId,
  type Scenario,
  type UserAction,
} from '../core/index.ts';

export { MAX_ACTIONS, MAX_DRIFT_PPM, MAX_LINK_MS, MAX_OFFSET_MS } from '../core/index.ts';
/** Longest raw text echoed back in a message, so a huge argument cannot flood the page. */
const ECHO_LIMIT = 40;

export type ParsedAction = { action: UserAction } | { error: string };

export const ACTION_SYNTAX = '<ms>:<verb>[:<target>], e.g. 1800:crash:9, 2000:drift=20000:2, 2500:latency=500:all';

export function echo(raw: string): string {
  return JSON.stringify(raw.length > ECHO_LIMIT ? `${raw.slice(0, ECHO_LIMIT)}…` : raw);
}

/** A plain decimal number, optionally with an exponent: no hex, no "Infinity", no empty string. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
export const parseDecimal = (text: string): number | null => {
  if (!DECIMAL.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
};

const DISTRIBUTIONS: readonly JitterDistribution[] = ['none', 'uniform', 'normal', 'exponential'];
const NODE_VERBS = 'crash, recover, notice, request, drift=<ppm>, offset=<ms>';
const LINK_FIELDS = 'latency, jitter, shape, loss, dup, fifo, up';

type Fail = (why: string) => { error: string };

/** The settings of a link verb ("latency=500;loss=0.1", "cut", "restore"), or why not. */
function parsePatch(verb: string, fail: Fail): Partial<LinkSettings> | { error: string } {
  if (verb === 'cut') return { up: false };
  if (verb === 'restore') return { up: true };
  const patch: Partial<LinkSettings> = {};
  for (const part of verb.split(';')) {
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    const number = parseDecimal(value);
    const onOff = value === 'on' ? true : value === 'off' ? false : null;
    switch (name) {
      case 'latency':
      case 'jitter':
        if (number === null || number < 0 || number > MAX_LINK_MS)
          return fail(`${name} ${echo(value)} is not a number of ms from 0 to ${MAX_LINK_MS}`);
        patch[name === 'latency' ? 'latencyMs' : 'jitterMs'] = number;
        break;
      case 'loss':
      case 'dup':
        if (number === null || number < 0 || number > 1) return fail(`${name} ${echo(value)} is not a probability from 0 to 1`);
        patch[name === 'loss' ? 'loss' : 'duplicate'] = number;
        break;
      case 'shape':
        if (!(DISTRIBUTIONS as readonly string[]).includes(value))
          return fail(`shape ${echo(value)} is not one of ${DISTRIBUTIONS.join(', ')}`);
        patch.jitter = value as JitterDistribution;
        break;
      case 'fifo':
      case 'up':
        if (onOff === null) return fail(`${name} ${echo(value)} is not on or off`);
        patch[name] = onOff;
        break;
      default:
        return fail(`unknown verb ${echo(part)} (node verbs: ${NODE_VERBS}; link settings: ${LINK_FIELDS}; cut, restore, partition, heal)`);
    }
  }
  return patch;
}

/** A node id of the scenario (or of any shape when no scenario is given), or why not. */
function parseNode(text: string, scenario: Scenario | null, fail: Fail): NodeId | { error: string } {
  if (!/^\d{1,6}$/.test(text)) return fail(`the node ${echo(text)} is not a node id`);
  const node = Number(text);
  if (scenario && !scenario.nodes.some((n) => n.id === node)) {
    return fail(`${scenario.id} has no node ${node} (nodes: ${scenario.nodes.map((n) => n.id).join(', ')})`);
  }
  return node;
}

const failed = (x: unknown): x is { error: string } => typeof x === 'object' && x !== null && 'error' in x;

/**
 * Parses one action. With a scenario, node ids must be its nodes; without, only their shape
 * is checked. The error says what is wrong in words that fit after "the action …:".
 */
export function parseAction(text: string, scenario: Scenario | null = null): ParsedAction {
  const fail: Fail = (why) => ({ error: `${echo(text)}: ${why}` });
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3) return fail(`expected ${ACTION_SYNTAX}`);
  const [atText, verb, target] = parts as [string, string, string | undefined];
  const at = parseDecimal(atText);
  if (at === null || at < 0 || at > MAX_RUN_MS)
    return fail(`the time ${echo(atText)} is not a number of ms from 0 to ${MAX_RUN_MS} (24 h)`);

  if (verb === 'heal') {
    if (target !== undefined && target !== 'all') return fail('heal takes no target (it ends the partition)');
    return { action: { at, type: 'heal' } };
  }
  if (target === undefined) return fail(`${echo(verb)} needs a target after a second ":" (a node id, a link like 2-5, or all)`);

  if (verb === 'partition') {
    const groups: NodeId[][] = [];
    const seen = new Set<NodeId>();
    for (const groupText of target.split('/')) {
      const group: NodeId[] = [];
      for (const idText of groupText.split('.')) {
        const node = parseNode(idText, scenario, fail);
        if (failed(node)) return node;
        if (seen.has(node)) return fail(`node ${node} is in two groups`);
        seen.add(node);
        group.push(node);
      }
      groups.push(group);
    }
    return { action: { at, type: 'partition', groups } };
  }

  if (verb === 'notice' || verb === 'request') {
    // Verbs an algorithm answers (an election's notice, a mutex's request) only where it does.
    const verbs: readonly string[] = scenario ? algorithmFor(scenario.algorithm.id).verbs : [verb];
    if (!verbs.includes(verb)) {
      const takes = verbs.length > 0 ? `it takes ${verbs.join(', ')}` : 'it takes none of notice, request';
      return fail(`${scenario?.id ?? ''} runs ${scenario?.algorithm.id ?? ''}, which has no ${verb} (${takes})`);
    }
  }
  if (
    verb === 'crash' ||
    verb === 'recover' ||
    verb === 'notice' ||
    verb === 'request' ||
    verb.startsWith('drift=') ||
    verb.startsWith('offset=')
  ) {
    const node = parseNode(target, scenario, fail);
    if (failed(node)) return node;
    if (verb === 'crash' || verb === 'recover' || verb === 'notice' || verb === 'request') return { action: { at, type: verb, node } };
    const eq = verb.indexOf('=');
    const name = verb.slice(0, eq);
    const valueText = verb.slice(eq + 1);
    const value = parseDecimal(valueText);
    if (name === 'drift') {
      if (value === null || Math.abs(value) > MAX_DRIFT_PPM) {
        return fail(`the drift ${echo(valueText)} is not a number of ppm from -${MAX_DRIFT_PPM} to ${MAX_DRIFT_PPM}`);
      }
      return { action: { at, type: 'drift', node, ppm: value } };
    }
    if (value === null || Math.abs(value) > MAX_OFFSET_MS) {
      return fail(`the offset ${echo(valueText)} is not a number of ms from -${MAX_OFFSET_MS} to ${MAX_OFFSET_MS}`);
    }
    return { action: { at, type: 'offset', node, offsetMs: value } };
  }

  const patch = parsePatch(verb, fail);
  if (failed(patch)) return patch;
  if (target === 'all') return { action: { at, type: 'network', patch } };
  const link = /^(\d{1,6})-(\d{1,6})$/.exec(target);
  if (!link) return fail(`the target ${echo(target)} of a link setting is not a link like 2-5 (from 2 to 5) or all`);
  const from = parseNode(link[1] as string, scenario, fail);
  if (failed(from)) return from;
  const to = parseNode(link[2] as string, scenario, fail);
  if (failed(to)) return to;
  if (from === to) return fail(`a link joins two different nodes, not ${from} and ${to}`);
  return { action: { at, type: 'link', from, to, patch } };
}

const onOff = (b: boolean): string => (b ? 'on' : 'off');

function formatPatch(patch: Partial<LinkSettings>): string {
  const keys = Object.keys(patch).filter((k) => patch[k as keyof LinkSettings] !== undefined);
  if (keys.length === 1 && patch.up !== undefined) return patch.up ? 'restore' : 'cut';
  const parts: string[] = [];
  if (patch.latencyMs !== undefined) parts.push(`latency=${patch.latencyMs}`);
  if (patch.jitterMs !== undefined) parts.push(`jitter=${patch.jitterMs}`);
  if (patch.jitter !== undefined) parts.push(`shape=${patch.jitter}`);
  if (patch.loss !== undefined) parts.push(`loss=${patch.loss}`);
  if (patch.duplicate !== undefined) parts.push(`dup=${patch.duplicate}`);
  if (patch.fifo !== undefined) parts.push(`fifo=${onOff(patch.fifo)}`);
  if (patch.up !== undefined) parts.push(`up=${onOff(patch.up)}`);
  return parts.join(';');
}

/**
 * The text form of an action; parseAction(formatAction(a)) gives `a` back. Null for what a
 * person cannot do from the page or the CLI (a real process attaching through the relay).
 */
export function formatAction(action: UserAction): string | null {
  const at = String(action.at);
  switch (action.type) {
    case 'crash':
    case 'recover':
    case 'notice':
    case 'request':
      return `${at}:${action.type}:${action.node}`;
    case 'drift':
      return `${at}:drift=${action.ppm}:${action.node}`;
    case 'offset':
      return `${at}:offset=${action.offsetMs}:${action.node}`;
    case 'link':
      return `${at}:${formatPatch(action.patch)}:${action.from}-${action.to}`;
    case 'network':
      return `${at}:${formatPatch(action.patch)}:all`;
    case 'partition':
      return `${at}:partition:${action.groups.map((g) => g.join('.')).join('/')}`;
    case 'heal':
      return `${at}:heal`;
    case 'attach':
    case 'detach':
    case 'external':
      // A real process joining or leaving (the relay) is not something a link can bring back.
      return null;
  }
}

export interface ParsedActionList {
  actions: UserAction[];
  /** One sentence per action that could not be read (the rest are kept). */
  problems: string[];
}

/** A comma-separated list (the URL's `actions=`): every readable action, and why the others are not. */
export function parseActionList(text: string, scenario: Scenario | null): ParsedActionList {
  const actions: UserAction[] = [];
  const problems: string[] = [];
  const items = text.split(',').filter((item) => item.trim() !== '');
  if (items.length > MAX_ACTIONS) problems.push(`only the first ${MAX_ACTIONS} of ${items.length} actions are used`);
  for (const item of items.slice(0, MAX_ACTIONS)) {
    const parsed = parseAction(item.trim(), scenario);
    if ('error' in parsed) problems.push(parsed.error);
    else actions.push(parsed.action);
  }
  return { actions, problems };
}

/** The URL's `actions=` list: every action that has a text form, comma-separated. */
export const formatActionList = (actions: readonly UserAction[]): string =>
  actions
    .map(formatAction)
    .filter((text): text is string => text !== null)
    .join(',');
