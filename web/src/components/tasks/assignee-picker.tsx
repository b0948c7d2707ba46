import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CARE_TEAM_ROLE_CODES } from '../../../../src/contracts/care-team-role-codes.ts';
import { api } from '../../api-client.ts';
import type { TaskAssignee } from '../../api-types.ts';
import { roleLabel } from '../../labels.ts';
import { useSession } from '../../session-context.ts';
import { useResource } from '../../use-resource.ts';

export type AssigneeKind = 'me' | 'practitioner' | 'role' | 'service';

/**
 * Chooses who must do a task: me, a professional of the directory, a role in the patient's care team,
 * or a hospital service. Calls `onChange` with the assignee, or null while the choice is incomplete.
 */
export function AssigneePicker({
  kinds,
  onChange,
  testId,
}: {
  kinds: readonly AssigneeKind[];
  onChange: (assignee: TaskAssignee | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const id = useId();
  const [kind, setKind] = useState<AssigneeKind>(kinds[0] ?? 'me');
  const [choice, setChoice] = useState('');
  const practitioners = useResource(kind === 'practitioner' ? 'practitioners' : null, (signal) =>
    api.practitioners(signal),
  );
  const services = useResource(kind === 'service' ? 'services' : null, (signal) => api.services(signal));

  const choose = (nextKind: AssigneeKind, value: string): void => {
    setKind(nextKind);
    setChoice(value);
    onChange(assigneeOf(nextKind, value, me.practitionerId));
  };
  const options: { value: string; label: string }[] =
    kind === 'role'
      ? CARE_TEAM_ROLE_CODES.map((role) => ({ value: role, label: roleLabel(role) }))
      : kind === 'service'
        ? services.status === 'ready'
          ? services.data.items.map((s) => ({ value: s.id, label: s.name }))
          : []
        : kind === 'practitioner' && practitioners.status === 'ready'
          ? practitioners.data.items.map((p) => ({ value: p.id, label: `${p.givenName} ${p.familyName}` }))
          : [];
  const chooseLabel =
    kind === 'role'
      ? t('tasks.assignee.chooseRole')
      : kind === 'service'
        ? t('tasks.assignee.chooseService')
        : t('tasks.assignee.choosePractitioner');

  return (
    <div className="assignee-picker" data-testid={testId}>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('tasks.assignee.kind')}</label>
        <select
          id={`${id}-kind`}
          data-testid={`${testId}-kind`}
          value={kind}
          onChange={(event) => choose(event.target.value as AssigneeKind, '')}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`tasks.assignee.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {kind !== 'me' && (
        <div className="field">
          <label htmlFor={`${id}-choice`}>{chooseLabel}</label>
          <select
            id={`${id}-choice`}
            data-testid={`${testId}-choice`}
            value={choice}
            required
            onChange={(event) => choose(kind, event.target.value)}
          >
            <option value="">{t('tasks.assignee.choose')}</option>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}

/** The assignee a choice stands for, or null while it is incomplete (parents start from `kinds[0]`). */
export function assigneeOf(kind: AssigneeKind, value: string, myId: string | null): TaskAssignee | null {
  switch (kind) {
    case 'me':
      return myId === null ? null : { kind: 'practitioner', practitionerId: myId };
    case 'practitioner':
      return value === '' ? null : { kind: 'practitioner', practitionerId: value };
    case 'service':
      return value === '' ? null : { kind: 'service', organizationId: value };
    case 'role': {
      const role = CARE_TEAM_ROLE_CODES.find((code) => code === value);
      return role === undefined ? null : { kind: 'care-team-role', role };
    }
  }
}
