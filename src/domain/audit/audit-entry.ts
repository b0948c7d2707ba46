/** One access record: who did what to which patient's data, when, why, with what outcome, from where. */
export interface AuditEntry {
  readonly at: Date;
  readonly accountId: string | null;
  readonly actorKind: 'professional' | 'patient' | 'anonymous';
  readonly actorRole: string | null;
  readonly patientId: string | null;
  readonly action: 'read' | 'search' | 'write' | 'export' | 'login' | 'break-glass';
  readonly resource: string;
  readonly outcome: 'allowed' | 'denied';
  readonly reason: string;
  readonly clientAddress: string | null;
}

/** Port: appends audit entries. The promise resolves only once they are durable. */
export interface AuditTrail {
  append(entries: readonly AuditEntry[]): Promise<void>;
}
