import autocannon from 'autocannon';
import { percentile } from './latency-stats.ts';

export interface LoadResult {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly failures: number;
}

/** A POST of JSON bodies, a new body per request (`bodyOf()`), instead of GETs of `pathOf()`. */
export interface JsonPost {
  readonly contentType: string;
  readonly bodyOf: () => string;
}

/**
 * Runs autocannon against `pathOf()` (a new path per request) for a fixed time and connection count;
 * records every response time itself, because autocannon reports p97.5 but not p95. Any answer but
 * a 2xx counts as a failure.
 */
export async function loadTest(options: {
  url: string;
  token: string;
  pathOf: () => string;
  seconds: number;
  connections: number;
  post?: JsonPost;
}): Promise<LoadResult> {
  const { post } = options;
  const latencies: number[] = [];
  let failures = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        headers: { authorization: `Bearer ${options.token}` },
        requests: [
          {
            setupRequest: (request) =>
              post === undefined
                ? { ...request, path: options.pathOf() }
                : {
                    ...request,
                    method: 'POST',
                    path: options.pathOf(),
                    headers: { ...request.headers, 'content-type': post.contentType },
                    body: post.bodyOf(),
                  },
          },
        ],
      },
      (error, finished) => {
        if (error !== null && error !== undefined)
          reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(finished);
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) failures += 1;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSecond: latencies.length / options.seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failures: failures + result.errors + result.timeouts,
  };
}
