import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, testDialects } from '../../tests/support/test-database.ts';
import type { DatabaseHandle } from './database.ts';
import type { Database } from './database-schema.ts';
import { createUnnestInsert } from './unnest-insert.ts';

/** A table of every kind of column the stores insert, outside the product's schema. */
const PROBE = 'unnest_probe' as keyof Database;

type ProbeRow = {
  n: number;
  label: string | null;
  amount: number | null;
  at: Date | null;
  day: string | null;
  id: string | null;
  payload: string | null;
  content: Uint8Array | null;
};

const row = (n: number, overrides: Partial<ProbeRow> = {}): ProbeRow => ({
  n,
  label: `row ${n}`,
  amount: n / 4,
  at: new Date(Date.UTC(2026, 2, 1, 9, 30, 0, n)),
  day: '2026-03-01',
  id: `0190b5a2-0000-7000-8000-${String(n).padStart(12, '0')}`,
  payload: JSON.stringify({ n, text: `é "quoted" \\ {${n}}` }),
  content: Uint8Array.from([n, 0, 255, 92, 34]),
  ...overrides,
});

const parsed = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

for (const { dialect, skip } of testDialects()) {
  describe(`unnest insert on ${dialect}`, { skip }, () => {
    let handle: DatabaseHandle;
    const insert = createUnnestInsert('probe');
    before(async () => {
      handle = await openTestDatabase(dialect);
      await sql`create table unnest_probe (
        n integer primary key, label text, amount double precision, at timestamptz, day date, id uuid,
        payload jsonb, content bytea)`.execute(handle.db);
      await sql`create table unnest_probe_child (
        n integer primary key, parent integer not null references unnest_probe (n))`.execute(handle.db);
    });
    after(() => handle.close());

    const readBack = async (from: number, to: number) =>
      (
        await sql<
          ProbeRow & { payload: unknown }
        >`select * from unnest_probe where n between ${from} and ${to} order by n`.execute(handle.db)
      ).rows.map((stored) => ({
        ...stored,
        payload: stored.payload === null ? null : JSON.stringify(stored.payload),
        content: stored.content === null ? null : Uint8Array.from(stored.content),
      }));

    test('every value comes back as given, whatever must be escaped in an array literal', async () => {
      const rows = [
        row(1),
        row(2, { label: 'a "quote", a \\ backslash, {braces}, commas', payload: '[1,"x",null]' }),
        row(3, { label: 'NULL', amount: null, at: null, day: null, id: null, payload: null, content: null }),
        row(4, { label: '', amount: -0.1, payload: '"just text"' }),
        row(5, { label: '  spaces and\nnew line\tand tab  ', payload: '{"nested":{"a":[1,2]}}' }),
        row(6, { label: 'null' }),
        row(7, { label: 'NuLl' }),
        row(8, { label: 'a,b' }),
        row(9, { label: '{x}' }),
        row(10, { label: ' ' }),
        row(11, { label: 'plain-word_with.dots:and/slash' }),
      ];
      await insert(handle.db, PROBE, rows);
      const stored = await readBack(1, 11);
      assert.deepEqual(
        stored.map((s) => ({ ...s, payload: parsed(s.payload) })),
        rows.map((r) => ({ ...r, payload: parsed(r.payload) })),
      );
    });

    test('array columns take arrays of any length, each element as given', async () => {
      await sql`create table unnest_arrays (n integer primary key, ids uuid[], words text[])`.execute(
        handle.db,
      );
      const rows = [
        {
          n: 1,
          ids: [row(1).id, row(2).id, row(3).id],
          words: ['a "quote"', 'a,b', '{x}', 'NULL', 'c:\\temp'],
        },
        { n: 2, ids: [row(4).id], words: [] },
        { n: 3, ids: null, words: ['', ' spaced '] },
      ];
      await insert(handle.db, 'unnest_arrays' as keyof Database, rows);
      const { rows: stored } = await sql<
        (typeof rows)[number]
      >`select * from unnest_arrays order by n`.execute(handle.db);
      assert.deepEqual(stored, rows);
    });

    test('columns with one value in every row, and a single row, are written as given', async () => {
      const same = new Date('2026-03-02T10:00:00.123Z');
      const rows = [20, 21, 22].map((n) => row(n, { label: 'same', at: new Date(same), payload: '{}' }));
      await insert(handle.db, PROBE, rows);
      await insert(handle.db, PROBE, [row(23)]);
      // Every column constant but the key: rows still count.
      await insert(
        handle.db,
        PROBE,
        [30, 31].map((n) => ({ n, label: null })),
      );
      const stored = await readBack(20, 31);
      assert.deepEqual(
        stored.map((s) => [s.n, s.label, s.at?.toISOString() ?? null]),
        [
          [20, 'same', same.toISOString()],
          [21, 'same', same.toISOString()],
          [22, 'same', same.toISOString()],
          [23, 'row 23', row(23).at?.toISOString()],
          [30, null, null],
          [31, null, null],
        ],
      );
    });

    test('batches of one shape share its statement, each writing its own values', async () => {
      // The same columns, sent the same way (only `day` in one value): one statement built once.
      await insert(handle.db, PROBE, [row(60), row(61)]);
      await insert(handle.db, PROBE, [row(62, { label: null }), row(63)]);
      // `label` now the same in every row: a statement of its own shape.
      await insert(handle.db, PROBE, [row(64, { label: 'same' }), row(65, { label: 'same' })]);
      const expected = [row(60), row(61), row(62, { label: null }), row(63)].concat(
        [64, 65].map((n) => row(n, { label: 'same' })),
      );
      assert.deepEqual(
        (await readBack(60, 65)).map((s) => ({ ...s, payload: parsed(s.payload) })),
        expected.map((r) => ({ ...r, payload: parsed(r.payload) })),
      );
    });

    test('a row a unique index holds is skipped on request, refused otherwise', async () => {
      await insert(handle.db, PROBE, [row(40)]);
      await insert(handle.db, PROBE, [row(40, { label: 'again' }), row(41)], { onConflictDoNothing: true });
      assert.deepEqual(
        (await readBack(40, 41)).map((s) => s.label),
        ['row 40', 'row 41'],
      );
      await assert.rejects(insert(handle.db, PROBE, [row(41)]));
    });

    test('rows of several tables go in one statement, which writes all of them or none', async () => {
      const CHILD = 'unnest_probe_child' as keyof Database;
      await insert.together(handle.db, [
        [PROBE, [row(50), row(51)]],
        [
          CHILD,
          [
            { n: 1, parent: 50 },
            { n: 2, parent: 51 },
          ],
        ],
        [PROBE, []],
      ]);
      assert.deepEqual(
        (await readBack(50, 51)).map((s) => s.label),
        ['row 50', 'row 51'],
      );
      // The child's parent is written by the same statement: its foreign key is checked at its end.
      await insert.together(handle.db, [
        [CHILD, [{ n: 3, parent: 52 }]],
        [PROBE, [row(52)]],
      ]);
      assert.deepEqual(
        (await readBack(52, 52)).map((s) => s.n),
        [52],
      );
      // A refused row (its parent is missing) leaves the other table's rows unwritten too.
      await assert.rejects(
        insert.together(handle.db, [
          [PROBE, [row(53)]],
          [CHILD, [{ n: 4, parent: 99 }]],
        ]),
        /foreign key/,
      );
      assert.deepEqual(await readBack(53, 53), []);
    });
  });
}
