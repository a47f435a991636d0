import { Writable } from 'node:stream';

/** Structured log lines, captured as the app writes them (`createLogger(level, capture)`). */
export class LogCapture extends Writable {
  readonly lines: Record<string, any>[] = [];
  readonly raw: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      this.raw.push(line);
      this.lines.push(JSON.parse(line));
    }
    done();
  }
}
