// The node worker's command handling, without a worker: the protocol round trip, version
// check, errors, and snapshot/restore giving the same replies as an uninterrupted runtime.

import { describe, expect, it } from 'vitest';
import { type LocalTime, type NodeCall, NodeRuntime } from '../core/index.ts';
import { findPreset } from '../scenarios/index.ts';
import { createNodeServer } from './node-server.ts';
import { decodeCall, encodeCall, PROTOCOL_VERSION, type ReplyPacket, replyDecoder } from './protocol.ts';

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
    const boot = serve(encodeCall(2, call({ type: 'boot', recovered: false }))) as ReplyPacket;
    expect(boot).toMatchObject([2, expect.any(Array), 'follower', 10]);
    const notice = serve(encodeCall(3, call({ type: 'notice' }, 100))) as ReplyPacket;
    expect(notice[0]).toBe(3);
    expect(notice[1].filter((e) => e.type === 'send')).toHaveLength(5);
    expect(serve({ type: 'describe', id: 4 })).toMatchObject({ type: 'description', id: 4 });
  });

  it('refuses another protocol version and commands before init, as errors with the same id', () => {
    const serve = createNodeServer();
    expect(serve(encodeCall(7, call({ type: 'notice' })))).toMatchObject({ type: 'error', id: 7 });
    expect(serve({ type: 'init', id: 8, version: PROTOCOL_VERSION + 1, init })).toMatchObject({ type: 'error', id: 8 });
  });

  it('a snapshot restored into a fresh worker answers exactly as the original would', () => {
    const a = createNodeServer();
    const hostA = replyDecoder();
    a({ type: 'init', id: 1, version: PROTOCOL_VERSION, init });
    hostA.decode(a(encodeCall(2, call({ type: 'boot', recovered: false }))) as ReplyPacket);
    hostA.decode(a(encodeCall(3, call({ type: 'notice' }, 100))) as ReplyPacket);
    const snap = a({ type: 'snapshot', id: 4 });
    if (Array.isArray(snap) || snap.type !== 'snapshot') throw new Error('no snapshot');
    const b = createNodeServer();
    b({ type: 'init', id: 1, version: PROTOCOL_VERSION, init });
    expect(b({ type: 'restore', id: 2, checkpoint: snap.checkpoint })).toMatchObject({ type: 'snapshot', id: 2 });
    const next = call({ type: 'timer', key: 'ok' }, 300);
    // b sends its view again after the restore; a leaves out the one it sent: decoded, they agree.
    const fromA = hostA.decode(a(encodeCall(5, next)) as ReplyPacket);
    const fromB = replyDecoder().decode(b(encodeCall(3, next)) as ReplyPacket);
    expect(fromB).toEqual(fromA);
  });

  it('every kind of input survives the flat call packet', () => {
    const inputs: NodeCall['input'][] = [
      { type: 'boot', recovered: true },
      { type: 'message', from: 3, msg: { kind: 'ELECTION' } },
      { type: 'timer', key: 'ok' },
      { type: 'notice' },
      { type: 'request' },
    ];
    for (const input of inputs) {
      const sent = { ...call(input, 12.5), incarnation: 2, delayMs: 41.25 };
      expect(decodeCall(structuredClone(encodeCall(9, sent)))).toEqual(sent);
    }
  });

  it('leaves out a view the host already has, and sends it again after a restore', () => {
    const serve = createNodeServer();
    const host = replyDecoder();
    serve({ type: 'init', id: 1, version: PROTOCOL_VERSION, init });
    const first = serve(encodeCall(2, call({ type: 'boot', recovered: false }))) as ReplyPacket;
    expect(host.decode(first).view).toEqual({ role: 'follower', leader: 10 });
    // A heartbeat-less timer that changes nothing: the view is not sent again.
    const quiet = serve(encodeCall(3, call({ type: 'timer', key: 'none' }, 50))) as ReplyPacket;
    expect(quiet[2]).toBe(0);
    expect(host.decode(quiet).view).toEqual({ role: 'follower', leader: 10 });
    const snap = serve({ type: 'snapshot', id: 4 });
    if (Array.isArray(snap) || snap.type !== 'snapshot') throw new Error('no snapshot');
    serve({ type: 'restore', id: 5, checkpoint: snap.checkpoint });
    expect((serve(encodeCall(6, call({ type: 'timer', key: 'none' }, 60))) as ReplyPacket)[2]).toBe('follower');
  });

  it('undo puts the node back as it was before a speculative call; a speculative call that throws keeps the worker', () => {
    const serve = createNodeServer();
    const host = replyDecoder();
    serve({ type: 'init', id: 1, version: PROTOCOL_VERSION, init });
    host.decode(serve(encodeCall(2, call({ type: 'boot', recovered: false }))) as ReplyPacket);
    // Speculatively told of the coordinator's failure, then taken back: the node is no candidate.
    const notice = host.decode(serve(encodeCall(3, call({ type: 'notice' }, 100), true)) as ReplyPacket);
    expect(notice.view.role).toBe('candidate');
    expect(serve({ type: 'undo', id: 4 })).toEqual({ type: 'undone', id: 4 });
    const after = host.decode(serve(encodeCall(5, call({ type: 'timer', key: 'none' }, 120))) as ReplyPacket);
    const fresh = createNodeServer();
    const freshHost = replyDecoder();
    fresh({ type: 'init', id: 1, version: PROTOCOL_VERSION, init });
    freshHost.decode(fresh(encodeCall(2, call({ type: 'boot', recovered: false }))) as ReplyPacket);
    expect(after).toEqual(freshHost.decode(fresh(encodeCall(3, call({ type: 'timer', key: 'none' }, 120))) as ReplyPacket));
    expect(after.view.role).toBe('follower');

    const throwing = createNodeServer((i) => {
      const runtime = new NodeRuntime(i);
      return {
        describe: () => runtime.describe(),
        checkpoint: () => runtime.checkpoint(),
        restore: (c) => runtime.restore(c),
        call: (c) => {
          if (c.input.type === 'notice') throw new Error('machine threw');
          return runtime.call(c);
        },
      };
    });
    throwing({ type: 'init', id: 1, version: PROTOCOL_VERSION, init });
    throwing(encodeCall(2, call({ type: 'boot', recovered: false })));
    expect(throwing(encodeCall(3, call({ type: 'notice' }, 100), true))).toEqual({
      type: 'error',
      id: 3,
      message: 'machine threw',
      kept: true,
    });
    expect(throwing(encodeCall(4, call({ type: 'notice' }, 100)))).toEqual({ type: 'error', id: 4, message: 'machine threw' });
  });
});
