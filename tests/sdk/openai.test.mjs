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
  sim = await startSim(['--batches', String(BATCHES), '--seed', '7', '--speed', '200', '--api-key', KEY,
    '--created-failed-share', '0.25']);
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

// custom_ids a script may well use: spaces, quotes, backslashes, accents, CJK and an emoji beyond the BMP.
const HOSTILE = (n) => (n % 4 === 1 ? `row ${n} "quoted" \\ z\u00fcrich \u8bc4\u4f30 \u{1F4CA}` : `item-${n * 7}`);

async function waitUntilEnded(id) {
  let current = await client.batches.retrieve(id);
  for (let i = 0; i < 200 && !['completed', 'failed', 'expired', 'cancelled'].includes(current.status); i++) {
    await new Promise((r) => setTimeout(r, 50));
    current = await client.batches.retrieve(id);
  }
  return current;
}

async function resultLines(fileId) {
  if (!fileId) return [];
  const text = await (await client.files.content(fileId)).text();
  return text.split('\n').filter((l) => l).map((l) => JSON.parse(l));
}

test('an uploaded file\'s custom_ids come back in its results, and a retry file of the failures works the same', async () => {
  const ids = Array.from({ length: 24 }, (_, i) => HOSTILE(i + 1));
  const jsonl = ids.map((id, i) => JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions',
    body: { model: i % 2 ? 'gpt-4.1' : 'gpt-4.1-mini', messages: [{ role: 'user', content: `Q ${i}` }] } })).join('\n') + '\n';
  const file = await client.files.create({ file: await toFile(Buffer.from(jsonl), 'hostile ids.jsonl'), purpose: 'batch' });
  const created = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
  assert.equal(created.model, 'gpt-4.1-mini');
  const batch = await waitUntilEnded(created.id);
  assert.equal(batch.status, 'completed');
  assert.equal(batch.request_counts.total, ids.length);
  const output = await resultLines(batch.output_file_id);
  const errors = await resultLines(batch.error_file_id);
  assert.deepEqual([...output, ...errors].map((l) => l.custom_id).sort(), [...ids].sort());
  const ok = output.filter((l) => l.response.status_code === 200);
  assert.equal(ok.length, batch.request_counts.completed);
  assert.equal(output.length - ok.length + errors.length, batch.request_counts.failed);
  assert.ok(batch.request_counts.failed > 0, 'the simulator was started with --created-failed-share');
  for (const line of ok) assert.equal(line.response.body.model, ids.indexOf(line.custom_id) % 2 ? 'gpt-4.1' : 'gpt-4.1-mini');
  const input = await (await client.files.content(batch.input_file_id)).text();
  assert.equal(input, jsonl); // the input file is the upload, byte for byte

  // What a retry does: the failed requests' exact input lines, uploaded, created with the link in metadata.
  const failedIds = new Set([...output.filter((l) => l.response.status_code !== 200), ...errors].map((l) => l.custom_id));
  const retryLines = jsonl.split('\n').filter((l) => l && failedIds.has(JSON.parse(l).custom_id));
  const retryFile = await client.files.create({ file: await toFile(Buffer.from(retryLines.join('\n') + '\n'), 'retry.jsonl'), purpose: 'batch' });
  const retry = await client.batches.create({ input_file_id: retryFile.id, endpoint: '/v1/chat/completions',
    completion_window: '24h', metadata: { batchwatch_retry_of: batch.id } });
  assert.deepEqual(retry.metadata, { batchwatch_retry_of: batch.id });
  const retried = await waitUntilEnded(retry.id);
  assert.equal(retried.request_counts.total, failedIds.size);
  const again = [...await resultLines(retried.output_file_id), ...await resultLines(retried.error_file_id)];
  assert.deepEqual(new Set(again.map((l) => l.custom_id)), failedIds);
});

test('a terminal, failure-heavy batch from the test hook: counts and files agree, some failures inside the output', async () => {
  for (const outcome of ['completed', 'expired', 'cancelled']) {
    const made = await (await fetch(`${sim.root}/v1/_sim/batches`, { method: 'POST',
      body: JSON.stringify({ requests: 900, outcome, failed_share: 0.6, ended: true, endpoint: '/v1/chat/completions' }) })).json();
    const batch = await client.batches.retrieve(made.id);
    assert.equal(batch.status, outcome);
    const input = await resultLines(batch.input_file_id);
    const output = await resultLines(batch.output_file_id);
    const errors = await resultLines(batch.error_file_id);
    const c = batch.request_counts;
    assert.equal(input.length, c.total);
    const ok = output.filter((l) => l.response.status_code === 200);
    assert.equal(ok.length, c.completed);
    assert.ok(output.length > ok.length, 'no non-2xx line in the output');
    assert.equal(output.length - ok.length + errors.length, c.failed);
    const answered = new Set([...output, ...errors].map((l) => l.custom_id));
    assert.equal(answered.size, c.completed + c.failed);
    const inputIds = input.map((l) => l.custom_id);
    for (const id of answered) assert.ok(inputIds.includes(id));
    if (outcome !== 'completed') assert.ok(c.total - c.completed - c.failed > 0, 'no request left unrun');
  }
});
