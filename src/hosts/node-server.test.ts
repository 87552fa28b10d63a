// The node worker's command handling, without a worker: the protocol round trip, version
// check, errors, and snapshot/restore giving the same replies as an uninterrupted runtime.

import { describe, expect, it } from 'vitest';
import type { LocalTime, NodeCall } from '../core/index.ts';
import { findPreset } from '../scenarios/index.ts';
import { createNodeServer } from './node-server.ts';
import { PROTOCOL_VERSION } from './protocol.ts';

const bully = findPreset('bully-10');
if (!bully) throw new Error('no bully-10');
const init = { self: 5, ids: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], algorithm: bully.algorithm, seed: 1 };
const call = (input: NodeCall['input'], now = 0): NodeCall => ({ node: 5, incarnation: 0, now: now as LocalTime, input, delayMs: 30 });

describe('node server', () => {
  it('answers init with ready, calls with replies, describe with a sentence', () => {
    const serve = createNodeServer();
    expect(serve({ type: 'init', id: 1, version: PROTOCOL_VERSION, init })).toEqual({
      type: 'ready',
      id: 1,
      version: PROTOCOL_VERSION,
      node: 5,
    });
    const boot = serve({ type: 'call', id: 2, call: call({ type: 'boot', recovered: false }) });
    expect(boot).toMatchObject({ type: 'reply', id: 2, reply: { view: { role: 'follower' } } });
    const notice = serve({ type: 'call', id: 3, call: call({ type: 'notice' }, 100) });
    expect(notice.type === 'reply' && notice.reply.effects.filter((e) => e.type === 'send')).toHaveLength(5);
    expect(serve({ type: 'describe', id: 4 })).toMatchObject({ type: 'description', id: 4 });
  });

  it('refuses another protocol version and commands before init, as errors with the same id', () => {
    const serve = createNodeServer();
    expect(serve({ type: 'call', id: 7, call: call({ type: 'notice' }) })).toMatchObject({ type: 'error', id: 7 });
    expect(serve({ type: 'init', id: 8, version: PROTOCOL_VERSION + 1, init })).toMatchObject({ type: 'error', id: 8 });
  });

  it('a snapshot restored into a fresh worker answers exactly as the original would', () => {
    const a = createNodeServer();
    a({ type: 'init', id: 1, version: PROTOCOL_VERSION, init });
    a({ type: 'call', id: 2, call: call({ type: 'boot', recovered: false }) });
    a({ type: 'call', id: 3, call: call({ type: 'notice' }, 100) });
    const snap = a({ type: 'snapshot', id: 4 });
    if (snap.type !== 'snapshot') throw new Error('no snapshot');
    const b = createNodeServer();
    b({ type: 'init', id: 1, version: PROTOCOL_VERSION, init });
    expect(b({ type: 'restore', id: 2, checkpoint: snap.checkpoint })).toMatchObject({ type: 'snapshot', id: 2 });
    const next = call({ type: 'timer', key: 'ok' }, 300);
    const fromA = a({ type: 'call', id: 5, call: next });
    const fromB = b({ type: 'call', id: 3, call: next });
    expect({ ...fromB, id: 5 }).toEqual(fromA);
  });
});
