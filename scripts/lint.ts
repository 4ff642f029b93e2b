import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * House-style checks the type-checker does not make (`npm run lint`; `npm run typecheck` does the types):
 * no `any`, `process.env` read only in bot/config.ts, no console output from the runtime, no secrets or
 * message text in log calls by field name, and modules of a reasonable size.
 */
const root = join(__dirname, '..');
const SOURCE_DIRS = ['bot', 'dialogs', 'scripts', 'bench'];
const MAX_LINES = 400;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

interface Rule {
  readonly name: string;
  readonly applies: (file: string) => boolean;
  readonly pattern: RegExp;
}

const runtime = (file: string): boolean => file.startsWith('bot/') || file.startsWith('dialogs/');
const rules: Rule[] = [
  { name: 'no any', applies: () => true, pattern: /(:\s*any\b|\bas any\b|<any>)/ }, // lint-ignore: the rule itself
  { name: 'process.env only in bot/config.ts', applies: (file) => runtime(file) && file !== 'bot/config.ts', pattern: /process\.env\b/ },
  { name: 'no console in the runtime (use the logger)', applies: runtime, pattern: /\bconsole\.(log|info|warn|error|debug)\(/ },
  { name: 'no message text in log calls', applies: runtime, pattern: /logger\.\w+\([^)]*\b(text|activity\.text|password)\s*[:,)]/ },
];

const problems: string[] = [];
for (const dir of SOURCE_DIRS) {
  for (const path of files(join(root, dir))) {
    const file = relative(root, path);
    const lines = readFileSync(path, 'utf8').split('\n');
    if (lines.length > MAX_LINES) problems.push(`${file}: ${lines.length} lines (at most ${MAX_LINES}; split it)`);
    lines.forEach((line, index) => {
      if (/^\s*(\/\/|\*)/.test(line) || /lint-ignore/.test(line)) return;
      for (const rule of rules) if (rule.applies(file) && rule.pattern.test(line)) problems.push(`${file}:${index + 1}: ${rule.name}`);
    });
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`lint: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('lint: no problems');
