/**
 * Starts the moto AWS emulator (`python3 -m moto.server`) on a free loopback port as a child process
 * and guarantees it is stopped: by `stop()`, and also when this process exits, is interrupted
 * (SIGINT) or terminated (SIGTERM), so a failed or aborted run never leaves an emulator behind.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

export interface Emulator {
  /** Base URL of the emulator, e.g. `http://127.0.0.1:43123`; every AWS service answers on it. */
  readonly endpoint: string;
  readonly port: number;
  /** Stops the emulator (SIGTERM, then SIGKILL after 5 s). Safe to call more than once. */
  stop(): Promise<void>;
}

export const MOTO_INSTALL_HINT = "moto is not installed: install it with `pip install 'moto[server]'` (Python 3.9+), then run `npm run e2e` again";

/** The Python interpreter to run moto with: E2E_PYTHON, or python3. */
export function pythonCommand(): string {
  return process.env.E2E_PYTHON || 'python3';
}

/** Whether `python3 -m moto.server` can run here; the moto version, or undefined. */
export function motoVersion(): string | undefined {
  const probe = spawnSync(pythonCommand(), ['-c', 'import moto.server, moto; print(moto.__version__)'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();
let handlersInstalled = false;

/** Kills every emulator still running when this process goes away, however it goes away. */
function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      process.stderr.write(`\ne2e: ${signal}: stopping the emulator\n`);
      for (const child of running) child.kill('SIGKILL');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

async function waitUntilReady(endpoint: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto exited with code ${child.exitCode} before it was ready:\n${log()}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`moto did not answer on ${endpoint} within ${timeoutMs / 1000} s:\n${log()}`);
}

/**
 * Starts moto on a free loopback port. `logFile` receives the emulator's output (one line per
 * request), useful when an apply fails. Throws MOTO_INSTALL_HINT when moto is missing.
 */
export async function startMoto(options: { logFile?: string; timeoutMs?: number } = {}): Promise<Emulator> {
  if (!motoVersion()) throw new Error(MOTO_INSTALL_HINT);
  installExitHandlers();
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const out = options.logFile ? fs.openSync(options.logFile, 'a') : 'ignore';
  const child = spawn(pythonCommand(), ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', out, out],
    // Every account the harness registers lives in one emulator; no state is written to disk.
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'false', PYTHONUNBUFFERED: '1' },
  });
  if (typeof out === 'number') fs.closeSync(out);
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));
  const log = () => (options.logFile && fs.existsSync(options.logFile) ? fs.readFileSync(options.logFile, 'utf8').slice(-2000) : '');

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    })();
    return stopped;
  };
  try {
    await waitUntilReady(endpoint, child, log, options.timeoutMs ?? 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { endpoint, port, stop };
}
