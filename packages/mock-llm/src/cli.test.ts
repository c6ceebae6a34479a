import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/tokenpaint-mock-llm.js', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill();
  child = undefined;
});

function run(args: string[]): ChildProcess {
  child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return child;
}

async function firstOutput(cli: ChildProcess): Promise<string> {
  let text = '';
  for await (const chunk of cli.stdout!) {
    text += String(chunk);
    if (text.includes('presets:')) break;
  }
  return text;
}

describe('tokenpaint-mock-llm CLI', () => {
  it('prints the URL and the endpoints, then serves them', async () => {
    const output = await firstOutput(run(['--port', '0', '--host', '127.0.0.1']));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(output).toContain(`POST ${url}/v1/chat/completions`);
    expect(output).toContain(`POST ${url}/api/chat`);
    const index = await (await fetch(`${url}/`)).json();
    expect(index.name).toBe('@tokenpaint/mock-llm');
  });

  it('mounts at a normalized --base-path and prints URLs that work', async () => {
    const output = await firstOutput(run(['--port', '0', '--base-path', 'mock/']));
    const text = /POST (\S+\/v1\/text)/.exec(output)?.[1];
    expect(text).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mock\/v1\/text$/);
    expect((await fetch(`${text}?preset=instant`, { method: 'POST', body: '{}' })).status).toBe(200);
  });

  it('prints help with --help and exits 0', async () => {
    const help = run(['--help']);
    const output = await firstOutput(help);
    const [code] = await once(help, 'exit');
    expect(code).toBe(0);
    expect(output).toMatch(/^tokenpaint-mock-llm: a deterministic streaming LLM server/);
    expect(output).toContain('--port <n>');
  });

  it('rejects an unknown flag and a bad port with exit code 2', async () => {
    for (const args of [['--bogus'], ['--port', 'abc'], ['--port', '']]) {
      const cli = run(args);
      let stderr = '';
      cli.stderr!.on('data', (chunk) => {
        stderr += String(chunk);
      });
      const [code] = await once(cli, 'exit');
      expect(code).toBe(2);
      expect(stderr).toMatch(/^tokenpaint-mock-llm: (Unknown option '--bogus'|--port must be an integer)/);
    }
  });
});
