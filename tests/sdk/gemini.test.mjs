// The official @google/genai SDK, unmodified, against batchwatch-sim --dialect gemini: batches as long-running
// operations paged by nextPageToken, get, cancel, and the responses file downloaded with ?alt=media.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GoogleGenAI } from '@google/genai';
import { startSim } from './startsim.mjs';

const KEY = 'gemini-sdk-test-key-0001';
const BATCHES = 250;
let sim;
let ai;

before(async () => {
  sim = await startSim(['--dialect', 'gemini', '--batches', String(BATCHES), '--seed', '7', '--speed', '200',
    '--api-key', KEY, '--created-failed-share', '0.25']);
  ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: sim.baseURL } });
});

after(() => sim?.child.kill());

async function listAll(pageSize = 100) {
  const seen = [];
  for await (const job of await ai.batches.list({ config: { pageSize } })) seen.push(job);
  return seen;
}

async function raw(pathAndQuery) {
  const response = await fetch(`${sim.baseURL}${pathAndQuery}`, { headers: { 'x-goog-api-key': KEY } });
  return { status: response.status, body: await response.json() };
}

test('the pager lists every batch once, newest first', async () => {
  const seen = await listAll();
  assert.equal(seen.length, BATCHES);
  assert.equal(new Set(seen.map((j) => j.name)).size, BATCHES);
  for (const job of seen) assert.match(job.name, /^batches\/[0-9a-f]+$/);
  for (let i = 1; i < seen.length; i++) assert.ok(Date.parse(seen[i - 1].createTime) >= Date.parse(seen[i].createTime));
  const states = new Set(seen.map((j) => j.state));
  for (const s of ['JOB_STATE_RUNNING', 'JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED', 'JOB_STATE_EXPIRED'])
    assert.ok(states.has(s), `no ${s}`);
  assert.ok(seen.every((j) => j.model.startsWith('models/gemini')));
});

test('the wire shape: operations, string counts, done only when finished, no token on the last page', async () => {
  const first = await raw('/v1beta/batches?pageSize=200');
  assert.equal(first.status, 200);
  assert.equal(first.body.operations.length, 200);
  assert.ok(first.body.nextPageToken);
  const last = await raw(`/v1beta/batches?pageSize=200&pageToken=${encodeURIComponent(first.body.nextPageToken)}`);
  assert.equal(last.body.operations.length, BATCHES - 200);
  assert.equal(last.body.nextPageToken, undefined);
  for (const op of first.body.operations) {
    const m = op.metadata;
    assert.equal(m['@type'], 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch');
    for (const value of Object.values(m.batchStats)) assert.equal(typeof value, 'string');
    const finished = ['BATCH_STATE_SUCCEEDED', 'BATCH_STATE_FAILED', 'BATCH_STATE_CANCELLED', 'BATCH_STATE_EXPIRED'].includes(m.state);
    assert.equal(op.done, finished ? true : undefined);
    assert.equal(Boolean(m.endTime), finished);
  }
});

test('get and cancel: a running batch goes to CANCELLED', async () => {
  const seen = await listAll();
  const again = await ai.batches.get({ name: seen[2].name });
  assert.equal(again.name, seen[2].name);
  const running = seen.find((j) => j.state === 'JOB_STATE_RUNNING');
  await ai.batches.cancel({ name: running.name });
  let state = (await ai.batches.get({ name: running.name })).state;
  for (let i = 0; i < 100 && state !== 'JOB_STATE_CANCELLED'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    state = (await ai.batches.get({ name: running.name })).state;
  }
  assert.equal(state, 'JOB_STATE_CANCELLED');
  const done = seen.find((j) => j.state === 'JOB_STATE_SUCCEEDED');
  await assert.rejects(ai.batches.cancel({ name: done.name }), (err) => {
    assert.equal(err.status, 400);
    assert.match(err.message, /FAILED_PRECONDITION/);
    return true;
  });
});

test('the responses file downloads with one line per finished request', async () => {
  const seen = await listAll();
  const job = seen.find((j) => j.state === 'JOB_STATE_SUCCEEDED' && j.dest?.fileName);
  assert.ok(job, 'no succeeded batch with a responses file');
  const stats = (await raw(`/v1beta/${job.name}`)).body.metadata.batchStats;
  const dir = await mkdtemp(path.join(tmpdir(), 'bw-gemini-'));
  try {
    const file = path.join(dir, 'responses.jsonl');
    await ai.files.download({ file: job.dest.fileName, downloadPath: file });
    const text = await readFile(file, 'utf8');
    const meta = await ai.files.get({ name: job.dest.fileName });
    assert.equal(meta.name, job.dest.fileName);
    assert.equal(Number(meta.sizeBytes), Buffer.byteLength(text));
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    const ok = Number(stats.successfulRequestCount ?? 0);
    const failed = Number(stats.failedRequestCount ?? 0);
    assert.equal(lines.length, ok + failed);
    assert.equal(lines.filter((l) => l.response).length, ok);
    assert.equal(new Set(lines.map((l) => l.key)).size, lines.length);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const media = await fetch(`${sim.baseURL}/download/v1beta/${job.dest.fileName}:download?alt=media`,
    { headers: { 'x-goog-api-key': KEY } });
  assert.equal(media.status, 200);
});

test('keys: header or ?key=; a wrong key and a missing key answer in Google\'s error shape', async () => {
  const viaQuery = await fetch(`${sim.baseURL}/v1beta/batches?pageSize=1&key=${KEY}`);
  assert.equal(viaQuery.status, 200);
  const stranger = new GoogleGenAI({ apiKey: 'wrong-key', httpOptions: { baseUrl: sim.baseURL } });
  await assert.rejects(stranger.batches.list(), (err) => {
    assert.equal(err.status, 400);
    const body = JSON.parse(err.message);
    assert.equal(body.error.status, 'INVALID_ARGUMENT');
    assert.equal(body.error.details[0].reason, 'API_KEY_INVALID');
    return true;
  });
  const anonymous = await fetch(`${sim.baseURL}/v1beta/batches`);
  assert.equal(anonymous.status, 403);
  assert.equal((await anonymous.json()).error.status, 'PERMISSION_DENIED');
  await assert.rejects(ai.batches.get({ name: 'batches/nope' }), (err) => err.status === 404);
});

test('create from inline requests: PENDING, then SUCCEEDED with the responses inline', async () => {
  const src = [1, 2, 3].map((n) => ({
    contents: [{ role: 'user', parts: [{ text: `Say ${n}` }] }],
    metadata: { key: `k${n}` },
  }));
  const created = await ai.batches.create({ model: 'gemini-2.5-flash', src, config: { displayName: 'sdk-inline' } });
  assert.match(created.name, /^batches\/[0-9a-f]+$/);
  assert.equal(created.state, 'JOB_STATE_PENDING');
  assert.equal(created.displayName, 'sdk-inline');
  assert.equal(created.model, 'models/gemini-2.5-flash');
  const newest = [];
  for await (const job of await ai.batches.list({ config: { pageSize: 1 } })) {
    newest.push(job.name);
    break;
  }
  assert.deepEqual(newest, [created.name]);
  let job = created;
  for (let i = 0; i < 100 && job.state !== 'JOB_STATE_SUCCEEDED'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = await ai.batches.get({ name: created.name });
  }
  assert.equal(job.state, 'JOB_STATE_SUCCEEDED');
  assert.equal(job.dest.fileName, undefined);
  assert.equal(job.dest.inlinedResponses.length, 3);
  assert.ok(job.dest.inlinedResponses.every((r) => r.response.candidates[0].content.parts[0].text));
  await assert.rejects(ai.batches.create({ model: 'gemini-2.5-flash', src: 'files/never-uploaded' }), (err) => err.status === 404);
});

async function waitUntilDone(name) {
  let job = await ai.batches.get({ name });
  for (let i = 0; i < 200 && !['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED', 'JOB_STATE_EXPIRED'].includes(job.state); i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = await ai.batches.get({ name });
  }
  return job;
}

test('upload a JSONL file (resumable), create a batch from it, and the responses file answers under its keys', async () => {
  const keys = Array.from({ length: 20 }, (_, i) => (i % 5 === 2 ? `clé "${i}" \\ \u8bc4\u4f30 \u{1F4CA}` : `row-${i * 11}`));
  const jsonl = keys.map((key) => JSON.stringify({ key, request: { contents: [{ role: 'user', parts: [{ text: key }] }] } }))
    .join('\n') + '\n';
  const uploaded = await ai.files.upload({ file: new Blob([jsonl], { type: 'application/jsonl' }),
    config: { mimeType: 'application/jsonl', displayName: 'sdk-requests' } });
  assert.match(uploaded.name, /^files\/[0-9a-z]+$/);
  assert.equal(uploaded.displayName, 'sdk-requests');
  assert.equal(Number(uploaded.sizeBytes), Buffer.byteLength(jsonl));
  assert.equal(uploaded.state, 'ACTIVE');
  const meta = await ai.files.get({ name: uploaded.name });
  assert.equal(meta.sha256Hash, uploaded.sha256Hash);

  const created = await ai.batches.create({ model: 'gemini-2.5-flash', src: uploaded.name, config: { displayName: 'from-file' } });
  assert.equal(created.src?.fileName ?? uploaded.name, uploaded.name);
  const job = await waitUntilDone(created.name);
  assert.equal(job.state, 'JOB_STATE_SUCCEEDED');
  assert.ok(job.dest.fileName, 'no responses file');
  const stats = (await raw(`/v1beta/${created.name}`)).body.metadata.batchStats;
  assert.equal(Number(stats.requestCount), keys.length);
  const dir = await mkdtemp(path.join(tmpdir(), 'bw-gemini-'));
  try {
    const file = path.join(dir, 'responses.jsonl');
    await ai.files.download({ file: job.dest.fileName, downloadPath: file });
    const lines = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.key).sort(), [...keys].sort());
    assert.equal(lines.filter((l) => l.response).length, Number(stats.successfulRequestCount ?? 0));
    assert.equal(lines.filter((l) => l.error).length, Number(stats.failedRequestCount ?? 0));
    assert.ok(Number(stats.failedRequestCount ?? 0) > 0, 'the simulator was started with --created-failed-share');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a multipart upload works too, and a file with a line without a request is refused with its line', async () => {
  const bad = '{"key":"a","request":{"contents":[]}}\n{"key":"b"}\n';
  const boundary = 'sim-boundary-42';
  const body = `--${boundary}\r\nContent-Type: application/json\r\n\r\n{"file":{"displayName":"bad"}}\r\n` +
    `--${boundary}\r\nContent-Type: application/jsonl\r\n\r\n${bad}\r\n--${boundary}--\r\n`;
  const response = await fetch(`${sim.baseURL}/upload/v1beta/files?uploadType=multipart`, { method: 'POST',
    headers: { 'x-goog-api-key': KEY, 'X-Goog-Upload-Protocol': 'multipart', 'Content-Type': `multipart/related; boundary=${boundary}` },
    body });
  assert.equal(response.status, 200);
  const { file } = await response.json();
  assert.equal(file.displayName, 'bad');
  assert.equal(Number(file.sizeBytes), bad.length);
  await assert.rejects(ai.batches.create({ model: 'gemini-2.5-flash', src: file.name }), (err) => {
    assert.equal(err.status, 400);
    assert.match(err.message, /line 2/);
    return true;
  });
});
