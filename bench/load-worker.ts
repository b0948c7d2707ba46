import { parentPort, Worker, workerData } from 'node:worker_threads';
import { loadTest, type LoadResult } from './http-load.ts';

/**
 * What a load run sends, as data a worker thread can receive: GETs of paths picked at random, or
 * POSTs of the bodies in turn (each once while they last, so creates stay distinct).
 */
export type LoadPlan =
  | { readonly kind: 'get'; readonly paths: readonly string[] }
  | {
      readonly kind: 'post';
      readonly path: string;
      readonly contentType: string;
      readonly bodies: readonly string[];
    };

export interface WorkerLoad {
  readonly url: string;
  readonly token: string;
  readonly seconds: number;
  readonly connections: number;
  readonly plan: LoadPlan;
}

/**
 * Runs the load test in a worker thread, so the load generator does not take the event loop of the
 * server it measures (a real client is another program); the server keeps the main thread.
 */
export function loadTestInWorker(load: WorkerLoad): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: load });
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the load worker stopped with code ${code}`));
    });
  });
}

/** A measured run follows a warm-up of the same requests (JIT, prepared statements, caches). */
export const WARM_UP_SECONDS = 3;

/**
 * One load test per load (one client, then N), each in a worker thread, GETs of `paths` picked at
 * random, after a warm-up of the same requests that is not measured.
 */
export async function loadTestEach(
  options: { url: string; token: string; seconds: number; paths: readonly string[] },
  loads: readonly { label: string; connections: number }[],
): Promise<{ load: string; result: LoadResult }[]> {
  const { paths, ...target } = options;
  const plan = { kind: 'get', paths } as const;
  await loadTestInWorker({ ...target, seconds: WARM_UP_SECONDS, connections: 1, plan });
  const measured: { load: string; result: LoadResult }[] = [];
  for (const { label, connections } of loads)
    measured.push({
      load: label,
      result: await loadTestInWorker({ ...target, connections, plan }),
    });
  return measured;
}

if (parentPort !== null) {
  const { url, token, seconds, connections, plan } = workerData as WorkerLoad;
  let next = 0;
  const result = await loadTest({
    url,
    token,
    seconds,
    connections,
    ...(plan.kind === 'get'
      ? { pathOf: () => plan.paths[Math.floor(Math.random() * plan.paths.length)] ?? '/' }
      : {
          pathOf: () => plan.path,
          post: {
            contentType: plan.contentType,
            bodyOf: () => plan.bodies[next++ % plan.bodies.length] ?? '',
          },
        }),
  });
  parentPort.postMessage(result);
}
