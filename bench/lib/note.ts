/** Progress on stderr, so that stdout carries only the tables. */
export function note(text: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
}
