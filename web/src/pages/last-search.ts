/** Remembers the last search (its URL) so "back to search" from a record restores the results. */

const KEY = 'relais.lastSearch';

export function rememberSearchPath(path: string): void {
  try {
    window.sessionStorage.setItem(KEY, path);
  } catch {
    // storage unavailable: back to an empty search
  }
}

export function lastSearchPath(): string {
  try {
    const path = window.sessionStorage.getItem(KEY);
    return path !== null && path.startsWith('/patients') ? path : '/patients';
  } catch {
    return '/patients';
  }
}
