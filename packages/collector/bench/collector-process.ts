import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../bin/tokenpaint-collector.js', import.meta.url));

/** A collector running as its own process, as it runs in production: the load comes from another one. */
export interface CollectorProcess {
  url: string;
  pid: number;
  /** Resident memory of the collector process, in MiB (Linux /proc). */
  rssMiB(): number;
  /** Sends a signal and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startCollector(
  db: string,
  extraArgs: string[] = [],
  nodeArgs: string[] = [],
): Promise<CollectorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, '--conditions=@tokenpaint/source', CLI, '--port', '0', '--db', db, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      // After the banner, the collector's stdout (e.g. --trace-gc output) goes to stderr here.
      if (out.includes('listening on')) return void process.stderr.write(chunk);
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the collector exited with ${code} before listening`)));
  });
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    rssMiB() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      await exited;
    },
  };
}
