import { insKindFromOid, normalizeInsMatricule, parseInsMatricule } from '../identity/ins.ts';
import type { AdmissionKind, PatientClass } from '../stays/stay.ts';
import {
  matchableIns,
  type AdtEvent,
  type AdtMovement,
  type AdtTraits,
  type AdtVisit,
  type LocalPatientId,
  type NationalId,
} from './adt-event.ts';
import { parseHl7Date, parseHl7DateTime } from './hl7-time.ts';
import {
  fieldOf,
  firstSegment,
  part,
  segmentsNamed,
  valueOf,
  type Hl7FieldValue,
  type Hl7SegmentView,
  type Hl7View,
} from './hl7-view.ts';

/**
 * Maps a parsed ADT message (HL7 v2.3 to v2.5, and IHE PAM France 2.11 on v2.5) to an `AdtEvent`.
 * Segments Relais does not read (ZFA, ZFD, ROL, OBX, …) are ignored, never an error. Field positions
 * follow HL7 v2.5 chapter 3 and PAM France 2.11 (reference A12: ZBE movement, PID-3 INS, PID-11 BDL,
 * PID-5 type L, PID-32).
 */

export type AdtMappingResult =
  | { readonly ok: true; readonly event: AdtEvent }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Versions whose ADT segments this mapping reads (MSH-12.1; PAM France sends 2.5). */
const SUPPORTED_VERSION = /^2\.(3|4|5)(\.\d+)?$/;

/** Events that name a visit and need it: PV1 with a visit number (PV1-19). */
const VISIT_EVENTS: ReadonlySet<string> = new Set(['A01', 'A02', 'A03', 'A04', 'A11', 'A13']);

/** The obsolete INS-C (reference A4): recognised, never matched. */
const INS_C_OID = '1.2.250.1.213.1.4.2';

export function mapAdtMessage(view: Hl7View, options: { readonly timeZone: string }): AdtMappingResult {
  const problems: string[] = [];
  const msh = firstSegment(view, 'MSH');
  if (msh === undefined) return { ok: false, problems: ['the message has no MSH segment'] };
  const evn = firstSegment(view, 'EVN');
  const messageType = valueOf(msh, 9, 1);
  const event = valueOf(msh, 9, 2) || valueOf(evn, 1);
  const version = valueOf(msh, 12);
  if (messageType !== 'ADT') problems.push(`MSH-9 is '${messageType}', not an ADT message`);
  if (event === '') problems.push('MSH-9.2 and EVN-1 give no event code');
  if (!SUPPORTED_VERSION.test(version)) problems.push(`HL7 version '${version}' is not 2.3, 2.4 or 2.5`);
  const facility = valueOf(msh, 4);
  if (facility === '') problems.push('MSH-4 (sending facility) is empty');

  const time = (label: string, text: string): Date | null => {
    const parsed = parseHl7DateTime(text, options.timeZone);
    if (parsed.ok) return parsed.at;
    problems.push(`${label} '${text}' is not an HL7 date/time`);
    return null;
  };
  const recordedAt = time('EVN-2', valueOf(evn, 2));
  const occurredAt = time('EVN-6', valueOf(evn, 6));
  const sentAt = time('MSH-7', valueOf(msh, 7));

  const pid = firstSegment(view, 'PID');
  if (pid === undefined) return { ok: false, problems: [...problems, 'the message has no PID segment'] };
  const { nationalIds, localIds } = patientIdentifiers(fieldOf(pid, 3));
  const traits = traitsOf(pid, problems);
  if (matchableIns({ nationalIds }).length === 0 && localIds.length === 0 && !traitsComplete(traits)) {
    problems.push(
      'PID-3 holds no usable identifier (INS or local id) and PID-5/PID-7/PID-8 no complete identity',
    );
  }

  const pv1 = firstSegment(view, 'PV1');
  const visit = pv1 === undefined ? null : visitOf(pv1, time);
  if (VISIT_EVENTS.has(event) && (visit === null || visit.visitNumber === null)) {
    problems.push(`${event} needs a PV1 segment with a visit number (PV1-19)`);
  }
  const zbe = firstSegment(view, 'ZBE');
  const movement = zbe === undefined ? null : movementOf(zbe, time, problems);

  const mrg = firstSegment(view, 'MRG');
  const mergedLocalIds = mrg === undefined ? [] : patientIdentifiers(fieldOf(mrg, 1)).localIds;
  if (event === 'A40') {
    if (mrg === undefined) problems.push('A40 needs an MRG segment (the merged patient)');
    else if (mergedLocalIds.length === 0) problems.push('MRG-1 holds no local patient identifier to merge');
    if (localIds.length === 0) problems.push('A40 needs the surviving local identifier in PID-3');
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    event: {
      event,
      facility,
      recordedAt: recordedAt ?? movement?.at ?? sentAt,
      occurredAt,
      nationalIds,
      localIds,
      traits,
      visit,
      movement,
      procedureCount: segmentsNamed(view, 'PR1').length,
      mergedLocalIds,
    },
  };
}

function patientIdentifiers(field: Hl7FieldValue): {
  nationalIds: NationalId[];
  localIds: LocalPatientId[];
} {
  const nationalIds: NationalId[] = [];
  const localIds: LocalPatientId[] = [];
  for (const repetition of field) {
    const id = part(repetition, 1);
    if (id === '') continue;
    const namespace = part(repetition, 4, 1);
    const oid = part(repetition, 4, 2);
    const type = part(repetition, 5);
    const insKind = insKindFromOid(oid);
    // FR Core's billing NSS (type NH) shares the INS-NIR OID (reference A4): it is not an INS.
    if (type === 'NH') continue;
    if (insKind !== undefined) {
      const parsed = parseInsMatricule(id);
      nationalIds.push({
        kind: insKind,
        value: parsed.ok ? parsed.matricule : normalizeInsMatricule(id),
        valid: parsed.ok,
      });
    } else if (oid === INS_C_OID) {
      nationalIds.push({ kind: 'INS-C', value: id, valid: false });
    } else {
      localIds.push({ authority: oid || namespace, id });
    }
  }
  return { nationalIds, localIds };
}

function traitsOf(pid: Hl7SegmentView, problems: string[]): AdtTraits {
  const names = fieldOf(pid, 5);
  const birthName = names.find((name) => part(name, 7) === 'L') ?? names[0];
  const usedName = names.find((name) => part(name, 7) === 'D');
  const birthDate = parseHl7Date(valueOf(pid, 7));
  // The value itself stays out of the reason, which may be logged: a birth date is identity data.
  if (!birthDate.ok) problems.push('PID-7 birth date is not an HL7 date (YYYYMMDD)');
  const sex = valueOf(pid, 8);
  const birthPlace = fieldOf(pid, 11).find((address) => part(address, 7) === 'BDL');
  return {
    birthFamilyName: orNull(part(birthName, 1)),
    firstGivenName: orNull(part(birthName, 2)),
    givenNames: orNull(part(birthName, 3)),
    usedFamilyName: orNull(part(usedName, 1)),
    birthDate: birthDate.ok ? birthDate.date : null,
    sex: sex === 'M' ? 'male' : sex === 'F' ? 'female' : 'unknown',
    birthPlaceCode: orNull(part(birthPlace, 9)),
    identityReliability: fieldOf(pid, 32)
      .map((repetition) => part(repetition, 1))
      .filter((code) => code !== ''),
  };
}

/** Whether the traits are enough to look a patient up: birth name, first given name, birth date, sex. */
export function traitsComplete(traits: AdtTraits): boolean {
  return (
    traits.birthFamilyName !== null &&
    traits.firstGivenName !== null &&
    traits.birthDate !== null &&
    traits.sex !== 'unknown'
  );
}

/** PV1-2 (HL7 table 0004): I inpatient, O outpatient, E emergency, R recurring (an outpatient series). */
const PATIENT_CLASS: Readonly<Record<string, PatientClass>> = {
  I: 'inpatient',
  O: 'outpatient',
  R: 'outpatient',
  E: 'emergency',
};

/** PV1-4 (HL7 table 0007): E emergency, U urgent; any other code (R routine, C elective, …) is planned. */
function admissionKindOf(code: string): AdmissionKind {
  if (code === '') return 'unknown';
  if (code === 'E') return 'emergency';
  if (code === 'U') return 'urgent';
  return 'elective';
}

function visitOf(pv1: Hl7SegmentView, time: (label: string, text: string) => Date | null): AdtVisit {
  const attending = fieldOf(pv1, 7)[0];
  const attendingName = [part(attending, 3), part(attending, 2)].filter((s) => s !== '').join(' ');
  return {
    visitNumber: orNull(valueOf(pv1, 19)),
    patientClass: PATIENT_CLASS[valueOf(pv1, 2)] ?? null,
    unit: orNull(valueOf(pv1, 3)),
    admissionKind: admissionKindOf(valueOf(pv1, 4)),
    attending: orNull(attendingName || part(attending, 1)),
    dischargeDisposition: orNull(valueOf(pv1, 36)),
    admittedAt: time('PV1-44', valueOf(pv1, 44)),
    dischargedAt: time('PV1-45', valueOf(pv1, 45)),
  };
}

const MOVEMENT_ACTIONS = ['INSERT', 'UPDATE', 'CANCEL'] as const;

function movementOf(
  zbe: Hl7SegmentView,
  time: (label: string, text: string) => Date | null,
  problems: string[],
): AdtMovement {
  const action = valueOf(zbe, 4);
  const known = MOVEMENT_ACTIONS.find((candidate) => candidate === action);
  if (action !== '' && known === undefined) {
    problems.push(`ZBE-4 action '${action}' is not INSERT, UPDATE or CANCEL`);
  }
  return {
    id: orNull(valueOf(zbe, 1)),
    at: time('ZBE-2', valueOf(zbe, 2)),
    action: known ?? null,
    // ZBE-7 (XON): the UF's name, or its code (XON-10) when the name is empty.
    unit: orNull(valueOf(zbe, 7, 1) || valueOf(zbe, 7, 10)),
  };
}

function orNull(text: string): string | null {
  return text === '' ? null : text;
}
