import type { AuditEntry } from './audit-entry.ts';

/**
 * "Who accessed my record", for the patient: what each professional did, in a few kinds the portal
 * can say in plain words, with repeated identical accesses folded together.
 */

/** What a professional did with the patient's data, as the portal says it. */
export type AccessActivity =
  | 'viewed-record'
  | 'viewed-results'
  | 'viewed-document'
  | 'viewed-questionnaires'
  | 'found-in-list'
  | 'added-document'
  | 'added-result'
  | 'changed-treatments'
  | 'changed-record'
  | 'wrote-referral'
  | 'wrote-letter'
  | 'exported'
  | 'break-glass';

/** One audit entry of a professional on the patient's data, with who they are. */
export interface ProfessionalAccess {
  readonly seq: string;
  readonly at: Date;
  readonly accountId: string | null;
  readonly name: string | null;
  readonly profession: string | null;
  readonly specialty: string | null;
  /** Their role in the patient's care team at the time (or e.g. hospital-staff); null when none. */
  readonly role: string | null;
  readonly action: AuditEntry['action'];
  readonly resource: string;
  readonly outcome: AuditEntry['outcome'];
  readonly reason: string;
  /** The reason the professional gave for the break-the-glass access running at the time, if any. */
  readonly breakGlassReason: string | null;
}

/** One line of the patient's list: one access, or several identical ones close together. */
export interface AccessLogItem {
  /** The newest entry's sequence number: unique in the list. */
  readonly id: string;
  readonly who: {
    readonly name: string | null;
    readonly profession: string | null;
    readonly specialty: string | null;
  };
  readonly role: string | null;
  /** Reached the data without a place in the care team (referral, consent, break-the-glass). */
  readonly outsideTeam: boolean;
  readonly activity: AccessActivity;
  readonly outcome: AuditEntry['outcome'];
  /** An emergency access, marked for the patient, with the reason the professional gave. */
  readonly breakGlass: { readonly reason: string | null } | null;
  readonly firstAt: Date;
  readonly lastAt: Date;
  readonly count: number;
  /** The oldest entry folded into this line: the next page starts below it. */
  readonly oldestSeq: string;
}

/**
 * Identical accesses by the same professional within this span are one line ("3 fois"): opening a
 * record reads several of its parts at once, and a consultation may reopen it a few times.
 */
export const ACCESS_GROUP_WINDOW_MS = 10 * 60_000;

const READS: Readonly<Record<string, AccessActivity>> = {
  results: 'viewed-results',
  document: 'viewed-document',
  questionnaire: 'viewed-questionnaires',
};
const WRITES: Readonly<Record<string, AccessActivity>> = {
  document: 'added-document',
  result: 'added-result',
  medication: 'changed-treatments',
  'medication-reconciliation': 'changed-treatments',
  referral: 'wrote-referral',
  'referral-report': 'wrote-referral',
  'discharge-letter': 'wrote-letter',
};

/** What an audit entry's action on a resource means for the patient; the record as a whole otherwise. */
export function activityOf(action: AuditEntry['action'], resource: string): AccessActivity {
  switch (action) {
    case 'read':
      return READS[resource] ?? 'viewed-record';
    case 'search':
      return 'found-in-list';
    case 'write':
      return WRITES[resource] ?? 'changed-record';
    case 'export':
      return 'exported';
    case 'break-glass':
      return 'break-glass';
    case 'login':
      return 'viewed-record';
  }
}

// The access decision's own words for a break-the-glass basis (patient-access-policy.ts); a test holds
// the two together.
const BREAK_GLASS_BASIS = /^break-the-glass access\b/;

/** Whether the entry is an emergency access: the opening itself, or data reached under it. */
export function isBreakGlass(entry: Pick<ProfessionalAccess, 'action' | 'outcome' | 'reason'>): boolean {
  return (
    entry.action === 'break-glass' || (entry.outcome === 'allowed' && BREAK_GLASS_BASIS.test(entry.reason))
  );
}

/**
 * Folds a newest-first run of entries into lines: an entry joins the line above it when it is the same
 * professional doing the same thing with the same outcome, role and emergency reason, and lies within
 * `windowMs` of that line's newest entry. Only neighbours fold, so the list keeps its order.
 */
export function groupAccesses(
  entries: readonly ProfessionalAccess[],
  windowMs: number = ACCESS_GROUP_WINDOW_MS,
): AccessLogItem[] {
  const items: AccessLogItem[] = [];
  let lastKey: string | null = null;
  for (const entry of entries) {
    const item = itemOf(entry);
    const key = JSON.stringify([
      entry.accountId,
      item.activity,
      item.outcome,
      item.role,
      item.breakGlass?.reason ?? null,
      item.breakGlass === null,
    ]);
    const previous = items.at(-1);
    if (
      previous !== undefined &&
      key === lastKey &&
      entry.accountId !== null &&
      previous.lastAt.getTime() - entry.at.getTime() <= windowMs
    ) {
      items[items.length - 1] = {
        ...previous,
        firstAt: entry.at,
        count: previous.count + 1,
        oldestSeq: entry.seq,
      };
    } else {
      items.push(item);
    }
    lastKey = key;
  }
  return items;
}

function itemOf(entry: ProfessionalAccess): AccessLogItem {
  const breakGlass = isBreakGlass(entry)
    ? { reason: entry.breakGlassReason ?? (entry.action === 'break-glass' ? entry.reason : null) }
    : null;
  return {
    id: entry.seq,
    who: { name: entry.name, profession: entry.profession, specialty: entry.specialty },
    role: entry.role,
    // A null role says "outside the team" only where the access decision set it: searches and
    // refusals leave it empty even for team members.
    outsideTeam:
      entry.role === null &&
      entry.outcome === 'allowed' &&
      (entry.action === 'read' || entry.action === 'write' || entry.action === 'break-glass'),
    activity: activityOf(entry.action, entry.resource),
    outcome: entry.outcome,
    breakGlass,
    firstAt: entry.at,
    lastAt: entry.at,
    count: 1,
    oldestSeq: entry.seq,
  };
}
