import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import type { Relais } from '../app.ts';
import {
  accountIdOf,
  bearer,
  createPatient,
  createProfessional,
  fictionalIns,
} from '../../tests/support/factories.ts';
import { notificationRequest } from '../../tests/support/notification-requests.ts';
import { decodedBody, decodedSubject, startSmtpSink } from '../../tests/support/smtp-sink.ts';
import { testDialects } from '../../tests/support/test-database.ts';
import { startTestRelais } from '../../tests/support/test-relais.ts';

// A name and birth date no template or header could contain by chance.
const PATIENT = {
  birthFamilyName: 'Zébulon-Quintard',
  firstGivenName: 'Philomène',
  givenNames: 'Philomène Aurore',
};

for (const { dialect, skip } of testDialects()) {
  describe(`notification e-mail over real SMTP on ${dialect}`, { skip }, () => {
    let relais: Relais;
    let sink: Awaited<ReturnType<typeof startSmtpSink>>;
    let now = new Date('2026-01-15T09:30:00Z'); // 10:30 in Paris
    before(async () => {
      sink = await startSmtpSink();
      relais = await startTestRelais(
        dialect,
        {
          email: { smtpUrl: sink.url, from: 'Relais <relais@test.invalid>' },
          publicUrl: 'https://relais.test',
        },
        { clock: () => now, scheduleJobs: false },
      );
    });
    after(async () => {
      await relais.close();
      await sink.close();
    });

    /** A GP with an e-mail address of their own, and one patient with a distinctive identity. */
    async function gpWithPatient(settings: Record<string, unknown> = {}) {
      const gp = await createProfessional(relais);
      const accountId = await accountIdOf(relais, gp.token);
      const address = `${gp.login}@example.org`;
      const ins = fictionalIns('female');
      const patientId = await createPatient(relais, [gp.practitionerId], { identity: { ...PATIENT, ins } });
      await saveSettings(gp.token, { emailAddress: address, ...settings });
      return { ...gp, accountId, address, patientId, ins };
    }

    async function saveSettings(token: string, settings: Record<string, unknown>) {
      const response = await relais.http.inject({
        method: 'PUT',
        url: '/api/me/notification-settings',
        headers: bearer(token),
        payload: {
          emailAddress: null,
          emailMode: 'urgent-now-digest-rest',
          digestHour: 8,
          detailLevel: 'minimal',
          ...settings,
        },
      });
      assert.equal(response.statusCode, 200, response.body);
    }

    const mailTo = (address: string) => sink.received.filter((mail) => mail.to.includes(address));
    const deliver = () => relais.jobs.emailDelivery!.runOnce();
    const emailState = (id: string) =>
      relais.database.db
        .selectFrom('notifications')
        .select(['email_plan', 'email_due_at', 'email_sent_at', 'email_attempts', 'email_last_error'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();

    function assertNoPatientIdentity(raw: string, gp: { patientId: string; ins: { matricule: string } }) {
      const texts = [raw, decodedBody(raw), decodedSubject(raw)];
      for (const secret of [
        'Zébulon',
        'Quintard',
        'ZEBULON',
        'Philomène',
        'Aurore',
        gp.ins.matricule,
        gp.patientId,
      ]) {
        for (const text of texts)
          assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `"${secret}" leaked`);
      }
    }

    test('urgent at once, the rest in the digest at 8 h Paris; minimal by default; no patient identity', async () => {
      const gp = await gpWithPatient();
      const about = { patientId: gp.patientId, link: `/patients/${gp.patientId}` };
      const [urgent, normal] = await relais.services.notifications.notify([
        notificationRequest(gp.accountId, {
          ...about,
          urgency: 'urgent',
          title: 'Nouvelle tâche : rappeler le patient',
        }),
        notificationRequest(gp.accountId, { ...about, title: 'Rappel : bilan sanguin à prévoir' }),
      ]);

      await deliver();
      const [first, ...others] = mailTo(gp.address);
      assert.ok(first !== undefined && others.length === 0, 'one e-mail, for the urgent one only');
      const body = decodedBody(first.raw);
      assert.equal(decodedSubject(first.raw), 'Relais : 1 nouvel élément');
      assert.match(body, /^Vous avez 1 nouvel élément dans Relais\.$/m);
      assert.match(
        body,
        /^https:\/\/relais\.test\/notifications$/m,
        'the link leads to the app, not to a record',
      );
      assert.match(first.raw, /^From: Relais <relais@test\.invalid>$/m);
      assert.ok(!body.includes('rappeler'), 'minimal: no title');
      assertNoPatientIdentity(first.raw, gp);
      const sent = await emailState(urgent!.id);
      assert.equal(sent.email_attempts, 1);
      assert.equal(sent.email_due_at, null);
      assert.equal(sent.email_sent_at?.getTime(), now.getTime());

      await deliver();
      assert.equal(mailTo(gp.address).length, 1, 'delivered once');

      // The detail level is read when the e-mail is written: switch to titles before the digest.
      await saveSettings(gp.token, { emailAddress: gp.address, detailLevel: 'titles' });
      now = new Date('2026-01-16T06:59:00Z');
      await deliver();
      assert.equal(mailTo(gp.address).length, 1, 'not before 8 h');
      now = new Date('2026-01-16T07:00:30Z');
      await deliver();
      const digest = mailTo(gp.address)[1];
      assert.ok(digest !== undefined, 'the digest left at 8 h Paris (07:00 UTC in winter)');
      const digestBody = decodedBody(digest.raw);
      assert.match(digestBody, /^Vous avez 1 nouvel élément dans Relais\.$/m);
      assert.match(digestBody, /^- Rappel : bilan sanguin à prévoir$/m);
      assertNoPatientIdentity(digest.raw, gp);
      assert.notEqual((await emailState(normal!.id)).email_sent_at, null);

      const events = await relais.database.db
        .selectFrom('events')
        .select('payload')
        .where('type', '=', 'notification.emailed')
        .execute();
      assert.equal(
        events.filter(
          (e) => (e.payload as { recipientAccountId: string }).recipientAccountId === gp.accountId,
        ).length,
        2,
      );
    });

    test('a refused e-mail keeps its delivery state and is retried after the backoff', async () => {
      const gp = await gpWithPatient({ emailMode: 'all-now' });
      const [notification] = await relais.services.notifications.notify([notificationRequest(gp.accountId)]);
      sink.refuseNext(1);
      await deliver();
      assert.equal(mailTo(gp.address).length, 0);
      const failed = await emailState(notification!.id);
      assert.equal(failed.email_attempts, 1);
      assert.match(failed.email_last_error ?? '', /421|not available/);
      assert.equal(failed.email_due_at?.getTime(), now.getTime() + 60_000, 'next try in a minute');
      await deliver();
      assert.equal(mailTo(gp.address).length, 0, 'not before the backoff');
      now = new Date(now.getTime() + 61_000);
      await deliver();
      assert.equal(mailTo(gp.address).length, 1);
      const delivered = await emailState(notification!.id);
      assert.equal(delivered.email_attempts, 2);
      assert.equal(delivered.email_last_error, null);
    });

    test('reading in the app, or turning e-mail off, cancels the e-mails not sent yet', async () => {
      const gp = await gpWithPatient({ emailMode: 'digest-only' });
      const [read, kept] = await relais.services.notifications.notify([
        notificationRequest(gp.accountId, { title: 'Lu dans l’application' }),
        notificationRequest(gp.accountId, { title: 'Encore en attente' }),
      ]);
      await relais.services.notifications.markRead(gp.accountId, read!.id);
      assert.equal((await emailState(read!.id)).email_due_at, null);
      assert.notEqual((await emailState(kept!.id)).email_due_at, null);
      await saveSettings(gp.token, { emailAddress: gp.address, emailMode: 'off' });
      assert.equal((await emailState(kept!.id)).email_due_at, null);
      now = new Date(now.getTime() + 2 * 24 * 60 * 60_000);
      await deliver();
      assert.equal(mailTo(gp.address).length, 0);
    });
  });
}

describe('the e-mail job with the app', () => {
  test('runs on its own timer, and close() stops it with nothing left running', async () => {
    const sink = await startSmtpSink();
    const logLines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(line) });
    const timersBefore = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const relais = await startTestRelais(
      'pglite',
      { email: { smtpUrl: sink.url, from: 'relais@test.invalid' }, emailDeliveryEveryMs: 50 },
      { logger },
    );
    try {
      const gp = await createProfessional(relais);
      const accountId = await accountIdOf(relais, gp.token);
      const put = await relais.http.inject({
        method: 'PUT',
        url: '/api/me/notification-settings',
        headers: bearer(gp.token),
        payload: {
          emailAddress: 'timer@example.org',
          emailMode: 'all-now',
          digestHour: 8,
          detailLevel: 'minimal',
        },
      });
      assert.equal(put.statusCode, 200, put.body);
      await relais.services.notifications.notify([notificationRequest(accountId)]);
      await sink.waitFor(1);
      assert.deepEqual(sink.received[0]?.to, ['timer@example.org']);
    } finally {
      await relais.close();
      await sink.close();
    }
    const timersAfter = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    assert.ok(timersAfter <= timersBefore, `timers left running: ${timersAfter - timersBefore}`);
    // A run after close would fail on the closed database and say so in the log.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(
      logLines.filter((line) => line.includes('job failed')),
      [],
    );
  });

  test('without SMTP the app runs and has no e-mail job', async () => {
    const relais = await startTestRelais('pglite');
    try {
      assert.equal(relais.jobs.emailDelivery, null);
      assert.equal((await relais.http.inject({ url: '/api/health' })).statusCode, 200);
    } finally {
      await relais.close();
    }
  });
});
