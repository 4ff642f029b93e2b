import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { createEmbeddedAssessor } from '../bot/risk/createAssessor';

/**
 * Reads messages from standard input (plain lines, or JSON lines with "text" and optional "locale") and writes
 * one JSON line per message with the full verdict, so a clinician can check a lexicon edit on their own
 * examples before deploying it. `--locale es` sets the default locale for plain lines.
 */
const localeFlag = process.argv.indexOf('--locale');
const defaultLocale = localeFlag > 0 ? process.argv[localeFlag + 1] ?? 'en' : 'en';
const assessor = createEmbeddedAssessor(join(__dirname, '..', 'resources'));

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  if (line.trim() === '') return;
  let text = line;
  let locale = defaultLocale;
  if (line.trimStart().startsWith('{')) {
    try {
      const parsed = JSON.parse(line) as { text?: unknown; locale?: unknown };
      if (typeof parsed.text !== 'string') throw new Error('no "text" string');
      text = parsed.text;
      if (typeof parsed.locale === 'string') locale = parsed.locale;
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ error: `not a JSON line with a "text" field: ${(error as Error).message}` })}\n`);
      return;
    }
  }
  process.stdout.write(`${JSON.stringify({ text, locale, ...assessor.assess(text, locale) })}\n`);
});
