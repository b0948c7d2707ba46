import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LiveMessage } from '../domain/live/live-channel.ts';
import { createInProcessLiveHub } from './in-process-live-hub.ts';

test('messages reach every connection of the addressed accounts, and no one else', () => {
  const hub = createInProcessLiveHub();
  const got: string[] = [];
  hub.subscribe('anne', (m) => got.push(`anne-1:${m.type}`));
  hub.subscribe('anne', (m) => got.push(`anne-2:${m.type}`));
  hub.subscribe('bruno', (m) => got.push(`bruno:${m.type}`));
  hub.publish(['anne'], { type: 'notification', data: {} });
  hub.publish(['bruno', 'nobody'], { type: 'worklist-changed', data: {} });
  assert.deepEqual(got, ['anne-1:notification', 'anne-2:notification', 'bruno:worklist-changed']);
});

test('unsubscribing stops delivery, and a late second unsubscribe leaves newer connections alone', () => {
  const hub = createInProcessLiveHub();
  const got: LiveMessage[] = [];
  const first = hub.subscribe('anne', (m) => got.push(m));
  first();
  hub.publish(['anne'], { type: 'notification', data: 1 });
  assert.equal(got.length, 0);
  hub.subscribe('anne', (m) => got.push(m));
  first(); // already unsubscribed: must not drop the new connection
  hub.publish(['anne'], { type: 'notification', data: 2 });
  assert.deepEqual(
    got.map((m) => m.data),
    [2],
  );
});

test('a type that cannot be an SSE event name is refused', () => {
  const hub = createInProcessLiveHub();
  for (const type of ['', 'Notification', 'two\nlines', 'data: x']) {
    assert.throws(() => hub.publish(['anne'], { type, data: null }), /lower-case token/);
  }
});
