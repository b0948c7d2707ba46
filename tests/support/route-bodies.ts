import { patientToFhir } from '../../src/fhir/patient/patient-to-fhir.ts';
import { identityOfRow } from '../../src/store/patient-identity-columns.ts';
import type { Relais } from '../../src/app.ts';
import { clinicalResource, isClinicalType } from './fhir-clinical.ts';

/** Who a request body may name: a professional to add or refer to, and the patient of a new task. */
export interface BodyContext {
  readonly practitionerId: string;
  readonly patientId: string;
}

let rectifications = 0;

/** A body that passes each route's schema, so the request reaches the access check. */
export function validBody(url: string, context: BodyContext): Record<string, unknown> | undefined {
  const { practitionerId, patientId } = context;
  const kind = url.split('/').at(-1);
  const bodies: Record<string, Record<string, unknown>> = {
    conditions: {
      codeSystem: 'ICD-10',
      code: 'I10',
      display: 'HTA',
      clinicalStatus: 'active',
      onsetDate: null,
    },
    medications: { atcCode: null, name: 'x', dosage: 'x', startedOn: null, status: 'active' },
    allergies: { substance: 'x', reaction: null, criticality: 'low' },
    results: {
      loincCode: '4548-4',
      display: 'HbA1c',
      valueNumeric: 6,
      valueText: null,
      unit: '%',
      referenceRange: null,
      interpretation: null,
      effectiveAt: '2026-01-01T00:00:00Z',
    },
    documents: { typeCode: '11488-4', title: 'x', mimeType: 'text/plain', contentBase64: 'eA==' },
    hba1c: { value: 7, unit: '%' },
    pathways: { templateId: 'dt2-adulte-suivi', startOn: '2026-01-05' },
    skip: { reason: 'not applicable' },
    end: { reason: 'moved away' },
    'care-team': { practitionerId, role: 'nurse' },
    'sharing-choices': { kind: 'objection', practitionerId },
    'break-glass': { reason: 'Patient inconscient aux urgences' },
    // A new number each time: a rectification that changes nothing is refused (400).
    identity: {
      changes: { phone: `01 02 03 ${String(++rectifications).padStart(5, '0')}` },
      reason: 'new number',
    },
    'rectification-requests': { text: 'Mon nom de naissance est mal orthographié.' },
    referrals: {
      kind: 'referral',
      urgency: 'routine',
      target: { kind: 'practitioner', practitionerId },
      reason: 'x',
      clinicalQuestion: 'x',
      preferences: { place: null, teleconsultation: false, availability: null },
      attachedResultIds: [],
      attachedDocumentIds: [],
      requestedExams: [],
    },
    'exam-check': { codes: ['4548-4'] },
    letter: { kind: 'pdf', contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') },
    reconciliation: { version: 0, reasons: [] },
    confirm: {
      version: 1,
      reasons: [],
      dischargeLines: [{ name: 'x', atcCode: null, dosage: 'x', duration: null }],
    },
    questionnaires: { instrument: 'GAD-7', answers: [0, 1, 0, 1, 0, 1, 0], difficulty: null },
    appointments: {
      startsAt: '2030-01-01T09:00:00Z',
      endsAt: '2030-01-01T09:30:00Z',
      kind: 'consultation',
      practitionerId: null,
      organizationId: null,
      reason: 'x',
      instructions: null,
    },
    tasks: {
      patientId,
      title: 'x',
      details: null,
      assignee: { kind: 'practitioner', practitionerId },
      priority: 'normal',
      dueAt: null,
      about: null,
    },
    cancel: { reason: 'x' },
    reassign: { assignee: { kind: 'practitioner', practitionerId } },
    comments: { text: 'x' },
    actions: { kind: 'cancel', version: 1, reason: 'x' },
    // The FHIR create of a coordination task (POST /fhir/R4/Task?patient=…: the query names the patient).
    [`Task?patient=${patientId}`]: {
      resourceType: 'Task',
      status: 'ready',
      intent: 'order',
      description: 'x',
      for: { reference: `Patient/${patientId}` },
      owner: { reference: `Practitioner/${practitionerId}` },
    },
  };
  return kind === undefined ? undefined : bodies[kind];
}

/**
 * The body of a request to `url`: a stay's transition routes check the version the caller saw, so it
 * is read just before; every other route takes its `validBody`.
 */
export async function requestBody(
  relais: Relais,
  url: string,
  context: BodyContext,
): Promise<Record<string, unknown> | undefined> {
  // The search and the create share a path: fillRoute names the patient searched, a create ignores it.
  const clinical = /^\/fhir\/R4\/(\w+)(?:\?|$)/.exec(url)?.[1];
  if (isClinicalType(clinical)) return { ...clinicalResource(clinical, context.patientId) };
  // A comment on the task the query names (POST /fhir/R4/Communication?based-on=Task/…).
  const commented = /^\/fhir\/R4\/Communication\?based-on=(Task\/[^&]+)$/.exec(url)?.[1];
  if (commented !== undefined)
    return {
      resourceType: 'Communication',
      status: 'completed',
      basedOn: [{ reference: commented }],
      payload: [{ contentString: 'x' }],
    };
  const fhirPatient = /^\/fhir\/R4\/Patient\/([^/]+)$/.exec(url);
  if (fhirPatient !== null) return changedFhirPatient(relais, fhirPatient[1] ?? '');
  const transitionItems = /\/stays\/([^/]+)\/transition\/items(\/[^/]+)?$/.exec(url);
  if (transitionItems === null) return validBody(url, context);
  const version = await transitionVersion(relais, transitionItems[1] ?? '');
  return transitionItems[2] === undefined
    ? { kind: 'home-nursing', dueOn: '2030-01-01', note: 'x', version }
    : { status: 'done', note: 'x', version };
}

/** The patient as FHIR with a new phone number: an update that changes something each time. */
async function changedFhirPatient(relais: Relais, patientId: string): Promise<Record<string, unknown>> {
  const row = await relais.database.db
    .selectFrom('patients')
    .selectAll()
    .where('patient_id', '=', patientId)
    .executeTakeFirstOrThrow();
  const identity = { ...identityOfRow(row), phone: `01 02 03 ${String(++rectifications).padStart(5, '0')}` };
  const lastUpdated = new Date(row.updated_at);
  return { ...patientToFhir({ patientId, versionId: row.version_id, lastUpdated, identity }) };
}

async function transitionVersion(relais: Relais, stayId: string): Promise<number> {
  const transition = await relais.database.db
    .selectFrom('transitions')
    .select('version')
    .where('stay_id', '=', stayId)
    .executeTakeFirst();
  return transition?.version ?? 1;
}
