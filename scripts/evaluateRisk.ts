import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmbeddedAssessor } from '../bot/risk/createAssessor';
import { evaluateRisk, parseLabelledMessages, type LabelledMessage } from '../bot/risk/riskEvaluation';

/**
 * Prints the embedded assessor's figures on the project's labelled corpus (the gate) and, when it is
 * present beside the checkout, on the shared real-language development set (informative). Texts of the
 * shared set are real people's words: only counts are printed.
 */
const root = join(__dirname, '..');
const assessor = createEmbeddedAssessor(join(root, 'resources'));
const corpusPath = join(root, 'tests', 'fixtures', 'riskCorpus.jsonl');
const corpus = evaluateRisk(assessor, parseLabelledMessages(readFileSync(corpusPath, 'utf8'), corpusPath));
const showMisses = process.argv.includes('--show');

console.log(`Project corpus (${corpus.messages} messages)`);
console.log(`  recall, high and imminent:   ${corpus.recallHighImminent}   (target >= 0.98)`);
console.log(`  recall, all risk:            ${corpus.recallAllRisk}   (target >= 0.95)`);
console.log(`  false positives (no-risk assessed moderate or above): ${corpus.falsePositiveRate}   (target <= 0.05)`);
console.log(`  no-risk with any signal (low or above): ${corpus.anySignalRate}`);
console.log(`  recall by level:    ${JSON.stringify(corpus.recallByLevel)}`);
console.log(`  recall by category: ${JSON.stringify(corpus.recallByCategory)}`);
if (showMisses) {
  for (const miss of corpus.misses) console.log(`  MISS expected ${miss.expected}, got ${miss.got}: ${miss.text}`);
  for (const fp of corpus.falsePositives) console.log(`  FALSE POSITIVE ${fp.got}: ${fp.text}`);
}

// Written after the rules were tuned and never tuned against: the honest estimate of unseen wording.
const heldOutPath = join(root, 'tests', 'fixtures', 'riskHeldOut.jsonl');
if (existsSync(heldOutPath)) {
  const heldOut = evaluateRisk(assessor, parseLabelledMessages(readFileSync(heldOutPath, 'utf8'), heldOutPath));
  console.log(`Held-out set (${heldOut.messages} messages; informative, not a gate)`);
  console.log(`  recall, high and imminent: ${heldOut.recallHighImminent}   recall, all risk: ${heldOut.recallAllRisk}   false positives: ${heldOut.falsePositiveRate}`);
}

const devPath = join(root, '..', 'shared', 'riskdata', 'dev.jsonl');
if (existsSync(devPath)) {
  const rows = readFileSync(devPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { text: string; label: string });
  // The dev set labels posts risk / no_risk only: risk must reach moderate (a signal that escalates).
  const labelled: LabelledMessage[] = rows.map((row) => ({ text: row.text, locale: 'en', level: row.label === 'risk' ? 'moderate' : 'none', categories: [] }));
  const dev = evaluateRisk(assessor, labelled);
  console.log(`Shared real-language development set (${dev.messages} messages; informative, not a gate)`);
  console.log(`  recall (risk assessed moderate or above): ${dev.recallAllRisk}`);
  console.log(`  false positives: ${dev.falsePositiveRate}`);
}
