import type { PatientScope } from '../access/patient-scope.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import { DomainError } from '../shared/domain-error.ts';

/** A clinical target set for one patient (e.g. `hba1c` 6.5 %), which rules compare results with. */
export interface PatientTarget {
  readonly name: string;
  readonly value: number;
  readonly unit: string | null;
}

const NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** Error: `invalid-input` naming each problem. */
export function validatePatientTarget(target: PatientTarget): void {
  const problems: string[] = [];
  if (!NAME.test(target.name))
    problems.push(`"${target.name}" is not a target name (lower-case, e.g. hba1c)`);
  if (!Number.isFinite(target.value)) problems.push('value must be a number');
  if (target.unit !== null && (target.unit.trim() === '' || target.unit.length > 20)) {
    problems.push('unit must be 1 to 20 characters');
  }
  if (problems.length > 0)
    throw new DomainError('invalid-input', `invalid target: ${problems.join('; ')}`, problems);
}

/** Port: stores a patient's target (replacing the previous one of that name) with its event. */
export interface PatientTargetWriter {
  setTarget(
    scope: PatientScope,
    target: PatientTarget,
    by: { accountId: string; at: Date; event: DomainEvent },
  ): Promise<void>;
}
