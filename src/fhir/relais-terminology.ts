/**
 * The canonical base of the codes Relais defines itself, where neither FHIR nor FR Core has one (named
 * like theirs: `<base>/CodeSystem/<name>`). It identifies; no site serves it yet.
 */
export const RELAIS_CANONICAL = 'https://relais.example/fhir';

/** The canonical URL of a Relais code system. */
export const relaisCodeSystem = (name: string) => `${RELAIS_CANONICAL}/CodeSystem/${name}`;
