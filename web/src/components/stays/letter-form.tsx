import { useId, useState, type SyntheticEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StructuredLetter } from '../../../../src/contracts/discharge-contracts.ts';
import type { StayView } from '../../../../src/contracts/transition-contracts.ts';
import { useAction } from '../../use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { dischargeApi } from './discharge-api.ts';

type Finding = StructuredLetter['pendingResults'];
type Treatment = NonNullable<StructuredLetter['dischargeTreatments']>[number];
type Stopped = NonNullable<StructuredLetter['stoppedTreatments']>[number];
type Appointment = StructuredLetter['followUp']['appointments'][number];

/** A blank text is "not said": the server lists it as a missing part rather than storing "". */
const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

function emptyLetter(stay: StayView): StructuredLetter {
  return {
    identities: { patient: null, medecinTraitant: null, referringPractitioner: null, hospitalDoctor: null },
    admission: { date: stay.admittedAt.slice(0, 10), mode: null },
    discharge: { date: stay.dischargedAt?.slice(0, 10) ?? null, mode: null },
    reasonForAdmission: null,
    summary: {
      text: null,
      adverseEvents: null,
      multiResistantOrganisms: null,
      bloodProducts: null,
      implantedDevices: null,
    },
    dischargeTreatments: null,
    stoppedTreatments: null,
    pendingResults: null,
    followUp: { plannedCare: null, appointments: [] },
  };
}

/**
 * The structured lettre de liaison, part by part as CSP R1112-1-2 lists them; any part may be left
 * out (the letter is then marked incomplete), a finding may be "none". Relais renders it to PDF.
 */
export function LetterForm({
  patientId,
  stayId,
  stay,
  initial,
  onSent,
}: {
  patientId: string;
  stayId: string;
  stay: StayView;
  initial: StructuredLetter | null;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const [letter, setLetter] = useState<StructuredLetter>(initial ?? emptyLetter(stay));
  const send = useAction();
  const set = (change: Partial<StructuredLetter>) => setLetter((current) => ({ ...current, ...change }));
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send
      .run(() => dischargeApi.sendLetter(patientId, stayId, { kind: 'structured', structured: letter }))
      .then((done) => done && onSent());
  };
  const { identities, summary } = letter;
  const identity = (key: keyof StructuredLetter['identities']) => (
    <TextField
      label={t(`discharge.letter.form.${key}`)}
      value={identities[key]}
      onChange={(value) => set({ identities: { ...identities, [key]: value } })}
    />
  );
  const finding = (key: Exclude<keyof StructuredLetter['summary'], 'text'>) => (
    <FindingField
      label={t(`discharge.letter.form.${key}`)}
      value={summary[key]}
      onChange={(value) => set({ summary: { ...summary, [key]: value } })}
    />
  );
  return (
    <form className="form" onSubmit={submit} data-testid="letter-form">
      <fieldset className="form-fieldset">
        <legend>{t('discharge.letter.form.identities')}</legend>
        {identity('patient')}
        {identity('medecinTraitant')}
        {identity('referringPractitioner')}
        {identity('hospitalDoctor')}
        <div className="form-row">
          <TextField
            label={t('discharge.letter.form.admissionDate')}
            type="date"
            value={letter.admission.date}
            onChange={(date) => set({ admission: { ...letter.admission, date } })}
          />
          <TextField
            label={t('discharge.letter.form.admissionMode')}
            value={letter.admission.mode}
            onChange={(mode) => set({ admission: { ...letter.admission, mode } })}
          />
        </div>
        <div className="form-row">
          <TextField
            label={t('discharge.letter.form.dischargeDate')}
            type="date"
            value={letter.discharge.date}
            onChange={(date) => set({ discharge: { ...letter.discharge, date } })}
          />
          <TextField
            label={t('discharge.letter.form.dischargeMode')}
            value={letter.discharge.mode}
            onChange={(mode) => set({ discharge: { ...letter.discharge, mode } })}
          />
        </div>
      </fieldset>
      <TextField
        label={t('discharge.letter.form.reason')}
        multiline
        value={letter.reasonForAdmission}
        onChange={(reasonForAdmission) => set({ reasonForAdmission })}
      />
      <fieldset className="form-fieldset">
        <legend>{t('discharge.letter.form.summary')}</legend>
        <TextField
          label={t('discharge.letter.form.summary')}
          multiline
          value={summary.text}
          onChange={(text) => set({ summary: { ...summary, text } })}
        />
        {finding('adverseEvents')}
        {finding('multiResistantOrganisms')}
        {finding('bloodProducts')}
        {finding('implantedDevices')}
      </fieldset>
      <LinesField<Treatment>
        legend={t('discharge.letter.form.dischargeTreatments')}
        lines={letter.dischargeTreatments}
        blank={{ name: '', atcCode: null, dosage: '', duration: null }}
        columns={[
          ['name', t('discharge.letter.form.name')],
          ['atcCode', t('discharge.letter.form.atc')],
          ['dosage', t('discharge.letter.form.dosage')],
          ['duration', t('discharge.letter.form.duration')],
        ]}
        onChange={(dischargeTreatments) => set({ dischargeTreatments })}
        testId="letter-discharge-treatments"
      />
      <LinesField<Stopped>
        legend={t('discharge.letter.form.stoppedTreatments')}
        lines={letter.stoppedTreatments}
        blank={{ name: '', atcCode: null, dosage: null, reason: null }}
        columns={[
          ['name', t('discharge.letter.form.name')],
          ['atcCode', t('discharge.letter.form.atc')],
          ['dosage', t('discharge.letter.form.dosage')],
          ['reason', t('discharge.letter.form.stopReason')],
        ]}
        onChange={(stoppedTreatments) => set({ stoppedTreatments })}
        testId="letter-stopped-treatments"
      />
      <FindingField
        label={t('discharge.letter.form.pendingResults')}
        value={letter.pendingResults}
        onChange={(pendingResults) => set({ pendingResults })}
      />
      <FindingField
        label={t('discharge.letter.form.plannedCare')}
        value={letter.followUp.plannedCare}
        onChange={(plannedCare) => set({ followUp: { ...letter.followUp, plannedCare } })}
      />
      <LinesField<Appointment>
        legend={t('discharge.letter.form.appointments')}
        lines={letter.followUp.appointments}
        blank={{ date: '', with: '', place: null }}
        columns={[
          ['date', t('discharge.letter.form.appointmentDate')],
          ['with', t('discharge.letter.form.appointmentWith')],
          ['place', t('discharge.letter.form.appointmentPlace')],
        ]}
        onChange={(appointments) =>
          set({ followUp: { ...letter.followUp, appointments: appointments ?? [] } })
        }
        testId="letter-appointments"
        noNoneOption
      />
      {send.error !== null && <ProblemMessage error={send.error} />}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={send.busy}
          data-testid="letter-send"
        >
          {t('discharge.letter.send')}
        </button>
      </div>
    </form>
  );
}

function TextField({
  label,
  value,
  onChange,
  type = 'text',
  multiline = false,
}: {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  type?: 'text' | 'date';
  multiline?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          rows={3}
          value={value ?? ''}
          onChange={(event) => onChange(orNull(event.target.value))}
        />
      ) : (
        <input
          id={id}
          type={type}
          value={value ?? ''}
          onChange={(event) => onChange(orNull(event.target.value))}
        />
      )}
    </div>
  );
}

/** Not stated, none, or present with details: "none" is an answer, "not stated" a missing part. */
function FindingField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Finding;
  onChange: (value: Finding) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const choice = value === null ? 'unknown' : value.status;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={choice}
        onChange={(event) => {
          const next = event.target.value;
          onChange(
            next === 'none'
              ? { status: 'none' }
              : next === 'present'
                ? { status: 'present', details: '' }
                : null,
          );
        }}
      >
        {(['unknown', 'none', 'present'] as const).map((option) => (
          <option key={option} value={option}>
            {t(`discharge.letter.form.finding.${option}`)}
          </option>
        ))}
      </select>
      {value?.status === 'present' && (
        <input
          aria-label={`${label} — ${t('discharge.letter.form.details')}`}
          value={value.details}
          onChange={(event) => onChange({ status: 'present', details: event.target.value })}
        />
      )}
    </div>
  );
}

/**
 * Rows of text cells (treatments, appointments). `null` lines is "not said"; the "none" box states an
 * empty list, which is an answer.
 */
function LinesField<T extends Record<string, string | null>>({
  legend,
  lines,
  blank,
  columns,
  onChange,
  testId,
  noNoneOption = false,
}: {
  legend: string;
  lines: readonly T[] | null;
  blank: T;
  columns: readonly (readonly [keyof T & string, string])[];
  onChange: (lines: T[] | null) => void;
  testId: string;
  noNoneOption?: boolean;
}) {
  const { t } = useTranslation();
  const rows = lines ?? [];
  // A required text cell (name, dosage, date, with) stays a string; an optional one becomes null when blank.
  const cell = (line: T, key: keyof T & string, text: string): T => ({
    ...line,
    [key]: blank[key] === null ? orNull(text) : text,
  });
  const row = (children: ReactNode, index: number) => (
    <div className="form-row" key={index}>
      {children}
      <button
        type="button"
        className="button button-quiet button-small"
        onClick={() => onChange(rows.filter((_, i) => i !== index))}
      >
        {t('discharge.letter.form.removeLine')}
      </button>
    </div>
  );
  return (
    <fieldset className="form-fieldset" data-testid={testId}>
      <legend>{legend}</legend>
      {!noNoneOption && (
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={lines !== null && lines.length === 0}
            onChange={(event) => onChange(event.target.checked ? [] : null)}
          />{' '}
          {t('discharge.letter.form.noneStated')}
        </label>
      )}
      {rows.map((line, index) =>
        row(
          columns.map(([key, label]) => (
            <input
              key={key}
              aria-label={`${label} ${index + 1}`}
              placeholder={label}
              type={key === 'date' ? 'date' : 'text'}
              value={line[key] ?? ''}
              onChange={(event) =>
                onChange(rows.map((other, i) => (i === index ? cell(other, key, event.target.value) : other)))
              }
            />
          )),
          index,
        ),
      )}
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => onChange([...rows, blank])}
      >
        {t('discharge.letter.form.addLine')}
      </button>
    </fieldset>
  );
}
