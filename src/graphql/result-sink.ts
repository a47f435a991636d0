/** One result, serialised once for every subscriber of its audience. */
export class SerialisedResult {
  private encoded: Buffer | undefined;

  constructor(readonly json: string) {}

  /** Its UTF-8 bytes, encoded once, for transports that splice them into a frame. */
  get bytes(): Buffer {
    return (this.encoded ??= Buffer.from(this.json));
  }
}

/**
 * Where a transport writes a subscription's results itself, framed: the
 * fan-out's fast path, which skips the subscription's async iteration and its
 * per-socket serialisation. A transport sets it in the operation's context;
 * the iterator then reports only how the stream ends, after the last write.
 */
export interface ResultSink {
  write(result: SerialisedResult): void;
}

/** The bytes around a result in one transport's frame, when they are the same for every subscriber. */
export interface Framing {
  before: Buffer;
  after: Buffer;
}

const framedResults = new WeakMap<SerialisedResult, Map<Framing, Buffer>>();

/** `result` in `framing`'s frame: built once per result and framing, then the same bytes for every connection. */
export function framed(result: SerialisedResult, framing: Framing): Buffer {
  let frames = framedResults.get(result);
  if (!frames) framedResults.set(result, (frames = new Map()));
  let frame = frames.get(framing);
  if (!frame) frames.set(framing, (frame = Buffer.concat([framing.before, result.bytes, framing.after])));
  return frame;
}
