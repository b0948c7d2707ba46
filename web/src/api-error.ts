/** An API failure as the UI shows it: the RFC 9457 problem fields, or a synthetic one for network errors. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: readonly string[];
  /** From the Retry-After header of a 429, when the server sends one. */
  readonly retryAfterSeconds: number | null;

  constructor(fields: {
    status: number;
    code: string;
    title: string;
    detail: string;
    errors?: readonly string[];
    retryAfterSeconds?: number | null;
  }) {
    super(fields.detail || fields.title);
    this.name = 'ApiError';
    this.status = fields.status;
    this.code = fields.code;
    this.title = fields.title;
    this.detail = fields.detail;
    this.errors = fields.errors ?? [];
    this.retryAfterSeconds = fields.retryAfterSeconds ?? null;
  }

  /** The server could not be reached (offline, refused, CORS, aborted by the network). */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

/** The stable code for a status when the body is not a problem document. */
export function codeOfStatus(status: number): string {
  if (status === 0) return 'network';
  if (status === 400 || status === 422) return 'invalid-input';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'unknown';
}

/** Normalises anything thrown by a request into an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiError({ status: 0, code: 'network', title: 'Network error', detail });
}
