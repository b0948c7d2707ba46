import type { DataCategory } from '../access/data-category.ts';
import type { AccessBasis } from '../access/patient-access-policy.ts';
import type { PatientScope } from '../access/patient-scope.ts';
import { isIdentityStatus, mayShareIns } from '../identity/identity-status.ts';

/**
 * The machine-readable export of everything Relais holds about one patient (GDPR articles 15 and 20).
 *
 * Completeness does not rest on a list kept by hand: every table with a `patient_id` column is
 * patient-scoped (a rule of the house), and the store enumerates those tables from the database
 * catalogue at run time, so a table added tomorrow is exported the day it exists, whole, unless a rule
 * below names one of its columns. Deliberately left out or reduced, and said so in the file:
 * - columns holding secrets (named with `secret`, `token` or `hash` as a word: the account's password
 *   hash and TOTP secrets): credentials, not data about the patient, and dangerous in a file;
 * - `hl7_messages.raw`: a message as the hospital sent it can name other people (an A40 merge names two
 *   patients, NK1 segments the next of kin); what Relais drew from it is exported (stays, hospital
 *   identifiers, `adt_message_effects`, the message's header and status);
 * - `adt_match_queue.candidate_ids`: the other patients a hospital message might have been about;
 * - `audit_entries.client_address`: the network addresses of the professionals who opened the record are
 *   theirs; who, role, when, why and the outcome stay (the audit rows are the patient's access log);
 * - `audit_entries.patient_ids`: the other patients a search or a list found along with the patient (an
 *   entry about several patients is exported to each of them, without the others);
 * - `notifications.email_last_error`: the mail server's diagnostics, about the mail system, not the patient;
 * - for a professional exporting on the patient's request: the rows of a category the patient restricted
 *   away from them, and the INS of an identity that is not qualifiée (the RNIV sharing rule), as the
 *   record shows them. The patient themself gets everything else.
 */
export const EXPORT_FORMAT = { name: 'relais-patient-export', version: 1 } as const;

const SECRET_COLUMN = /(^|_)(secret|token|hash)(_|$)/;

const LEFT_OUT_COLUMNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  hl7_messages: {
    raw: 'the message as the hospital sent it may name other people (merged patients, next of kin)',
  },
  adt_match_queue: { candidate_ids: 'the other patients a hospital message might have been about' },
  audit_entries: {
    client_address: 'the network addresses of the people who opened the record are their own data',
    patient_ids: 'the other patients a search or a list found along with the patient',
  },
  notifications: { email_last_error: "the mail server's diagnostics, not data about the patient" },
};

/** Why a column is left out of every export, or null when it is exported. */
export function whyColumnLeftOut(table: string, column: string): string | null {
  if (SECRET_COLUMN.test(column)) return 'a secret or credential, never exported';
  return LEFT_OUT_COLUMNS[table]?.[column] ?? null;
}

/** One patient-scoped table as read for the export: its columns, and the patient's rows as JSON values. */
export interface ExportedTable {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  readonly leftOutColumns: readonly string[];
  /** Whether the rows of categories hidden from the caller were left out of this table. */
  readonly filteredByCategory: boolean;
}

/**
 * Port: reads every patient-scoped table (found in the database catalogue) for the scope's patient, in one
 * consistent snapshot, without the columns `whyColumnLeftOut` names nor the rows of hidden categories.
 */
export interface PatientDataSnapshot {
  read(scope: PatientScope): Promise<ExportedTable[]>;
}

/** What the file says it left out, and why. */
export interface ExportOmissions {
  readonly columns: readonly { readonly table: string; readonly column: string; readonly why: string }[];
  readonly hiddenCategories: {
    readonly categories: readonly DataCategory[];
    readonly tables: readonly string[];
    readonly why: string;
  } | null;
  readonly withheld: readonly {
    readonly table: string;
    readonly columns: readonly string[];
    readonly why: string;
  }[];
}

/** The export file (JSON). Values: timestamps ISO 8601 UTC, dates YYYY-MM-DD, bytea base64, int8 text. */
export interface PatientExportFile {
  readonly format: typeof EXPORT_FORMAT.name;
  readonly formatVersion: typeof EXPORT_FORMAT.version;
  readonly exportedAt: string;
  readonly patientId: string;
  readonly requestedBy: 'patient' | 'professional';
  readonly basis: AccessBasis;
  readonly encoding: Readonly<Record<string, string>>;
  readonly leftOut: ExportOmissions;
  readonly tables: Readonly<
    Record<
      string,
      {
        readonly columns: readonly { readonly name: string; readonly type: string }[];
        readonly rows: readonly Readonly<Record<string, unknown>>[];
      }
    >
  >;
}

const ENCODING = {
  timestamps: 'ISO 8601, UTC',
  dates: 'YYYY-MM-DD',
  bytea: 'base64',
  'bigint and numeric': 'decimal text',
  audit_entries: "the patient's access log: who opened or changed the record, when, why, with what outcome",
};

const INS_COLUMNS = ['ins_matricule', 'ins_oid'];
/** The tables that hold an identity with its INS: the patient row and its versions (migration 0021). */
const IDENTITY_TABLES: readonly string[] = ['patients', 'patient_identity_versions'];

/** Assembles the file from the tables read under `scope`, applying the INS sharing rule for professionals. */
export function exportFileOf(
  scope: PatientScope,
  tables: readonly ExportedTable[],
  exportedAt: Date,
): PatientExportFile {
  const withheld: ExportOmissions['withheld'][number][] = [];
  const shown = tables.map((table) => {
    if (!IDENTITY_TABLES.includes(table.name) || scope.principal.kind === 'patient') return table;
    const rows = table.rows.map((row) => {
      const status = row['identity_status'];
      if (typeof status === 'string' && isIdentityStatus(status) && mayShareIns(status)) return row;
      return { ...row, ...Object.fromEntries(INS_COLUMNS.map((column) => [column, null])) };
    });
    if (rows.some((row, i) => row !== table.rows[i])) {
      withheld.push({
        table: table.name,
        columns: INS_COLUMNS,
        why: 'the INS is shared between professionals only when the identity is qualifiée (RNIV)',
      });
    }
    return { ...table, rows };
  });
  const filtered = tables.filter((table) => table.filteredByCategory).map((table) => table.name);
  return {
    format: EXPORT_FORMAT.name,
    formatVersion: EXPORT_FORMAT.version,
    exportedAt: exportedAt.toISOString(),
    patientId: scope.patientId,
    requestedBy: scope.principal.kind,
    basis: scope.basis,
    encoding: ENCODING,
    leftOut: {
      columns: tables.flatMap((table) =>
        table.leftOutColumns.map((column) => ({
          table: table.name,
          column,
          why: whyColumnLeftOut(table.name, column) ?? '',
        })),
      ),
      hiddenCategories:
        scope.hiddenCategories.length === 0
          ? null
          : {
              categories: scope.hiddenCategories,
              tables: filtered,
              why: 'the patient restricted these categories to named professionals, and you are not one of them',
            },
      withheld,
    },
    tables: Object.fromEntries(shown.map(({ name, columns, rows }) => [name, { columns, rows }])),
  };
}
