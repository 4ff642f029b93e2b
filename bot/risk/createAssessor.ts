import { join } from 'node:path';
import { loadLexicons } from './lexicon';
import { LexiconAssessor } from './lexiconAssessor';

/** The embedded assessor built from the lexicons in `resources/risk` (validated on load). */
export function createEmbeddedAssessor(resourcesDir: string): LexiconAssessor {
  return new LexiconAssessor(loadLexicons(join(resourcesDir, 'risk')));
}
