// What a user writes today with the official SDK: walk every batch (auto-pagination, 100 per page) into JSONL.
// Usage: OPENAI_BASE_URL=... OPENAI_API_KEY=... node export-jsonl.mjs OUT.jsonl
import fs from 'node:fs';
import OpenAI from 'openai';

const out = fs.createWriteStream(process.argv[2]);
const client = new OpenAI();
let count = 0;
for await (const batch of client.batches.list({ limit: 100 })) {
  out.write(JSON.stringify(batch) + '\n');
  count += 1;
}
await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
process.stderr.write(`${count} batches\n`);
