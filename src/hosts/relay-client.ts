// Opening a relay session's WebSocket, in the page or in Node (tests pass the `ws` package's
// WebSocket): connect, wait for the relay's hello, and hold what arrives after it until the
// session is ready to take it.

import { parseRelayEvent } from '../relay/protocol.ts';
import type { RelayHello } from './relay-session.ts';

/** The part of the WebSocket API used here (the browser's and the `ws` package's both have it). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (ev: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (ev: { code: number; reason: string }) => void): void;
  addEventListener(type: 'open' | 'error', listener: (ev: unknown) => void): void;
}

export interface RelayConnection {
  url: string;
  hello: RelayHello;
  /** When the hello arrived, on the wall clock passed in. */
  helloAt: number;
  send(data: string): void;
  /** Start taking messages (those already held first) and the close. */
  listen(onMessage: (raw: string) => void, onClose: (reason: string) => void): void;
  close(): void;
}

/** A relay address: ws:// or wss:// only. */
export function relayUrlProblem(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'ws:' && u.protocol !== 'wss:') return `the relay address must start with ws:// or wss://, not ${u.protocol}//`;
    return null;
  } catch {
    return 'the relay address is not a URL (for example ws://localhost:8090)';
  }
}

const text = (data: unknown): string => (typeof data === 'string' ? data : String(data));

export function connectRelay(
  url: string,
  createSocket: (url: string) => WebSocketLike,
  wallClock: () => number,
  timeoutMs = 4000,
): Promise<RelayConnection> {
  const problem = relayUrlProblem(url);
  if (problem) return Promise.reject(new Error(problem));
  return new Promise((resolve, reject) => {
    let socket: WebSocketLike;
    try {
      socket = createSocket(url);
    } catch (error) {
      reject(new Error(`cannot open ${url}: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    let hello: RelayHello | null = null;
    const held: string[] = [];
    let onMessage: ((raw: string) => void) | null = null;
    let onClose: ((reason: string) => void) | null = null;
    let closedWith: string | null = null;
    const timer = setTimeout(() => {
      if (hello) return;
      socket.close();
      reject(new Error(`no relay answered at ${url} within ${timeoutMs / 1000} s (is \`npm run relay\` running?)`));
    }, timeoutMs);
    socket.addEventListener('message', (ev) => {
      const raw = text(ev.data);
      if (hello) {
        if (onMessage) onMessage(raw);
        else if (held.length < 10_000) held.push(raw);
        return;
      }
      const parsed = parseRelayEvent(raw);
      if (!parsed.ok || parsed.value.type !== 'hello') {
        clearTimeout(timer);
        socket.close();
        reject(new Error(`${url} is not a dslab relay (${parsed.ok ? `it said ${parsed.value.type} first` : parsed.error})`));
        return;
      }
      hello = parsed.value;
      clearTimeout(timer);
      resolve({
        url,
        hello,
        helloAt: wallClock(),
        send: (data) => {
          if (socket.readyState === 1) socket.send(data);
        },
        listen(message, close) {
          onMessage = message;
          onClose = close;
          for (const raw of held.splice(0)) message(raw);
          if (closedWith !== null) close(closedWith);
        },
        close: () => socket.close(1000, 'page left the session'),
      });
    });
    socket.addEventListener('close', (ev) => {
      const reason = ev.reason || `connection closed (code ${ev.code})`;
      if (!hello) {
        clearTimeout(timer);
        reject(new Error(`could not connect to the relay at ${url}: ${reason}`));
        return;
      }
      closedWith = reason;
      onClose?.(reason);
    });
    socket.addEventListener('error', () => undefined);
  });
}
