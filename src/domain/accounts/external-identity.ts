/**
 * Linking an OpenID Connect identity to a Relais account. Pro Santé Connect (PSC) identifies a
 * professional by the national identifier idNatPs, given as `preferred_username` (and in `SubjectNameID`):
 * "8" followed by the 11-digit RPPS for professionals registered in RPPS (ANS, "Pro Santé Connect —
 * Guide d'intégration", claims table; and the ANS identifier conventions: type 8 = RPPS). A bare RPPS is
 * accepted too. No account is created from a provider: an unknown professional is refused.
 */
export function rppsOfClaims(claims: Readonly<Record<string, unknown>>): string | null {
  for (const name of ['preferred_username', 'SubjectNameID', 'rpps', 'sub']) {
    const value = claims[name];
    if (typeof value !== 'string') continue;
    const match = /^8?(\d{11})$/u.exec(value.trim());
    if (match?.[1] !== undefined) return match[1];
  }
  return null;
}
