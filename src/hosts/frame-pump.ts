// Frames for a live runner's listeners: at most one per animation frame, carrying the trace
// events appended since the previous one. `touch` marks that something besides the trace
// changed (playing, finished); `schedule` asks for a frame, and `onTick` runs in each one
// after the listeners have had theirs. Once every listener has had an event the trace may
// drop it (retained-trace.ts).

import type { TraceEvent } from '../core/index.ts';
import type { RetainedTrace } from './retained-trace.ts';
import type { LiveFrame } from './live.ts';

export interface FramePump {
  subscribe(listener: (frame: LiveFrame) => void): () => void;
  touch(): void;
  schedule(): void;
  clear(): void;
}

export function createFramePump(
  sink: RetainedTrace,
  state: () => Omit<LiveFrame, 'events'>,
  requestFrame: (callback: () => void) => unknown,
  onTick: () => void,
  stopped: () => boolean,
): FramePump {
  const listeners = new Set<(frame: LiveFrame) => void>();
  let emitted = 0;
  let dirty = true;
  let frameScheduled = false;

  const emit = (): void => {
    if (!dirty && emitted === sink.length) return;
    dirty = false;
    const events: TraceEvent[] = sink.events.slice(emitted - sink.start);
    emitted = sink.length;
    const frame: LiveFrame = { ...state(), events };
    for (const listener of listeners) listener(frame);
    // Listeners have had every event: the oldest may go now (the run's retention).
    sink.trim(emitted);
  };

  const onFrame = (): void => {
    frameScheduled = false;
    if (stopped()) return;
    emit();
    onTick();
  };

  const pump: FramePump = {
    subscribe(listener) {
      listeners.add(listener);
      pump.touch();
      pump.schedule();
      return () => listeners.delete(listener);
    },
    touch() {
      dirty = true;
    },
    schedule() {
      if (frameScheduled || stopped()) return;
      frameScheduled = true;
      requestFrame(onFrame);
    },
    clear: () => listeners.clear(),
  };
  return pump;
}
