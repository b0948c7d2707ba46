import type { Migration } from 'kysely/migration';
import * as initialSchema from './0001-initial-schema.ts';
import * as tasks from './0002-tasks.ts';
import * as notifications from './0003-notifications.ts';
import * as rules from './0004-rules.ts';
import * as questionnaires from './0005-questionnaires.ts';
import * as searchWithinReach from './0006-search-within-reach.ts';
import * as referrals from './0007-referrals.ts';
import * as pathways from './0009-pathways.ts';
import * as hospitalStays from './0010-hospital-stays.ts';
import * as adtInbox from './0011-adt-inbox.ts';
import * as patientMatching from './0012-patient-matching.ts';
import * as transitions from './0013-transitions.ts';
import * as dischargeDocuments from './0014-discharge-documents.ts';
import * as accountSecurity from './0016-account-security.ts';
import * as sharingChoices from './0017-sharing-choices.ts';
import * as pathwayWorklistPerf from './0018-pathway-worklist-perf.ts';
import * as registrationWriteCost from './0019-registration-write-cost.ts';
import * as auditViews from './0020-audit-views.ts';
import * as patientVersions from './0021-patient-versions.ts';
import * as taskCommentPatient from './0022-task-comment-patient.ts';
import * as recordPartsById from './0023-record-parts-by-id.ts';
import * as recordEntryIds from './0024-record-entry-ids.ts';
import * as coordinationById from './0025-coordination-by-id.ts';
import * as messageIds from './0026-message-ids.ts';
import * as journalWriteCost from './0027-journal-write-cost.ts';
import * as entryReferenceChecks from './0028-entry-reference-checks.ts';
import * as objectionsByAddressee from './0029-objections-by-addressee.ts';
import * as staticReferenceChecks from './0030-static-reference-checks.ts';
import * as auditTimeRange from './0031-audit-time-range.ts';
import * as auditEventsOfManyPatients from './0032-audit-events-of-many-patients.ts';
import * as auditPatientsPendingList from './0033-audit-patients-pending-list.ts';
import * as careTeamIdentityVersion from './0034-care-team-identity-version.ts';
import * as careTeamListedRow from './0035-care-team-listed-row.ts';

/** Every migration, in order, listed by hand so that a stray file is never applied (no directory scan). */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial-schema': initialSchema,
  '0002-tasks': tasks,
  '0003-notifications': notifications,
  '0004-rules': rules,
  '0005-questionnaires': questionnaires,
  '0006-search-within-reach': searchWithinReach,
  '0007-referrals': referrals,
  '0009-pathways': pathways,
  '0010-hospital-stays': hospitalStays,
  '0011-adt-inbox': adtInbox,
  '0012-patient-matching': patientMatching,
  '0013-transitions': transitions,
  '0014-discharge-documents': dischargeDocuments,
  '0016-account-security': accountSecurity,
  '0017-sharing-choices': sharingChoices,
  '0018-pathway-worklist-perf': pathwayWorklistPerf,
  '0019-registration-write-cost': registrationWriteCost,
  '0020-audit-views': auditViews,
  '0021-patient-versions': patientVersions,
  '0022-task-comment-patient': taskCommentPatient,
  '0023-record-parts-by-id': recordPartsById,
  '0024-record-entry-ids': recordEntryIds,
  '0025-coordination-by-id': coordinationById,
  '0026-message-ids': messageIds,
  '0027-journal-write-cost': journalWriteCost,
  '0028-entry-reference-checks': entryReferenceChecks,
  '0029-objections-by-addressee': objectionsByAddressee,
  '0030-static-reference-checks': staticReferenceChecks,
  '0031-audit-time-range': auditTimeRange,
  '0032-audit-events-of-many-patients': auditEventsOfManyPatients,
  '0033-audit-patients-pending-list': auditPatientsPendingList,
  '0034-care-team-identity-version': careTeamIdentityVersion,
  '0035-care-team-listed-row': careTeamListedRow,
};
