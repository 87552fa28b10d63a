// The trace import worker: given a File (or any Blob), reads and checks it as a stream and
// posts progress, checked events in batches, and the verdict (trace-import.ts).

import { type ImportReply, readTraceStream } from './trace-import.ts';

interface ImportScope {
  onmessage: ((event: MessageEvent<Blob>) => void) | null;
  postMessage(message: ImportReply): void;
}

const scope = globalThis as unknown as ImportScope;
scope.onmessage = (event) => {
  const file = event.data;
  void readTraceStream(file.stream(), file.size, (reply) => scope.postMessage(reply));
};
