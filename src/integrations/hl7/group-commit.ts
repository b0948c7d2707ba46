/** Hands items to a batch writer and resolves each with its own result once the batch is written. */
export interface GroupCommit<I, O> {
  submit(item: I): Promise<O>;
}

/**
 * Group commit: one write at a time; what arrives while a write is in flight goes into the next one,
 * so the cost of a commit (an fsync) is shared by every message that waited for it. Items submitted
 * in the same tick (several frames in one TCP read) start together. A failed write fails its batch
 * only.
 */
export function createGroupCommit<I, O>(
  write: (items: readonly I[]) => Promise<readonly O[]>,
  maxBatch = 1000,
): GroupCommit<I, O> {
  type Waiting = { item: I; resolve: (result: O) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let writing = false;

  const drain = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        const results = await write(batch.map((waiting) => waiting.item));
        batch.forEach((waiting, index) => {
          const result = results[index];
          if (result === undefined) waiting.reject(new Error('the batch writer returned too few results'));
          else waiting.resolve(result);
        });
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    writing = false;
  };

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (writing) return;
        writing = true;
        setImmediate(() => void drain());
      });
    },
  };
}
