// The official openai SDK, unmodified, against batchwatch-sim: if the SDK accepts it, so will real users' scripts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { startSim } from './startsim.mjs';

const KEY = 'sk-sdk-test-key-0001';
const BATCHES = 250;
let sim;
let client;

before(async () => {
  // Fast simulated time so a created batch completes within the test.
  sim = await startSim(['--batches', String(BATCHES), '--seed', '7', '--speed', '200', '--api-key', KEY]);
  client = new OpenAI({ apiKey: KEY, baseURL: sim.baseURL, maxRetries: 0 });
});

after(() => sim?.child.kill());

test('auto-pagination lists every batch once, newest first', async () => {
  const seen = [];
  for await (const batch of client.batches.list({ limit: 100 })) seen.push(batch);
  assert.ok(seen.length >= BATCHES, `listed ${seen.length}`);
  assert.equal(new Set(seen.map((b) => b.id)).size, seen.length);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i - 1].created_at >= seen[i].created_at);
  const statuses = new Set(seen.map((b) => b.status));
  // Simulated time runs fast here, so only the long-lived statuses are sure to be on screen.
  for (const s of ['in_progress', 'completed', 'failed', 'expired', 'cancelled'])
    assert.ok(statuses.has(s), `no ${s} batch`);
});

test('retrieve returns the listed batch', async () => {
  const page = await client.batches.list({ limit: 3 });
  const first = page.data[0];
  const again = await client.batches.retrieve(first.id);
  assert.equal(again.id, first.id);
  assert.equal(again.object, 'batch');
  assert.equal(again.input_file_id, first.input_file_id);
});

test('errors come back as the SDK error classes with the API message', async () => {
  await assert.rejects(client.batches.list({ limit: 101 }), (err) => {
    assert.ok(err instanceof OpenAI.BadRequestError);
    assert.equal(err.status, 400);
    assert.equal(err.code, 'integer_above_max_value');
    assert.equal(err.param, 'limit');
    assert.match(err.requestID, /^req_/);
    return true;
  });
  await assert.rejects(client.batches.retrieve('batch_does_not_exist'), (err) => {
    assert.ok(err instanceof OpenAI.NotFoundError);
    assert.match(err.message, /batch_does_not_exist/);
    return true;
  });
  const stranger = new OpenAI({ apiKey: 'sk-wrong-key-9999', baseURL: sim.baseURL, maxRetries: 0 });
  await assert.rejects(stranger.batches.list(), (err) => {
    assert.ok(err instanceof OpenAI.AuthenticationError);
    assert.equal(err.code, 'invalid_api_key');
    return true;
  });
});

test('cancel moves a running batch to cancelling and refuses a finished one', async () => {
  const all = [];
  for await (const batch of client.batches.list({ limit: 100 })) all.push(batch);
  const running = all.find((b) => b.status === 'in_progress');
  assert.ok(running, 'no running batch to cancel');
  const cancelled = await client.batches.cancel(running.id);
  assert.equal(cancelled.status, 'cancelling');
  assert.ok(cancelled.cancelling_at > 0);

  const done = all.find((b) => b.status === 'completed');
  await assert.rejects(client.batches.cancel(done.id), (err) => {
    assert.equal(err.status, 400);
    assert.match(err.message, /Cannot cancel/);
    return true;
  });
});

test('output and error files download with one line per request that ran', async () => {
  let checked = 0;
  for await (const batch of client.batches.list({ limit: 100 })) {
    if (batch.status !== 'completed' || !batch.output_file_id || !batch.error_file_id) continue;
    const meta = await client.files.retrieve(batch.output_file_id);
    const text = await (await client.files.content(batch.output_file_id)).text();
    assert.equal(Buffer.byteLength(text), meta.bytes);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    // The output holds the successes and, with their non-2xx status, some failures; the error file the rest.
    const ok = lines.filter((l) => l.response.status_code >= 200 && l.response.status_code < 300);
    assert.equal(ok.length, batch.request_counts.completed);
    assert.ok(lines.every((l) => l.custom_id));

    const errors = (await (await client.files.content(batch.error_file_id)).text()).trim().split('\n');
    assert.equal(errors.length + lines.length - ok.length, batch.request_counts.failed);
    checked++;
    break;
  }
  assert.equal(checked, 1, 'no completed batch with both files');
});

test('upload a file, create a batch, watch it complete', async () => {
  const lines = [1, 2, 3].map((n) => JSON.stringify({
    custom_id: `req-${n}`, method: 'POST', url: '/v1/chat/completions',
    body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Say ${n}` }] },
  }));
  const file = await client.files.create({ file: await toFile(Buffer.from(lines.join('\n') + '\n'), 'input.jsonl'), purpose: 'batch' });
  assert.match(file.id, /^file-/);
  assert.equal(file.purpose, 'batch');

  const batch = await client.batches.create({
    input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { test: 'sdk' },
  });
  assert.equal(batch.status, 'validating');
  assert.deepEqual(batch.metadata, { test: 'sdk' });

  const newest = await client.batches.list({ limit: 1 });
  assert.equal(newest.data[0].id, batch.id);

  let current = batch;
  for (let i = 0; i < 100 && current.status !== 'completed'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    current = await client.batches.retrieve(batch.id);
  }
  assert.equal(current.status, 'completed');
  assert.equal(current.request_counts.total, 3);
  assert.equal(current.request_counts.completed, 3);
  const output = await (await client.files.content(current.output_file_id)).text();
  assert.deepEqual(output.trim().split('\n').map((l) => JSON.parse(l).custom_id).sort(), ['req-1', 'req-2', 'req-3']);
});
