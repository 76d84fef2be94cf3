// The openai package's AzureOpenAI client, unmodified, against batchwatch-sim --dialect azure: the dated paths
// (/openai/batches?api-version=V), the v1 paths (/openai/v1/batches), the api-key header and Entra ID tokens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI, { AzureOpenAI, toFile } from 'openai';
import { startSim, simStats } from './startsim.mjs';

const KEY = 'azure-sdk-test-key-0001';
const TOKEN = 'entra-id-token-for-tests';
const BATCHES = 250;
let sim;
let dated;
let v1;

before(async () => {
  sim = await startSim(['--dialect', 'azure', '--batches', String(BATCHES), '--seed', '7', '--speed', '200',
    '--api-key', KEY, '--ad-token', TOKEN]);
  // The endpoint is what the first line prints: the client adds /openai itself.
  dated = new AzureOpenAI({ endpoint: sim.baseURL, apiKey: KEY, apiVersion: '2024-10-21', maxRetries: 0 });
  v1 = new AzureOpenAI({ baseURL: `${sim.baseURL}/openai/v1`, apiKey: KEY, apiVersion: 'preview', maxRetries: 0 });
});

after(() => sim?.child.kill());

async function listAll(client) {
  const seen = [];
  for await (const batch of client.batches.list({ limit: 100 })) seen.push(batch);
  return seen;
}

test('both path styles list the whole account, newest first, through the SDK pagination', async () => {
  const before = await simStats(sim.root);
  const viaDated = await listAll(dated);
  const viaV1 = await listAll(v1);
  assert.equal(viaDated.length, BATCHES);
  assert.deepEqual(viaV1.map((b) => b.id), viaDated.map((b) => b.id));
  assert.equal(new Set(viaDated.map((b) => b.id)).size, BATCHES);
  for (let i = 1; i < viaDated.length; i++) assert.ok(viaDated[i - 1].created_at >= viaDated[i].created_at);
  for (const s of ['in_progress', 'completed', 'failed', 'expired', 'cancelled'])
    assert.ok(viaDated.some((b) => b.status === s), `no ${s} batch`);
  const after = await simStats(sim.root);
  assert.equal(after.by_route['GET batches'] - (before.by_route['GET batches'] ?? 0), 6); // 3 pages each
});

test('retrieve and cancel through the dated API', async () => {
  const all = await listAll(dated);
  const again = await dated.batches.retrieve(all[0].id);
  assert.equal(again.id, all[0].id);
  assert.equal(again.object, 'batch');
  const running = all.find((b) => b.status === 'in_progress');
  const cancelled = await dated.batches.cancel(running.id);
  assert.equal(cancelled.status, 'cancelling');
  const done = all.find((b) => b.status === 'completed');
  await assert.rejects(v1.batches.cancel(done.id), (err) => {
    assert.ok(err instanceof OpenAI.BadRequestError);
    assert.equal(err.code, 'batch_not_cancellable');
    assert.match(err.message, /Cannot cancel/);
    return true;
  });
});

test('output files read through both path styles', async () => {
  const all = await listAll(v1);
  const batch = all.find((b) => b.status === 'completed' && b.output_file_id);
  assert.ok(batch, 'no completed batch with an output file');
  const meta = await dated.files.retrieve(batch.output_file_id);
  const text = await (await v1.files.content(batch.output_file_id)).text();
  assert.equal(Buffer.byteLength(text), meta.bytes);
  const lines = text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.filter((l) => l.response.status_code === 200).length, batch.request_counts.completed);
});

test('an Entra ID token and the key as a bearer token (the OpenAI client on v1) are accepted', async () => {
  const withToken = new AzureOpenAI({ endpoint: sim.baseURL, azureADTokenProvider: async () => TOKEN,
    apiVersion: '2024-10-21', maxRetries: 0 });
  assert.equal((await withToken.batches.list({ limit: 2 })).data.length, 2);
  const plain = new OpenAI({ baseURL: `${sim.baseURL}/openai/v1`, apiKey: KEY, maxRetries: 0 });
  assert.equal((await plain.batches.list({ limit: 2 })).data.length, 2);
});

test('wrong credentials, a dated path without api-version and unknown ids answer in Azure\'s error shape', async () => {
  const stranger = new AzureOpenAI({ endpoint: sim.baseURL, apiKey: 'wrong-key-9999', apiVersion: '2024-10-21',
    maxRetries: 0 });
  await assert.rejects(stranger.batches.list(), (err) => {
    assert.ok(err instanceof OpenAI.AuthenticationError);
    assert.equal(err.code, '401');
    assert.match(err.message, /Access denied/);
    return true;
  });
  const badToken = new AzureOpenAI({ endpoint: sim.baseURL, azureADTokenProvider: async () => 'not-the-token',
    apiVersion: '2024-10-21', maxRetries: 0 });
  await assert.rejects(badToken.batches.list(), (err) => err.status === 401);
  await assert.rejects(dated.batches.retrieve('batch_does_not_exist'), (err) => {
    assert.ok(err instanceof OpenAI.NotFoundError);
    assert.match(err.message, /batch_does_not_exist/);
    return true;
  });
  const raw = await fetch(`${sim.baseURL}/openai/batches`, { headers: { 'api-key': KEY } });
  assert.equal(raw.status, 404);
  const body = await raw.json();
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message']);
  assert.ok(raw.headers.get('apim-request-id'));
});

test('upload through the dated API, create, and read the results through v1: the uploaded custom_ids come back', async () => {
  const ids = ['alpha one', 'b\u00e9ta "2"', 'gamma\\3', '\u8bc4\u4f30-4', 'delta-5'];
  const jsonl = ids.map((id) => JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions',
    body: { model: 'gpt-4o-mini-batch', messages: [{ role: 'user', content: id }] } })).join('\n') + '\n';
  const file = await dated.files.create({ file: await toFile(Buffer.from(jsonl), 'azure.jsonl'), purpose: 'batch' });
  assert.match(file.id, /^file-/);
  const created = await dated.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
  let batch = created;
  for (let i = 0; i < 200 && batch.status !== 'completed'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    batch = await v1.batches.retrieve(created.id);
  }
  assert.equal(batch.status, 'completed');
  assert.equal(batch.request_counts.total, ids.length);
  const text = await (await v1.files.content(batch.output_file_id)).text();
  const lines = text.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.custom_id).sort(), [...ids].sort());
  assert.ok(lines.every((l) => l.response.body.model === 'gpt-4o-mini-batch'));
});
