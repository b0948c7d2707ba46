// PostgreSQL takes at most 65,535 bind parameters per statement.
const MAX_PARAMETERS = 60_000;

/** Splits rows into groups small enough for one multi-row insert each (bind-parameter limit). */
export function inChunks<T extends object>(rows: readonly T[]): T[][] {
  const columns = Object.keys(rows[0] ?? {}).length;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, columns)));
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) chunks.push(rows.slice(start, start + size));
  return chunks;
}
