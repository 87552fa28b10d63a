import { describe, expect, it } from 'vitest';
import { findPreset } from '../../scenarios/index.ts';
import { createFakeRunner, type FakeRunner } from '../../store/fake-runner.ts';
import { createLabStore } from '../../store/lab-store.ts';
import { selectNode } from '../../store/selectors.ts';
import { nodeShortcut } from './useKeyboard.ts';

function bully() {
  const store = createLabStore(createFakeRunner);
  store.getState().load(findPreset('bully-10')!, 1);
  const runner = store.getState().runner as FakeRunner;
  runner.advance(500);
  store.getState().select(3);
  return { store, runner };
}

describe('node shortcuts act on the state they were pressed in', () => {
  it('50 fast c/v pairs on P3, with no frame in between, end on the last key: alive', () => {
    const { store, runner } = bully();
    runner.hold(true);
    for (let i = 0; i < 50; i++) {
      nodeShortcut(store, 'c');
      nodeShortcut(store, 'v');
    }
    expect(store.getState().pendingActs).toHaveLength(100);
    expect(selectNode(3)(store.getState())?.status).toBe('alive');
    runner.hold(false);
    expect(store.getState().pendingActs).toHaveLength(0);
    expect(selectNode(3)(store.getState())?.status).toBe('alive');
  });

  it('…and ending on c, crashed; a repeated c sends nothing more', () => {
    const { store, runner } = bully();
    runner.hold(true);
    for (let i = 0; i < 50; i++) {
      nodeShortcut(store, 'v');
      nodeShortcut(store, 'c');
    }
    nodeShortcut(store, 'c');
    // The first v finds P3 alive and does nothing; then 50 c and 49 v alternate.
    expect(store.getState().pendingActs).toHaveLength(99);
    runner.hold(false);
    expect(selectNode(3)(store.getState())?.status).toBe('crashed');
  });
});
