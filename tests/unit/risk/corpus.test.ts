import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmbeddedAssessor } from '../../../bot/risk/createAssessor';
import { evaluateRisk, parseLabelledMessages } from '../../../bot/risk/riskEvaluation';

const root = join(__dirname, '..', '..', '..');
const assessor = createEmbeddedAssessor(join(root, 'resources'));
const corpus = parseLabelledMessages(readFileSync(join(root, 'tests', 'fixtures', 'riskCorpus.jsonl'), 'utf8'), 'riskCorpus.jsonl');

describe('the embedded assessor on the labelled corpus', () => {
  const figures = evaluateRisk(assessor, corpus);

  it('when the corpus is loaded, then it has at least 600 messages in English and Spanish, with and without risk', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(600);
    const languages = corpus.map((row) => row.locale.split('-')[0]);
    // Most lines are en or es; a few carry a channel locale that does not match the words, on purpose.
    expect(languages.filter((language) => language === 'en' || language === 'es').length).toBeGreaterThan(corpus.length * 0.98);
    expect(languages.filter((language) => language === 'es').length).toBeGreaterThan(150);
    expect(languages.filter((language) => language === 'en').length).toBeGreaterThan(400);
    expect(corpus.filter((row) => row.level === 'none').length).toBeGreaterThan(150);
    const categories = new Set(corpus.flatMap((row) => row.categories));
    for (const category of ['ideation_passive', 'ideation_active', 'intent', 'plan', 'means', 'attempt', 'self_harm', 'harm_to_others', 'danger_from_others', 'medical_emergency', 'concern_for_other']) {
      expect(categories).toContain(category);
    }
  });

  it('then recall on high and imminent messages is at least 0.98', () => {
    expect(figures.recallHighImminent).toBeGreaterThanOrEqual(0.98);
  });

  it('then recall on all risk messages is at least 0.95', () => {
    expect(figures.recallAllRisk).toBeGreaterThanOrEqual(0.95);
  });

  it('then at most 5% of no-risk messages are flagged moderate or above', () => {
    expect(figures.falsePositiveRate).toBeLessThanOrEqual(0.05);
  });
});
