import { isDataCategory, type DataCategory } from '../access/data-category.ts';
import { DomainError } from '../shared/domain-error.ts';

/**
 * A patient's choices about who sees their data (issue 8, CSP L1110-4): an objection to a professional
 * or an organisation (refuses everything), a category restricted to named professionals of the team,
 * and a consent to share with a professional outside the team (reading only). The access decision
 * reads the ones in force on every request.
 */
export type SharingChoiceKind = 'objection' | 'restriction' | 'consent';

/** The most professionals a restriction names: a handful of trusted people, not the whole directory. */
export const MAX_NAMED_PROFESSIONALS = 20;

/** A choice as a client sends it: which fields apply depends on the kind. */
export interface SharingChoiceInput {
  readonly kind: SharingChoiceKind;
  readonly practitionerId?: string | undefined;
  readonly organizationId?: string | undefined;
  readonly category?: string | undefined;
  readonly allowedPractitionerIds?: readonly string[] | undefined;
}

/** A checked choice, shaped like its row: the fields of other kinds are null or empty. */
export interface NewSharingChoice {
  readonly kind: SharingChoiceKind;
  readonly practitionerId: string | null;
  readonly organizationId: string | null;
  readonly category: DataCategory | null;
  readonly allowedPractitionerIds: readonly string[];
}

/** A choice in force, as the checks against the record need it. */
export interface ChoiceInForce {
  readonly id: string;
  readonly kind: SharingChoiceKind;
  readonly practitionerId: string | null;
  readonly organizationId: string | null;
  readonly category: DataCategory | null;
}

/** What the record and the directory say about the people and organisation a new choice names. */
export interface SharingContext {
  /** The named practitioners the directory knows, with their name and organisations (own and parent). */
  readonly practitioners: ReadonlyMap<
    string,
    { readonly name: string; readonly organizationIds: readonly string[] }
  >;
  /** The named organisation's name, null when there is none or the directory does not know it. */
  readonly organizationName: string | null;
  /** The practitioners in the patient's care team today. */
  readonly careTeam: ReadonlySet<string>;
  readonly inForce: readonly ChoiceInForce[];
}

/**
 * Checks that the fields fit the kind: an objection names a practitioner or an organisation, a consent a
 * practitioner, a restriction a category and the professionals who keep seeing it.
 * Error: `invalid-input` naming every problem.
 */
export function parseSharingChoice(input: SharingChoiceInput): NewSharingChoice {
  const problems: string[] = [];
  const unexpected = (field: keyof SharingChoiceInput) => {
    if (input[field] !== undefined) problems.push(`${field} does not apply to kind ${input.kind}`);
  };
  const practitionerId = input.practitionerId ?? null;
  const organizationId = input.organizationId ?? null;
  const allowed = input.allowedPractitionerIds ?? [];
  let category: DataCategory | null = null;
  switch (input.kind) {
    case 'objection':
      if ((practitionerId === null) === (organizationId === null))
        problems.push('an objection names either practitionerId or organizationId');
      unexpected('category');
      unexpected('allowedPractitionerIds');
      break;
    case 'consent':
      if (practitionerId === null) problems.push('a consent names the practitionerId it is given to');
      unexpected('organizationId');
      unexpected('category');
      unexpected('allowedPractitionerIds');
      break;
    case 'restriction':
      if (input.category === undefined) problems.push('a restriction names its category');
      else if (isDataCategory(input.category)) category = input.category;
      else problems.push(`unknown category ${input.category}`);
      if (allowed.length === 0)
        problems.push('a restriction names in allowedPractitionerIds who may still see the category');
      if (allowed.length > MAX_NAMED_PROFESSIONALS)
        problems.push(`a restriction names at most ${MAX_NAMED_PROFESSIONALS} professionals`);
      if (new Set(allowed).size !== allowed.length)
        problems.push('allowedPractitionerIds names someone twice');
      unexpected('practitionerId');
      unexpected('organizationId');
      break;
  }
  if (problems.length > 0) throw new DomainError('invalid-input', problems.join('; '), problems);
  return {
    kind: input.kind,
    practitionerId: input.kind === 'restriction' ? null : practitionerId,
    organizationId: input.kind === 'objection' ? organizationId : null,
    category,
    allowedPractitionerIds: input.kind === 'restriction' ? [...allowed] : [],
  };
}

/**
 * Checks a new choice against the directory and the choices in force, and says which restriction it
 * replaces (one per category: setting it again replaces it). Errors: `invalid-input` (someone or an
 * organisation the directory does not know), `conflict` (the same choice is in force, a consent to a
 * member of the team or to someone the patient objects to, a restriction naming someone outside the team).
 */
export function checkSharingChoice(
  choice: NewSharingChoice,
  context: SharingContext,
): { readonly replaces: ChoiceInForce | null } {
  const known = (id: string) => {
    if (!context.practitioners.has(id))
      throw new DomainError('invalid-input', `no practitioner with id ${id}`);
  };
  const inForce = (kind: SharingChoiceKind, match: (c: ChoiceInForce) => boolean) =>
    context.inForce.find((c) => c.kind === kind && match(c));
  switch (choice.kind) {
    case 'objection': {
      if (choice.practitionerId !== null) known(choice.practitionerId);
      if (choice.organizationId !== null && context.organizationName === null)
        throw new DomainError('invalid-input', `no organisation with id ${choice.organizationId}`);
      const same = inForce(
        'objection',
        (c) => c.practitionerId === choice.practitionerId && c.organizationId === choice.organizationId,
      );
      if (same !== undefined) throw new DomainError('conflict', 'this objection is already in force');
      return { replaces: null };
    }
    case 'consent': {
      const practitionerId = choice.practitionerId ?? '';
      known(practitionerId);
      if (context.careTeam.has(practitionerId))
        throw new DomainError(
          'conflict',
          'this professional is in the care team and already shares the record: no consent is needed',
        );
      if (inForce('consent', (c) => c.practitionerId === practitionerId) !== undefined)
        throw new DomainError('conflict', 'this consent is already in force');
      const organizations = context.practitioners.get(practitionerId)?.organizationIds ?? [];
      const objection = inForce(
        'objection',
        (c) =>
          c.practitionerId === practitionerId ||
          (c.organizationId !== null && organizations.includes(c.organizationId)),
      );
      if (objection !== undefined)
        throw new DomainError(
          'conflict',
          'the patient objects to sharing with this professional or their organisation: withdraw the objection first',
        );
      return { replaces: null };
    }
    case 'restriction':
      for (const id of choice.allowedPractitionerIds) {
        known(id);
        if (!context.careTeam.has(id))
          throw new DomainError(
            'conflict',
            `practitioner ${id} is not in the care team: a restriction names members of the team`,
          );
      }
      return { replaces: inForce('restriction', (c) => c.category === choice.category) ?? null };
  }
}
