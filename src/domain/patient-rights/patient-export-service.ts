import { auditEntryFor, type PatientAccess, type RequestOrigin } from '../access/patient-access-service.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import type { Principal } from '../access/principal.ts';
import type { AuditTrail } from '../audit/audit-entry.ts';
import type { EnrolmentView, NextStepForPatient } from '../pathways/pathway-views.ts';
import { withInsSharingRule } from '../record/ins-sharing.ts';
import type { RecordReader } from '../record/record-ports.ts';
import type { Language } from '../rules/localized-text.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { Clock } from '../shared/clock.ts';
import { exportFileOf, type PatientDataSnapshot, type PatientExportFile } from './patient-export.ts';
import type { PatientSummary, SharingChoicesReader, SummaryRenderer } from './patient-summary.ts';

/** A patient's pathways and next steps, read by the pathways context under a scope opened here. */
export type PathwaysWithin = (scope: PatientScope) => Promise<{
  readonly enrolments: readonly EnrolmentView[];
  readonly nextSteps: readonly NextStepForPatient[];
}>;

/**
 * The patient's right of access and to portability: all their data as a JSON file, and a readable
 * summary as a PDF. A care-team professional exports on the patient's request (seeing what the record
 * shows them); the patient exports their own. Each goes through the access gate as a read, then writes an
 * `export` audit row once the file is made: to the DPO an export is an export, not a mere read.
 */
export function createPatientExportService(deps: {
  access: PatientAccess;
  audit: AuditTrail;
  snapshot: PatientDataSnapshot;
  record: Pick<RecordReader, 'readRecord'>;
  pathways: PathwaysWithin;
  sharingChoices: SharingChoicesReader;
  renderer: SummaryRenderer;
  clock: Clock;
}) {
  const { access, audit, clock } = deps;

  const exporting = async <T>(
    principal: Principal,
    patientId: string,
    what: { resource: string; words: string },
    origin: RequestOrigin,
    make: (scope: PatientScope, now: Date) => Promise<T>,
  ): Promise<T> => {
    const purpose = { action: 'read', resource: what.resource } as const;
    const scope = await access.open(principal, patientId, purpose, origin);
    const now = clock();
    const made = await make(scope, now);
    await audit.append([
      auditEntryFor(principal, patientId, { action: 'export', resource: what.resource }, origin, now, {
        outcome: 'allowed',
        reason: `${what.words} (access: ${scope.basis})`,
        role: null,
      }),
    ]);
    return made;
  };

  return {
    /** Every patient-scoped table's rows for the patient, as one JSON file. Errors: `not-found`, `forbidden`. */
    exportData(principal: Principal, patientId: string, origin: RequestOrigin): Promise<PatientExportFile> {
      const what = { resource: 'export', words: 'all data exported as a JSON file' };
      return exporting(principal, patientId, what, origin, async (scope, now) =>
        exportFileOf(scope, await deps.snapshot.read(scope), now),
      );
    },

    /** The readable summary as a PDF in `language`. Errors: `not-found`, `forbidden`. */
    exportSummary(
      principal: Principal,
      patientId: string,
      language: Language,
      origin: RequestOrigin,
    ): Promise<{ pdf: Uint8Array; generatedAt: Date }> {
      const what = { resource: 'export-summary', words: 'readable summary exported as a PDF' };
      return exporting(principal, patientId, what, origin, async (scope, now) => {
        const [record, pathways, sharingChoices] = await Promise.all([
          deps.record.readRecord(scope, now),
          deps.pathways(scope),
          deps.sharingChoices.inForce(scope),
        ]);
        const summary: PatientSummary = {
          language,
          generatedAt: now,
          // The patient sees their own INS; a professional, only what the RNIV sharing rule lets through.
          record:
            principal.kind === 'patient'
              ? record
              : { ...record, identity: withInsSharingRule(record.identity) },
          pathways: pathways.enrolments.map(({ enrolment, template }) => ({
            title: template.title,
            status: enrolment.status,
            startedOn: enrolment.startedOn,
          })),
          nextSteps: pathways.nextSteps.map(({ pathwayTitle, sentence }) => ({ pathwayTitle, sentence })),
          sharingChoices,
          hiddenCategories: scope.hiddenCategories,
        };
        return { pdf: await deps.renderer.render(summary), generatedAt: now };
      });
    },
  };
}

export type PatientExportService = ReturnType<typeof createPatientExportService>;

/** The signed-in patient's own id, for the portal's routes. Error: `forbidden` for anyone but a patient. */
export function ownPatientId(principal: Principal): string {
  if (principal.kind !== 'patient') throw new DomainError('forbidden', 'the portal is for patients');
  return principal.patientId;
}
