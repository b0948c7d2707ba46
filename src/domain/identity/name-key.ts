/**
 * The search key of a name: lower case, accents and punctuation removed, spaces collapsed,
 * so "Lefèvre-Dupont" and "lefevre dupont" meet. Written at registration, matched by prefix.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
