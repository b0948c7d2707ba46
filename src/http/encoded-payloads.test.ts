import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { encodeTextPayloads } from './encoded-payloads.ts';

test('a text body beyond Latin-1 leaves as its UTF-8 bytes, with their length and its own media type', async () => {
  const app = Fastify();
  encodeTextPayloads(app);
  // What the hooks after it see: the bytes, not the string.
  const seen: boolean[] = [];
  app.addHook('onSend', async (_request, _reply, payload) => {
    seen.push(Buffer.isBuffer(payload));
  });
  const title = "Diabète de type 2 de l'adulte — suivi ; fond d'œil 👁";
  app.get('/json', () => ({ title }));
  app.get('/text', (_request, reply) => reply.type('text/csv; charset=utf-8').send(`a;b\n${title};1\n`));
  try {
    const json = await app.inject({ url: '/json' });
    assert.equal(json.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(Number(json.headers['content-length']), json.rawPayload.length);
    assert.equal(json.rawPayload.length, Buffer.byteLength(JSON.stringify({ title })));
    assert.deepEqual(json.json(), { title });
    const text = await app.inject({ url: '/text' });
    assert.equal(text.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(text.body, `a;b\n${title};1\n`);
    assert.equal(Number(text.headers['content-length']), Buffer.byteLength(text.body));
    assert.deepEqual(seen, [true, true]);
  } finally {
    await app.close();
  }
});
