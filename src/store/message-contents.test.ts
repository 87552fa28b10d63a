// What a message's label says: Cristian's server time in seconds, but a Ricart–Agrawala
// Lamport timestamp as the number it is (it once read "Ts = 0.005 s" for T = 5).

import { describe, expect, it } from 'vitest';
import { messageContents } from './message-contents.ts';

const nameOf = (id: number): string => `P${id}`;

describe('messageContents', () => {
  it('shows Cristian’s Ts in seconds and a Lamport timestamp as T', () => {
    expect(messageContents({ kind: 'REPLY', ts: 1031.4 }, nameOf)).toBe('Ts = 1.031 s');
    expect(messageContents({ kind: 'REQUEST', ts: 5, life: 0 }, nameOf)).toBe('T = 5');
    expect(messageContents({ kind: 'REPLY', ts: 3, for: 0, life: 1 }, nameOf)).toBe('T = 3');
  });

  it('lists, leaders and nothing', () => {
    expect(messageContents({ kind: 'ELECTION', ids: [5, 6] }, nameOf)).toBe('[5, 6]');
    expect(messageContents({ kind: 'COORDINATOR', leader: 9 }, nameOf)).toBe('P9');
    expect(messageContents({ kind: 'OK' }, nameOf)).toBe('');
  });
});
