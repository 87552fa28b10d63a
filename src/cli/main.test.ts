import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../core/index.ts';
import { findPreset } from '../scenarios/index.ts';
import { runCli } from './main.ts';

/** Runs the CLI in-process and collects what it wrote. */
function capture(argv: string[], presets?: readonly Scenario[]) {
  let stdout = '';
  let stderr = '';
  const io = { out: (t: string) => void (stdout += t), err: (t: string) => void (stderr += t) };
  const code = presets ? runCli(argv, io, presets) : runCli(argv, io);
  return { code, stdout, stderr };
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the CLI as a child process, as `npm run sim` would. Slow: keep these few. */
const spawnCli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });

describe('runCli (in-process)', () => {
  it('prints the same output for the same arguments', () => {
    const argv = ['--scenario', 'bully-10', '--seed', '3', '--until', '7000', '--action', '3000:crash:9', '--action', '3200:notice:2'];
    for (const extra of [[], ['--json'], ['--trace', '--json']]) {
      const a = capture([...argv, ...extra]);
      const b = capture([...argv, ...extra]);
      expect(a.code).toBe(0);
      expect(b.stdout).toBe(a.stdout);
    }
  });

  it('with --trace and --json prints the trace as JSON lines, then the report as the last line', () => {
    const { code, stdout, stderr } = capture(['--scenario', 'ring-8', '--seed', '1', '--trace', '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const report = lines.pop();
    expect(report).toMatchObject({ scenario: 'ring-8', seed: 1, until: 5000 });
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.map((e) => e['seq'])).toEqual(lines.map((_, i) => i));
  });

  it('exits 1 with one line on stderr when the simulation itself fails', () => {
    const good = findPreset('bully-10') as Scenario;
    const broken = { ...good, id: 'broken', algorithm: { id: 'nope' } } as unknown as Scenario;
    const { code, stdout, stderr } = capture(['--scenario', 'broken', '--seed', '1'], [broken]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: the simulation failed: .+\n$/);
  });
});

describe('the CLI as a process', () => {
  it('--json: exit 0, exactly one JSON line on stdout, nothing on stderr', () => {
    const result = spawnCli(['--scenario', 'bully-10', '--seed', '1', '--json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0] as string) as { messages: { byKind: Record<string, number> } };
    expect(report.messages.byKind).toEqual({ COORDINATOR: 8, ELECTION: 15, OK: 10 });
  });

  it('a bad argument: exit 2, one error line on stderr, nothing on stdout', () => {
    const result = spawnCli(['--scenario', 'bully-11', '--seed', '1']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: unknown scenario "bully-11" \(known: cristian-basic, .*\)\n$/);
  });
});
