import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  baseURL: string;
  email: string;
  password: string;
  logs: () => string;
  stop: () => Promise<void>;
}

/** Asks the kernel for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The demo's logins (see demo/): every demo user has this password. */
export const DEMO_PASSWORD = 'liaison-demo-2026';

/**
 * Starts `liaison serve` on a fresh SQLite file and a free port, with a first
 * admin, and resolves once /readyz answers 200. With demo, the database is
 * loaded with `liaison demo` first (the study visit and its population);
 * port and env are for a test that must know the address beforehand (an
 * identity provider registers the callback) or sets more of the settings.
 */
export async function startServer(
  binary: string,
  { demo = false, port: chosenPort, env = {} }: { demo?: boolean; port?: number; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  if (!existsSync(binary)) throw new Error(`Liaison binary not found at ${binary}`);
  const dir = mkdtempSync(join(tmpdir(), 'liaison-e2e-'));
  const port = chosenPort ?? (await freePort());
  const baseURL = `http://127.0.0.1:${port}`;
  const email = 'admin@example.org';
  const password = 'e2e-admin-password-2026';
  let output = '';
  if (demo) {
    const loaded = spawnSync(binary, ['demo'], { env: { ...process.env, LIAISON_DB: `sqlite:${join(dir, 'liaison.db')}` }, encoding: 'utf8' });
    if (loaded.status !== 0) throw new Error(`liaison demo failed:\n${loaded.stdout}\n${loaded.stderr}`);
  }

  const child = spawn(binary, ['serve'], {
    env: {
      ...process.env,
      LIAISON_DB: `sqlite:${join(dir, 'liaison.db')}`,
      LIAISON_ADDR: `127.0.0.1:${port}`,
      LIAISON_ADMIN_EMAIL: email,
      LIAISON_ADMIN_PASSWORD: password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await exited(child, 10_000))) {
        child.kill('SIGKILL');
        await exited(child, 5_000);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`liaison serve exited with ${child.exitCode} before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`liaison serve did not become ready within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return { baseURL, email, password, logs: () => output, stop };
}
