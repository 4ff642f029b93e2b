import type { CompiledPhrase } from './phrasePattern';
import type { Lexicon, LexiconRule } from './lexicon';
import { normalizeText, originalSpan, tokenize, type NormalizedText } from './textNormalizer';
import { maxRiskLevel, riskRank, type RiskAssessment, type RiskAssessor, type RiskCategory, type RiskMatch } from './riskTypes';

interface Hit {
  readonly start: number;
  readonly end: number;
}

const CLAUSE_BREAK = /[.!?;:\n]|\bbut\b|\bpero\b/;
/** Words after a denial that turn it into doubt ("not sure", "no sé", "don't know"). */
const UNCERTAIN = new Set(['sure', 'certain', 'know', 'even', 'se', 'estoy', 'seguro', 'segura', 'sabe', 'matter']);

/** How many words before a phrase a denial may stand ("I am not really suicidal"). */
const NEGATION_WINDOW = 4;

/**
 * The embedded assessor: clinician-edited lexicons (one per language) applied to folded text.
 * Pure and synchronous. It always runs the lexicon of the person's language plus English, because people
 * switch languages mid-message; every match keeps the rule id and the span of the original text.
 */
export class LexiconAssessor implements RiskAssessor {
  constructor(private readonly lexicons: ReadonlyMap<string, Lexicon>) {}

  assess(text: string, locale: string): RiskAssessment {
    const normalized = normalizeText(text);
    const tokens = new Set(tokenize(normalized.text));
    const matches: RiskMatch[] = [];
    for (const lexicon of this.lexiconsFor(locale)) matches.push(...this.assessWith(lexicon, text, normalized, tokens));
    const unique = dedupe(matches);
    const level = unique.reduce((current, match) => maxRiskLevel(current, match.level), 'none' as RiskAssessment['level']);
    const categories = [...new Set(unique.filter((match) => riskRank(match.level) > 0).map((match) => match.category))];
    return { level, categories, matches: unique };
  }

  private lexiconsFor(locale: string): ReadonlyArray<Lexicon> {
    const language = (locale || 'en').toLowerCase().split(/[-_]/)[0]!;
    const own = this.lexicons.get(language);
    const english = this.lexicons.get('en')!;
    return own && own !== english ? [own, english] : [english];
  }

  private assessWith(lexicon: Lexicon, original: string, normalized: NormalizedText, tokens: ReadonlySet<string>): RiskMatch[] {
    const excluded: Hit[] = [];
    for (const exclusion of lexicon.exclusions) for (const phrase of exclusion.phrases) excluded.push(...find(phrase, normalized.text, tokens));

    const found: RiskMatch[] = [];
    for (const rule of lexicon.rules) {
      for (const phrase of rule.phrases) {
        for (const hit of find(phrase, normalized.text, tokens)) {
          if (excluded.some((zone) => hit.start < zone.end && zone.start < hit.end)) continue;
          const negated = rule.negatable && isNegated(normalized.text, hit.start, lexicon.negationCues);
          found.push(toMatch(rule, hit, normalized, original, negated));
        }
      }
    }

    const present = new Set<string>();
    for (const modifier of lexicon.modifiers) {
      if (modifier.phrases.some((phrase) => find(phrase, normalized.text, tokens).length > 0)) present.add(modifier.modifier);
    }
    for (const escalation of lexicon.escalations) {
      if (!present.has(escalation.modifier)) continue;
      const trigger = found.find((match) => escalation.categories.includes(match.category) && riskRank(match.level) >= riskRank('moderate'));
      if (trigger) {
        found.push({ ...trigger, ruleId: escalation.id, level: maxRiskLevel(trigger.level, escalation.level) });
      }
    }
    return found;
  }
}

function find(phrase: CompiledPhrase, text: string, tokens: ReadonlySet<string>): Hit[] {
  if (phrase.anchors) {
    let anchored = false;
    for (const anchor of phrase.anchors) if (tokens.has(anchor)) { anchored = true; break; }
    if (!anchored && phrase.anchorPrefixes.length > 0) {
      for (const token of tokens) if (phrase.anchorPrefixes.some((prefix) => token.startsWith(prefix))) { anchored = true; break; }
    }
    if (!anchored) return [];
  }
  const hits: Hit[] = [];
  phrase.regex.lastIndex = 0;
  for (let match = phrase.regex.exec(text); match; match = phrase.regex.exec(text)) {
    hits.push({ start: match.index, end: match.index + match[0].length });
    if (match[0].length === 0) phrase.regex.lastIndex += 1;
  }
  return hits;
}

/** True when a denial ("not", "never", "no") stands in the same clause shortly before the phrase. */
function isNegated(text: string, start: number, cues: ReadonlySet<string>): boolean {
  const before = text.slice(Math.max(0, start - 60), start);
  const clause = before.split(CLAUSE_BREAK).pop() ?? '';
  const words = tokenize(clause).slice(-NEGATION_WINDOW);
  return words.some((word, index) => {
    const denial = cues.has(word) || word.endsWith("n't") || (word.endsWith('nt') && cues.has(`${word.slice(0, -2)}n't`));
    // "not sure if I want to die" is doubt, not denial.
    return denial && !UNCERTAIN.has(words[index + 1] ?? '');
  });
}

function toMatch(rule: LexiconRule, hit: Hit, normalized: NormalizedText, original: string, negated: boolean): RiskMatch {
  const span = originalSpan(normalized, hit.start, hit.end);
  return {
    ruleId: negated ? `${rule.id}:negated` : rule.id,
    category: rule.category,
    level: negated ? 'low' : rule.level,
    span,
    excerpt: original.slice(span[0], span[1]),
    source: 'lexicon',
  };
}

/** One match per rule and place: the same words found by two phrases of one rule count once. */
function dedupe(matches: RiskMatch[]): RiskMatch[] {
  const kept: RiskMatch[] = [];
  for (const match of matches.sort((a, b) => riskRank(b.level) - riskRank(a.level) || a.span[0] - b.span[0])) {
    const duplicate = kept.some(
      (other) => other.ruleId === match.ruleId && other.span[0] < match.span[1] && match.span[0] < other.span[1],
    );
    if (!duplicate) kept.push(match);
  }
  return kept.sort((a, b) => a.span[0] - b.span[0]);
}

export type { RiskCategory };
