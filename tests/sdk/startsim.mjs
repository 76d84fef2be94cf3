// Starts the real batchwatch-sim for one test file and reads the base URL it prints first.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
export const simPath = process.env.BATCHWATCH_SIM ?? path.join(here, '../../build/bin/batchwatch-sim');

// Resolves to { child, baseURL, root }: baseURL as printed (OpenAI: .../v1; the others: the bare origin).
export function startSim(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(simPath, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('error', reject);
    createInterface({ input: child.stdout }).once('line', (line) => {
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)(\/v1)?$/.exec(line);
      if (!match) {
        reject(new Error(`unexpected first line: ${line}`));
        return;
      }
      resolve({ child, baseURL: match[1] + (match[2] ?? ''), root: match[1] });
    });
  });
}

// The simulator's own counters (not an API request): requests served, faults, requests per route.
export async function simStats(root) {
  return (await fetch(`${root}/v1/_sim/stats`)).json();
}
