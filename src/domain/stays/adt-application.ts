import type { AdtEvent } from '../hl7/adt-event.ts';
import { nameKey } from '../identity/name-key.ts';
import type { DomainEvent } from '../journal/domain-event.ts';
import type { NewId } from '../shared/new-id.ts';
import { stayEvent, type PatientClass, type Stay, type StayEventType } from './stay.ts';

/**
 * What an ADT event does to the stay its visit number names (issue 7): admit (A01, and A04 for an
 * outpatient or emergency visit), transfer (A02), update (A08), discharge (A03), cancel the
 * admission (A11) or the discharge (A13). A message that does not fit the stay's state (a discharge
 * for a visit Relais never saw, a cancelled discharge of a stay still in hospital…) is refused with
 * its reason; nothing is guessed. Identity traits are never touched here: Relais keeps its own.
 */

export type StayDecision =
  | {
      readonly kind: 'write';
      readonly stay: Stay;
      /** null: a new stay. */
      readonly expectedVersion: number | null;
      readonly events: readonly DomainEvent[];
    }
  | { readonly kind: 'unchanged'; readonly note: string }
  | { readonly kind: 'failed'; readonly reason: string };

export interface StayContext {
  readonly now: Date;
  readonly newId: NewId;
  /** The directory's hospital (FINESS = facility) and the service matching the unit, when known. */
  readonly hospitalId: string | null;
  readonly serviceId: string | null;
}

/** When the movement happened: ZBE-2, else EVN-6, else EVN-2/MSH-7, else when the message came in. */
export function movementTime(event: AdtEvent, now: Date): Date {
  return event.movement?.at ?? event.occurredAt ?? event.recordedAt ?? now;
}

/** The unit the patient is in: PV1-3's point of care, else ZBE-7's functional unit. */
export function unitOf(event: AdtEvent): string | null {
  return event.visit?.unit ?? event.movement?.unit ?? null;
}

export function decideStayChange(
  event: AdtEvent,
  patientId: string,
  current: Stay | null,
  context: StayContext,
): StayDecision {
  const visitNumber = event.visit?.visitNumber ?? null;
  if (visitNumber === null) {
    return { kind: 'unchanged', note: `${event.event} names no visit: Relais keeps its own identity traits` };
  }
  if (current !== null && current.patientId !== patientId) {
    return { kind: 'failed', reason: `visit ${visitNumber} is already the stay of another Relais patient` };
  }
  const at = movementTime(event, context.now);
  const change = (
    type: StayEventType,
    next: Omit<Stay, 'updatedAt' | 'version'>,
    occurredAt: Date,
    fromUnit?: string | null,
  ): StayDecision => {
    const stay: Stay = {
      ...next,
      updatedAt: context.now,
      version: current === null ? 1 : current.version + 1,
    };
    return {
      kind: 'write',
      stay,
      expectedVersion: current?.version ?? null,
      events: [
        stayEvent(type, stay, {
          id: context.newId(),
          occurredAt,
          ...(fromUnit === undefined ? {} : { fromUnit }),
        }),
      ],
    };
  };
  const unknownVisit: StayDecision = {
    kind: 'failed',
    reason: `${event.event} for visit ${visitNumber}, which Relais has no stay for`,
  };
  const isUpdate = event.movement?.action === 'UPDATE';

  switch (event.event) {
    case 'A01':
    case 'A04': {
      if (current !== null && current.status !== 'cancelled') {
        if (isUpdate) return update(event, current, context, change);
        return { kind: 'failed', reason: `visit ${visitNumber} is already ${current.status}` };
      }
      const admittedAt = event.visit?.admittedAt ?? at;
      const stay: Omit<Stay, 'updatedAt' | 'version'> = {
        id: current?.id ?? context.newId(),
        patientId,
        facility: event.facility,
        hospitalId: context.hospitalId,
        visitNumber,
        patientClass: classOf(event),
        admissionKind: event.visit?.admissionKind ?? 'unknown',
        status: 'admitted',
        unit: unitOf(event),
        serviceId: context.serviceId,
        attending: event.visit?.attending ?? null,
        admittedAt,
        dischargedAt: null,
        dischargeDisposition: null,
        procedureCount: event.procedureCount,
      };
      return change('stay.admitted', stay, admittedAt);
    }
    case 'A02': {
      if (current === null) return unknownVisit;
      if (current.status !== 'admitted') {
        return { kind: 'failed', reason: `visit ${visitNumber} is ${current.status}: no transfer` };
      }
      const unit = unitOf(event);
      if (unit === null) return { kind: 'failed', reason: 'A02 gives no unit (PV1-3 or ZBE-7)' };
      if (unit === current.unit)
        return { kind: 'unchanged', note: `visit ${visitNumber} is already in ${unit}` };
      return change(
        'stay.transferred',
        {
          ...current,
          unit,
          serviceId: context.serviceId,
          attending: event.visit?.attending ?? current.attending,
        },
        at,
        current.unit,
      );
    }
    case 'A08':
      if (current === null)
        return { kind: 'unchanged', note: `no stay for visit ${visitNumber}: nothing to update` };
      return update(event, current, context, change);
    case 'A03': {
      if (current === null) return unknownVisit;
      if (current.status === 'discharged' && isUpdate) return update(event, current, context, change);
      if (current.status !== 'admitted') {
        return { kind: 'failed', reason: `visit ${visitNumber} is ${current.status}: no discharge` };
      }
      const dischargedAt = event.visit?.dischargedAt ?? at;
      if (dischargedAt < current.admittedAt) {
        return { kind: 'failed', reason: `the discharge of visit ${visitNumber} is before its admission` };
      }
      return change(
        'stay.discharged',
        {
          ...current,
          status: 'discharged',
          dischargedAt,
          dischargeDisposition: event.visit?.dischargeDisposition ?? null,
          procedureCount: Math.max(current.procedureCount, event.procedureCount),
        },
        dischargedAt,
      );
    }
    case 'A11':
      if (current === null) return unknownVisit;
      if (current.status !== 'admitted') {
        return {
          kind: 'failed',
          reason: `visit ${visitNumber} is ${current.status}: only an admitted stay's admission can be cancelled`,
        };
      }
      return change('stay.admission-cancelled', { ...current, status: 'cancelled' }, at);
    case 'A13':
      if (current === null) return unknownVisit;
      if (current.status !== 'discharged') {
        return {
          kind: 'failed',
          reason: `visit ${visitNumber} is ${current.status}, not discharged: no discharge to cancel`,
        };
      }
      return change(
        'stay.discharge-cancelled',
        { ...current, status: 'admitted', dischargedAt: null, dischargeDisposition: null },
        at,
      );
    default:
      return { kind: 'unchanged', note: `${event.event} does not change stays` };
  }
}

/** A04 registers a visit that is not a hospitalisation: an emergency one when PV1-2 says so, else outpatient. */
function classOf(event: AdtEvent): PatientClass {
  const sent = event.visit?.patientClass ?? null;
  if (event.event === 'A04') return sent === 'emergency' ? 'emergency' : 'outpatient';
  return sent ?? 'inpatient';
}

/** A08, or an UPDATE movement: the stay's details as the hospital now gives them; status unchanged. */
function update(
  event: AdtEvent,
  current: Stay,
  context: StayContext,
  change: (type: StayEventType, next: Omit<Stay, 'updatedAt' | 'version'>, occurredAt: Date) => StayDecision,
): StayDecision {
  const visit = event.visit;
  const unit = unitOf(event) ?? current.unit;
  const admittedAt = visit?.admittedAt ?? current.admittedAt;
  const dischargedAt = current.status === 'discharged' ? (visit?.dischargedAt ?? current.dischargedAt) : null;
  if (dischargedAt !== null && dischargedAt < admittedAt) {
    return {
      kind: 'failed',
      reason: `the update puts the discharge of visit ${current.visitNumber} before its admission`,
    };
  }
  const next: Omit<Stay, 'updatedAt' | 'version'> = {
    ...current,
    patientClass: visit?.patientClass ?? current.patientClass,
    admissionKind:
      visit?.admissionKind === 'unknown' || visit === null ? current.admissionKind : visit.admissionKind,
    unit,
    serviceId: unit === current.unit ? current.serviceId : context.serviceId,
    attending: visit?.attending ?? current.attending,
    admittedAt,
    dischargedAt,
    dischargeDisposition:
      current.status === 'discharged' ? (visit?.dischargeDisposition ?? current.dischargeDisposition) : null,
    procedureCount: Math.max(current.procedureCount, event.procedureCount),
  };
  const same = (Object.keys(next) as (keyof typeof next)[]).every((key) =>
    sameValue(next[key], current[key]),
  );
  if (same) return { kind: 'unchanged', note: `visit ${current.visitNumber}: nothing changed` };
  return change('stay.updated', next, movementTime(event, context.now));
}

function sameValue(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

/** A hospital service of the directory, as the unit mapping compares it. */
export interface ServiceEntry {
  readonly id: string;
  readonly name: string;
  readonly specialty: string | null;
}

/**
 * Best effort: the service whose name or specialty is the unit, or whose name contains it ("CARDIO"
 * in "Service de cardiologie"); null when none or several fit, since a wrong service would send the
 * alert to the wrong team.
 */
export function serviceForUnit(unit: string | null, services: readonly ServiceEntry[]): string | null {
  if (unit === null) return null;
  const key = nameKey(unit);
  if (key.length < 3) return null;
  const exact = services.filter(
    (service) =>
      nameKey(service.name) === key || (service.specialty !== null && nameKey(service.specialty) === key),
  );
  const fits = exact.length > 0 ? exact : services.filter((service) => nameKey(service.name).includes(key));
  return fits.length === 1 ? (fits[0]?.id ?? null) : null;
}
