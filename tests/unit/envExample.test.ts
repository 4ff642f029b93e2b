import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('.env.example', () => {
  it('when config.ts reads a variable, then .env.example documents it', () => {
    const root = join(__dirname, '..', '..');
    const source = readFileSync(join(root, 'bot', 'config.ts'), 'utf8');
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const variables = [...source.matchAll(/read\.\w+\('([A-Za-z_]+)'/g)].map((match) => match[1]!);
    expect(variables.length).toBeGreaterThan(20);
    const undocumented = variables.filter((name) => !new RegExp(`^#?\\s*${name}=`, 'm').test(example));
    expect(undocumented).toEqual([]);
  });
});
