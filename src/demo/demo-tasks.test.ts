import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateNewTask } from '../domain/tasks/task.ts';
import { bucketBounds, bucketOf } from '../domain/tasks/worklist.ts';
import { buildDemoTasks, type DemoCareTeam } from './demo-tasks.ts';
import { buildDemoDirectory } from './demo-territory.ts';
import { seededRandom } from './seeded-random.ts';

const NOW = new Date('2025-06-15T09:30:00Z');

test('demo tasks are valid, explained, keyed once, and fall overdue, today and soon', () => {
  let n = 0;
  const directory = buildDemoDirectory(
    seededRandom(42),
    () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`,
  );
  const gp = directory.practitioners.find((p) => p.specialty === 'general_practice');
  const nurse = directory.practitioners.find((p) => p.profession === 'nurse');
  assert.ok(gp !== undefined && nurse !== undefined);
  const teams: DemoCareTeam[] = [
    {
      patientId: '10000000-0000-4000-8000-000000000001',
      members: [{ practitionerId: gp.id, role: 'medecin_traitant' }],
    },
    {
      patientId: '10000000-0000-4000-8000-000000000002',
      members: [
        { practitionerId: gp.id, role: 'medecin_traitant' },
        { practitionerId: nurse.id, role: 'nurse' },
      ],
    },
  ];
  const plan = buildDemoTasks(directory, teams, NOW);
  for (const command of plan.system) validateNewTask(command, command.origin, command.idempotencyKey);
  for (const { task } of plan.manual)
    validateNewTask(task, { kind: 'manual', ref: null, explanation: null }, null);
  const keys = plan.system.map((command) => command.idempotencyKey);
  assert.equal(new Set(keys).size, keys.length);
  assert.deepEqual(
    plan.manual.map((m) => m.practitionerId),
    [gp.id],
  );
  const bounds = bucketBounds(NOW);
  const buckets = new Set(plan.system.map((command) => bucketOf(command.dueAt, bounds)));
  assert.deepEqual([...buckets].sort(), ['overdue', 'soon', 'today']);
  // The nurse has one patient: all the nurse's tasks are for that patient.
  const nurseTasks = plan.system.filter(
    (c) => c.assignee.kind === 'care-team-role' && c.assignee.role === 'nurse',
  );
  assert.equal(nurseTasks.length, 3);
  assert.ok(nurseTasks.every((c) => c.patientId === teams[1]?.patientId));
});
