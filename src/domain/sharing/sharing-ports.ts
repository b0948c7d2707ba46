import type { DataCategory } from '../access/data-category.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import type { NewSharingChoice, SharingChoiceKind, SharingContext } from './sharing-choice.ts';

/** A professional as a sharing choice shows them: public directory data. */
export interface NamedProfessional {
  readonly id: string;
  readonly name: string;
  readonly profession: string;
  readonly specialty: string | null;
  readonly organization: string | null;
}

/** Who recorded or withdrew a choice: the patient, or a professional (named) on their behalf. */
export interface ChoiceActor {
  readonly kind: 'patient' | 'professional';
  readonly name: string | null;
}

/** A sharing choice as the patient and their team see it, withdrawn ones included (the history). */
export interface SharingChoiceView {
  readonly id: string;
  readonly kind: SharingChoiceKind;
  readonly practitioner: NamedProfessional | null;
  readonly organization: { readonly id: string; readonly name: string } | null;
  readonly category: DataCategory | null;
  readonly allowedPractitioners: readonly NamedProfessional[];
  readonly onBehalf: boolean;
  readonly recordedAt: string;
  readonly recordedBy: ChoiceActor;
  readonly withdrawnAt: string | null;
  readonly withdrawnBy: ChoiceActor | null;
}

/** A choice to write: the checked fields, who recorded it, when, and whether on the patient's behalf. */
export interface SharingChoiceRow extends NewSharingChoice {
  readonly id: string;
  readonly recordedByAccountId: string;
  readonly onBehalf: boolean;
  readonly recordedAt: Date;
}

/** A withdrawal: which choice, when, by whom. */
export interface Withdrawal {
  readonly choiceId: string;
  readonly at: Date;
  readonly byAccountId: string;
}

/** Port: a patient's sharing choices. Every method takes a passed, audited access check. */
export interface SharingChoiceStore {
  /** The choices in force first, then the withdrawn ones; newest first in each. */
  list(scope: PatientScope): Promise<SharingChoiceView[]>;
  /** One of the patient's choices, or undefined when the patient has no choice with this id. */
  find(scope: PatientScope, choiceId: string): Promise<SharingChoiceView | undefined>;
  /** What checking `choice` needs: the people and organisation it names, the team on `on`, the choices in force. */
  context(scope: PatientScope, choice: NewSharingChoice, on: Date): Promise<SharingContext>;
  /**
   * Writes the choice, the withdrawal of the one it replaces and their events in one transaction.
   * Error: `conflict` when the replaced choice or the category's restriction changed meanwhile.
   */
  record(
    scope: PatientScope,
    choice: SharingChoiceRow,
    replaced: Withdrawal | null,
    events: readonly DomainEvent[],
  ): Promise<void>;
  /** Withdraws a choice in force with its event, in one transaction. Error: `conflict` when already withdrawn. */
  withdraw(scope: PatientScope, withdrawal: Withdrawal, event: DomainEvent): Promise<void>;
}
