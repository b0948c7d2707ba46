import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionStatus, type SessionPolicy } from './session-lifetime.ts';

const POLICY: SessionPolicy = { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 };
const at = (hour: number, minute: number) => new Date(Date.UTC(2026, 10, 23, hour, minute));

test('a session idle for the idle time is over; activity keeps it, but not past its lifetime', () => {
  const session = { createdAt: at(8, 0), lastSeenAt: at(8, 0) };
  assert.equal(sessionStatus(session, new Date(at(8, 0).getTime() + 30_000), POLICY), 'live');
  assert.equal(sessionStatus(session, at(8, 1), POLICY), 'live-touch');
  assert.equal(sessionStatus(session, at(8, 29), POLICY), 'live-touch');
  assert.equal(sessionStatus(session, at(8, 30), POLICY), 'expired');
  assert.equal(
    sessionStatus({ createdAt: at(8, 0), lastSeenAt: at(19, 50) }, at(19, 59), POLICY),
    'live-touch',
  );
  assert.equal(sessionStatus({ createdAt: at(8, 0), lastSeenAt: at(19, 50) }, at(20, 0), POLICY), 'expired');
});
