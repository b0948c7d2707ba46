import { DomainError } from '../domain/shared/domain-error.ts';

/** What a broken constraint means to the user; keyed by constraint name (see 0001-initial-schema.ts). */
const CONSTRAINT_MESSAGES: Readonly<Record<string, DomainError>> = {
  patients_ins: new DomainError('conflict', 'a patient with this INS is already registered'),
  care_team_one_gp: new DomainError('conflict', 'the patient already has a médecin traitant'),
  care_team_members_practitioner_id_fkey: new DomainError('not-found', 'no practitioner with this id'),
  appointments_practitioner_id_fkey: new DomainError('not-found', 'no practitioner with this id'),
  appointments_organization_id_fkey: new DomainError('not-found', 'no organisation with this id'),
  accounts_login_key: new DomainError('conflict', 'this login is already taken'),
  notifications_recipient_account_id_fkey: new DomainError('not-found', 'no account with this id'),
  notification_settings_account_id_fkey: new DomainError('not-found', 'no account with this id'),
  practitioners_rpps_key: new DomainError('conflict', 'a practitioner with this RPPS is already registered'),
  // Task references are checked by the use cases; these answer a race with a deletion or a direct call.
  tasks_patient_id_fkey: new DomainError('invalid-input', 'no patient with this id'),
  tasks_assignee_practitioner_id_fkey: new DomainError('invalid-input', 'no practitioner with this id'),
  tasks_assignee_organization_id_fkey: new DomainError('invalid-input', 'no organisation with this id'),
  pathway_enrolments_one_running: new DomainError('conflict', 'the patient already follows this pathway'),
  // Two restrictions of one category recorded at once: the second must see the first.
  sharing_choices_one_restriction: new DomainError(
    'conflict',
    'this category was restricted meanwhile: reload and try again',
  ),
  // Two administrators saving the same rule set at once: the second must reload.
  rule_set_versions_pkey: new DomainError(
    'conflict',
    'the rule set was saved by someone else meanwhile: reload it and try again',
  ),
};

/**
 * Turns a PostgreSQL constraint violation (SQLSTATE class 23) into the domain error it stands for,
 * reading the error's structured `constraint` field, never its message text.
 */
export function translateConstraintError(error: unknown): DomainError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (typeof code !== 'string' || !code.startsWith('23') || typeof constraint !== 'string') return undefined;
  return CONSTRAINT_MESSAGES[constraint];
}
