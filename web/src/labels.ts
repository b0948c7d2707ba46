import i18next, { translateOr } from './i18n.ts';
import type { ApiError } from './api-error.ts';

/** Labels for codes that come from the API as open strings: unknown values show as they are. */

export function roleLabel(role: string): string {
  return translateOr(`careTeam.roles.${role}`, role.replaceAll('_', ' '));
}

export function eventTypeLabel(type: string): string {
  // Event types are dotted (`result.recorded`); the catalogue keys use `_` since `.` nests keys.
  return translateOr(
    `timeline.types.${type.replaceAll('.', '_')}`,
    i18next.t('timeline.unknownType', { type }),
  );
}

export function documentTypeLabel(typeCode: string): string {
  return translateOr(`documents.types.${typeCode}`, `LOINC ${typeCode}`);
}

/** A translated title for a problem, by its stable code, else the server's own title. */
export function problemTitle(error: ApiError): string {
  return translateOr(
    `problem.titles.${error.code}`,
    error.title !== '' ? error.title : i18next.t('problem.titles.unknown'),
  );
}

const humanise = (code: string): string => code.replaceAll('_', ' ');

/** "Médecin · Cardiologie": the directory's profession and specialty codes, translated. */
export function professionLabel(profession: string, specialty: string | null): string {
  const parts = [translateOr(`careTeam.professions.${profession}`, humanise(profession))];
  if (specialty !== null && specialty !== '')
    parts.push(translateOr(`careTeam.specialties.${specialty}`, humanise(specialty)));
  return parts.filter((part) => part !== '').join(' · ');
}

/** The specialty when there is one, else the profession: what a patient recognises. */
export function specialtyOrProfessionLabel(profession: string, specialty: string | null): string {
  return specialty !== null && specialty !== ''
    ? translateOr(`careTeam.specialties.${specialty}`, humanise(specialty))
    : translateOr(`careTeam.professions.${profession}`, humanise(profession));
}
