/**
 * Answers a function to call before each write to `stream`: the first call of
 * an event-loop turn corks it, and it is uncorked when the turn's work is
 * done, so the writes of one turn (a replay, several changes at once) leave
 * in one write instead of one each.
 */
export function batchWritesPerTurn(stream: { cork(): void; uncork(): void }): () => void {
  let corked = false;
  const uncork = () => {
    corked = false;
    stream.uncork();
  };
  return () => {
    if (corked) return;
    corked = true;
    stream.cork();
    process.nextTick(uncork);
  };
}
