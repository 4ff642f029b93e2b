import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function runAssess(input: string, args: string[] = []): Array<Record<string, unknown>> {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'assess.ts'), ...args], { input, encoding: 'utf8', cwd: root });
  expect(result.status).toBe(0);
  return result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('npm run assess', () => {
  it('when plain lines and JSON lines are piped in, then one verdict per message comes out in order', () => {
    const out = runAssess(['i want to kill myself', '{"text":"me quiero morir","locale":"es"}', '', 'this exam is killing me', '{"oops": 1}'].join('\n'));
    expect(out).toHaveLength(4);
    expect(out[0]).toMatchObject({ text: 'i want to kill myself', locale: 'en', level: 'high' });
    expect((out[0]!.matches as Array<{ ruleId: string }>).map((match) => match.ruleId)).toContain('en.active.kill_self');
    expect(out[1]).toMatchObject({ locale: 'es', level: 'high' });
    expect(out[2]).toMatchObject({ level: 'none', matches: [] });
    expect(out[3]!.error).toMatch(/text/);
  }, 30000);

  it('when --locale is given, then plain lines use it', () => {
    const out = runAssess('no puedo más\n', ['--locale', 'es']);
    expect(out[0]).toMatchObject({ locale: 'es', level: 'moderate' });
  }, 30000);
});
