import type { ServerResponse } from 'node:http';
import { framed, type Framing, type ResultSink } from '../graphql/result-sink.js';
import { batchWritesPerTurn } from './write-batching.js';

/**
 * A streaming HTTP response as a result sink: each result in the transport's
 * frame, the very bytes every subscriber of its audience gets. Writes of one
 * event-loop turn go out together (the response is corked until the turn
 * ends). Frames written before the response's head (a first result that was
 * ready while the stream opened) wait for `flush()`, called once it is sent.
 */
export function httpResultSink(res: ServerResponse, framing: Framing): ResultSink & { flush(): void } {
  let early: Buffer[] | undefined = [];
  const beforeWrite = batchWritesPerTurn(res);
  const send = (frame: Buffer) => {
    if (res.destroyed || res.writableEnded) return;
    beforeWrite();
    res.write(frame);
  };
  return {
    write(result) {
      const frame = framed(result, framing);
      if (early && !res.headersSent) early.push(frame);
      else send(frame);
    },
    flush() {
      const frames = early ?? [];
      early = undefined;
      for (const frame of frames) send(frame);
    },
  };
}
