// The official @anthropic-ai/sdk, unmodified, against batchwatch-sim --dialect anthropic: Message Batches with
// after_id/before_id pages, cancel, JSONL results from results_url, and both ways of sending the key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startSim } from './startsim.mjs';

const KEY = 'sk-ant-sdk-test-key-0001';
const BATCHES = 250;
let sim;
let client;

before(async () => {
  sim = await startSim(['--dialect', 'anthropic', '--batches', String(BATCHES), '--seed', '7', '--speed', '200',
    '--api-key', KEY, '--created-failed-share', '0.25']);
  client = new Anthropic({ apiKey: KEY, baseURL: sim.baseURL, maxRetries: 0 });
});

after(() => sim?.child.kill());

async function listAll(params = { limit: 100 }) {
  const seen = [];
  for await (const batch of client.messages.batches.list(params)) seen.push(batch);
  return seen;
}

// The rule a reader applies to tell the OpenAI status of an ended batch from its counts.
function endedAs(b) {
  const c = b.request_counts;
  if (c.canceled > 0) return 'cancelled';
  if (c.expired > 0) return 'expired';
  if (c.succeeded === 0 && c.errored > 0) return 'failed';
  return 'completed';
}

test('auto-pagination lists every batch once, newest first, in the Message Batch shape', async () => {
  const seen = await listAll();
  assert.equal(seen.length, BATCHES);
  assert.equal(new Set(seen.map((b) => b.id)).size, BATCHES);
  for (let i = 1; i < seen.length; i++) assert.ok(Date.parse(seen[i - 1].created_at) >= Date.parse(seen[i].created_at));
  for (const b of seen) {
    assert.match(b.id, /^msgbatch_/);
    assert.equal(b.type, 'message_batch');
    assert.match(b.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
    assert.deepEqual(Object.keys(b.request_counts).sort(), ['canceled', 'errored', 'expired', 'processing', 'succeeded']);
    if (b.processing_status === 'ended') {
      assert.ok(b.ended_at && b.results_url.startsWith(`${sim.baseURL}/v1/messages/batches/${b.id}/results`));
      assert.equal(b.request_counts.processing, 0);
      if (endedAs(b) === 'cancelled') assert.ok(b.cancel_initiated_at);
    } else {
      assert.equal(b.results_url, null);
      assert.equal(b.ended_at, null);
    }
  }
  const ended = new Set(seen.filter((b) => b.processing_status === 'ended').map(endedAs));
  for (const s of ['completed', 'failed', 'expired', 'cancelled']) assert.ok(ended.has(s), `no ended batch reads as ${s}`);
  assert.ok(seen.some((b) => b.processing_status === 'in_progress'));
});

test('before_id pages back towards the newest batch', async () => {
  const all = await listAll();
  const page = await client.messages.batches.list({ before_id: all[30].id, limit: 10 });
  assert.deepEqual(page.data.map((b) => b.id), all.slice(20, 30).map((b) => b.id));
  assert.equal(page.has_more, true);
  assert.equal(page.first_id, all[20].id);
  const backwards = [];
  for await (const b of client.messages.batches.list({ before_id: all[30].id, limit: 7 })) backwards.push(b.id);
  assert.deepEqual(new Set(backwards), new Set(all.slice(0, 30).map((b) => b.id)));
});

test('retrieve, cancel, and a cancel of an ended batch refused', async () => {
  const all = await listAll();
  const again = await client.messages.batches.retrieve(all[3].id);
  assert.equal(again.id, all[3].id);
  const running = all.find((b) => b.processing_status === 'in_progress' && b.request_counts.processing > 0);
  const cancelling = await client.messages.batches.cancel(running.id);
  assert.equal(cancelling.processing_status, 'canceling');
  assert.ok(cancelling.cancel_initiated_at);
  const ended = all.find((b) => b.processing_status === 'ended');
  await assert.rejects(client.messages.batches.cancel(ended.id), (err) => {
    assert.ok(err instanceof Anthropic.BadRequestError);
    assert.equal(err.error.type, 'error');
    assert.equal(err.error.error.type, 'invalid_request_error');
    return true;
  });
});

test('results stream one JSONL line per request, with the counts the batch shows', async () => {
  const all = await listAll();
  const batch = all.find((b) => b.processing_status === 'ended' && b.request_counts.succeeded > 0 &&
    b.request_counts.errored > 0);
  assert.ok(batch, 'no ended batch with successes and errors');
  const byType = { succeeded: 0, errored: 0, canceled: 0, expired: 0 };
  const ids = new Set();
  for await (const line of await client.messages.batches.results(batch.id)) {
    byType[line.result.type]++;
    ids.add(line.custom_id);
    if (line.result.type === 'succeeded') assert.equal(line.result.message.content[0].type, 'text');
  }
  const c = batch.request_counts;
  assert.deepEqual(byType, { succeeded: c.succeeded, errored: c.errored, canceled: c.canceled, expired: c.expired });
  assert.equal(ids.size, c.succeeded + c.errored + c.canceled + c.expired);
  const running = all.find((b) => b.processing_status === 'in_progress');
  await assert.rejects(client.messages.batches.results(running.id), /results_url/);
});

test('x-api-key with anthropic-version works too; a wrong key gets the error shape and a request-id', async () => {
  const raw = await fetch(`${sim.baseURL}/v1/messages/batches?limit=1`,
    { headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' } });
  assert.equal(raw.status, 200);
  assert.equal((await raw.json()).data.length, 1);
  const noVersion = await fetch(`${sim.baseURL}/v1/messages/batches`, { headers: { 'x-api-key': KEY } });
  assert.equal(noVersion.status, 400);
  const stranger = new Anthropic({ apiKey: 'sk-ant-wrong', baseURL: sim.baseURL, maxRetries: 0 });
  await assert.rejects(stranger.messages.batches.list(), (err) => {
    assert.ok(err instanceof Anthropic.AuthenticationError);
    assert.equal(err.error.error.type, 'authentication_error');
    assert.match(err.requestID, /^req_/);
    return true;
  });
  await assert.rejects(client.messages.batches.list({ limit: 1001 }), (err) => err.status === 400);
  await assert.rejects(client.messages.batches.retrieve('msgbatch_nope'), (err) => err instanceof Anthropic.NotFoundError);
});

test('create a batch from inline requests and watch it end with every request succeeded', async () => {
  const requests = [1, 2, 3].map((n) => ({
    custom_id: `req-${n}`,
    params: { model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: `Say ${n}` }] },
  }));
  const created = await client.messages.batches.create({ requests });
  assert.match(created.id, /^msgbatch_/);
  assert.equal(created.processing_status, 'in_progress');
  assert.equal(created.request_counts.processing, 3);
  const newest = await client.messages.batches.list({ limit: 1 });
  assert.equal(newest.data[0].id, created.id);
  let current = created;
  for (let i = 0; i < 100 && current.processing_status !== 'ended'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    current = await client.messages.batches.retrieve(created.id);
  }
  assert.equal(current.processing_status, 'ended');
  assert.deepEqual(current.request_counts, { processing: 0, succeeded: 3, errored: 0, canceled: 0, expired: 0 });
  const lines = [];
  for await (const line of await client.messages.batches.results(created.id)) lines.push(line);
  assert.equal(lines.length, 3);
  assert.ok(lines.every((l) => l.result.type === 'succeeded' && l.result.message.model === 'claude-haiku-4-5'));
  assert.deepEqual(lines.map((l) => l.custom_id).sort(), ['req-1', 'req-2', 'req-3']);
  await assert.rejects(client.messages.batches.create({ requests: [] }), (err) => err.status === 400);
});

test('the results of a created batch carry its custom_ids, typed as its counts say', async () => {
  const ids = Array.from({ length: 30 }, (_, i) => `ticket_${1000 + i * 13}-${i % 3 ? 'a' : 'B'}`);
  const created = await client.messages.batches.create({ requests: ids.map((custom_id) => ({
    custom_id, params: { model: 'claude-sonnet-4-5', max_tokens: 32, messages: [{ role: 'user', content: custom_id }] } })) });
  let batch = created;
  for (let i = 0; i < 200 && batch.processing_status !== 'ended'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    batch = await client.messages.batches.retrieve(created.id);
  }
  assert.equal(batch.processing_status, 'ended');
  const byType = { succeeded: 0, errored: 0, canceled: 0, expired: 0 };
  const seen = [];
  for await (const line of await client.messages.batches.results(created.id)) {
    byType[line.result.type]++;
    seen.push(line.custom_id);
    if (line.result.type === 'errored') assert.equal(line.result.error.type, 'error');
  }
  assert.deepEqual(seen.slice().sort(), ids.slice().sort());
  assert.notDeepEqual(seen, ids); // in the order they ran, not the order sent
  const { processing, ...counts } = batch.request_counts;
  assert.equal(processing, 0);
  assert.deepEqual(byType, counts);
  assert.ok(counts.errored > 0, 'the simulator was started with --created-failed-share');
});

test('a cancelled batch from the test hook: its results hold canceled lines for the requests that never ran', async () => {
  const made = await (await fetch(`${sim.root}/v1/_sim/batches`, { method: 'POST',
    body: JSON.stringify({ requests: 400, outcome: 'cancelled', failed_share: 0.5, ended: true }) })).json();
  const batch = await client.messages.batches.retrieve(made.id);
  assert.equal(batch.processing_status, 'ended');
  assert.equal(endedAs(batch), 'cancelled');
  const byType = { succeeded: 0, errored: 0, canceled: 0, expired: 0 };
  const ids = new Set();
  for await (const line of await client.messages.batches.results(made.id)) {
    byType[line.result.type]++;
    ids.add(line.custom_id);
  }
  const { processing, ...counts } = batch.request_counts;
  assert.deepEqual(byType, counts);
  assert.equal(ids.size, 400);
});
