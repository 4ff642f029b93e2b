import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every `*.json` file in `dir`, in name order, parsed. A file that is not valid JSON is reported through
 * `fail` (so each loader throws its own error type) with the path and the parser's message.
 */
export function readJsonFiles(dir: string, fail: (message: string) => Error): Array<{ path: string; content: unknown }> {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      try {
        return { path, content: JSON.parse(readFileSync(path, 'utf8')) as unknown };
      } catch (error) {
        throw fail(`${path} is not valid JSON (${(error as Error).message})`);
      }
    });
}
