/**
 * Imports an Open Referral HSDS export into the resource directory.
 *
 *   npm run import:hsds -- --in <folder of HSDS 2.0 CSVs | HSDS 3.0 services.json> --name <short-name>
 *                          --region <ISO default, e.g. US-OR> [--verified YYYY-MM-DD] [--source https://…]
 *                          [--out resources/directory]
 *
 * Writes `<out>/<name>.json`, validated; exits 1 naming the table, row and field on the first problem.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HsdsImportError, readHsds2Folder, readHsds3Json } from '../bot/resources/hsdsTables';
import { hsdsToEntries } from '../bot/resources/hsdsToEntries';
import { ResourceDirectory } from '../bot/resources/resourceDirectory';

function argument(args: readonly string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index === -1 ? undefined : args[index + 1];
}

/** Runs the import; returns the written path. Exported so tests run it in-process. */
export function importHsds(args: readonly string[]): { path: string; imported: number; skipped: number } {
  const input = argument(args, '--in');
  const name = argument(args, '--name');
  const region = argument(args, '--region');
  if (!input || !name || !region) throw new HsdsImportError('usage: --in <folder|file.json> --name <name> --region <ISO code> [--verified YYYY-MM-DD] [--source URL] [--out dir]');
  if (!/^[a-z0-9-]+$/.test(name)) throw new HsdsImportError('--name must be lower-case letters, digits and dashes');
  const records = statSync(input).isDirectory() ? readHsds2Folder(input) : readHsds3Json(JSON.parse(readFileSync(input, 'utf8')));
  const result = hsdsToEntries(records, {
    name,
    defaultRegion: region,
    verified: argument(args, '--verified') ?? new Date().toISOString().slice(0, 10),
    source: argument(args, '--source'),
  });
  new ResourceDirectory(result.entries); // refuses duplicate ids before anything is written
  const path = join(argument(args, '--out') ?? 'resources/directory', `${name}.json`);
  const note = `Imported from HSDS (${input}). Re-verify with the provider before going live; re-run the import to refresh.`;
  writeFileSync(path, `${JSON.stringify({ '//': note, entries: result.entries }, null, 2)}\n`);
  return { path, imported: result.entries.length, skipped: result.skipped.length };
}

if (require.main === module) {
  try {
    const { path, imported, skipped } = importHsds(process.argv.slice(2));
    process.stdout.write(`wrote ${imported} entries to ${path} (${skipped} inactive services skipped)\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
