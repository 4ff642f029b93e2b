import type { CompiledPhrase } from './phrasePattern';
import { followedBy, precededBy } from './ruleContext';
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
  /** Anchor word → phrases that need it, so a message only runs the phrases whose words it contains. */
  private readonly anchorIndex = new Map<string, CompiledPhrase[]>();
  /** Phrases with no cheap word test (leading wildcards, word prefixes): always run. */
  private readonly unanchored = new Set<CompiledPhrase>();

  constructor(private readonly lexicons: ReadonlyMap<string, Lexicon>) {
    for (const lexicon of lexicons.values()) {
      const all = [
        ...lexicon.rules.flatMap((rule) => rule.phrases),
        ...lexicon.modifiers.flatMap((modifier) => modifier.phrases),
        ...lexicon.exclusions.flatMap((exclusion) => exclusion.phrases),
        ...lexicon.concepts.flatMap((concept) => concept.phrases),
      ];
      for (const phrase of all) {
        if (!phrase.anchors || phrase.anchorPrefixes.length > 0) {
          this.unanchored.add(phrase);
          continue;
        }
        for (const anchor of phrase.anchors) {
          const list = this.anchorIndex.get(anchor) ?? [];
          list.push(phrase);
          this.anchorIndex.set(anchor, list);
        }
      }
    }
  }

  /** The phrases worth running on a message: those whose anchor words it contains, and the unanchored. */
  private candidatesFor(tokens: ReadonlySet<string>): Set<CompiledPhrase> {
    const candidates = new Set<CompiledPhrase>();
    for (const phrase of this.unanchored) candidates.add(phrase);
    for (const token of tokens) {
      const phrases = this.anchorIndex.get(token);
      if (phrases) for (const phrase of phrases) candidates.add(phrase);
    }
    return candidates;
  }

  assess(text: string, locale: string): RiskAssessment {
    const normalized = normalizeText(text);
    const tokens = new Set<string>();
    for (const token of tokenize(normalized.text)) {
      tokens.add(token);
      // "tonight's", "i'm": the parts count as words too, so anchors like "tonight" are found.
      if (token.includes("'")) for (const part of [...token.split("'"), token.replace(/'/g, '')]) if (part) tokens.add(part);
    }
    const candidates = this.candidatesFor(tokens);
    const matches: RiskMatch[] = [];
    for (const lexicon of this.lexiconsFor(locale)) matches.push(...this.assessWith(lexicon, text, normalized, candidates));
    const unique = dedupe(matches);
    const level = unique.reduce((current, match) => maxRiskLevel(current, match.level), 'none' as RiskAssessment['level']);
    const categories = [...new Set(unique.filter((match) => riskRank(match.level) > 0).map((match) => match.category))];
    return { level, categories, matches: unique };
  }

  /** Every lexicon, the locale's first: channel locales are often wrong and people switch languages (the anchor index keeps it cheap). */
  private lexiconsFor(locale: string): ReadonlyArray<Lexicon> {
    const language = (locale || 'en').toLowerCase().split(/[-_]/)[0]!;
    const own = this.lexicons.get(language);
    return own ? [own, ...[...this.lexicons.values()].filter((lexicon) => lexicon !== own)] : [...this.lexicons.values()];
  }

  private assessWith(lexicon: Lexicon, original: string, normalized: NormalizedText, candidates: ReadonlySet<CompiledPhrase>): RiskMatch[] {
    // Idioms are looked for only once something risky was found: most messages never pay for them.
    let excludedZones: Hit[] | undefined;
    const excluded = (hit: Hit): boolean => {
      excludedZones ??= lexicon.exclusions.flatMap((exclusion) => exclusion.phrases.flatMap((phrase) => find(phrase, normalized.text, candidates)));
      return excludedZones.some((zone) => hit.start < zone.end && zone.start < hit.end);
    };

    const found: RiskMatch[] = [];
    for (const rule of lexicon.rules) {
      for (const phrase of rule.phrases) {
        for (const hit of find(phrase, normalized.text, candidates)) {
          if (excluded(hit) || followedBy(rule.unlessAfter, normalized.text, hit.end) || precededBy(rule.unlessBefore, normalized.text, hit.start)) continue;
          const negated = rule.negatable && isNegated(normalized.text, hit.start, lexicon.negationCues);
          found.push(toMatch(rule, hit, normalized, original, negated));
        }
      }
    }

    found.push(...this.combinationMatches(lexicon, original, normalized, candidates, excluded));
    if (found.length === 0) return found;

    const present = new Set<string>();
    for (const modifier of lexicon.modifiers) {
      if (modifier.phrases.some((phrase) => find(phrase, normalized.text, candidates).length > 0)) present.add(modifier.modifier);
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

  /** Matches of combination rules: all their concepts within one clause and close together. */
  private combinationMatches(lexicon: Lexicon, original: string, normalized: NormalizedText, candidates: ReadonlySet<CompiledPhrase>, excluded: (hit: Hit) => boolean): RiskMatch[] {
    if (lexicon.combinations.length === 0) return [];
    // Concepts are looked for only when a combination needs them, and a combination stops at its first
    // missing concept, so common words ("i", "my") cost nothing in most messages.
    const hitsByConcept = new Map<string, Hit[]>();
    const conceptsByName = new Map(lexicon.concepts.map((concept) => [concept.name, concept]));
    const hitsOf = (name: string): Hit[] => {
      let hits = hitsByConcept.get(name);
      if (!hits) {
        hits = conceptsByName.get(name)!.phrases.flatMap((phrase) => find(phrase, normalized.text, candidates));
        hitsByConcept.set(name, hits);
      }
      return hits;
    };
    const found: RiskMatch[] = [];
    for (const combination of lexicon.combinations) {
      if (!combination.byRarity.every((name) => hitsOf(name).length > 0)) continue;
      const usable = combination.all.map((name) => hitsOf(name).filter((hit) => !excluded(hit)));
      for (const [from, to] of clauses(normalized.text)) {
        const chosen = closestSpan(usable.map((hits) => hits.filter((hit) => hit.start >= from && hit.end <= to)), combination.maxSpan);
        if (!chosen) continue;
        const span = { start: Math.min(...chosen.map((hit) => hit.start)), end: Math.max(...chosen.map((hit) => hit.end)) };
        // A denial before the words, or between them ("I'm not gonna jump"), but not one inside a concept ("not exist").
        const negated = combination.negatable && (isNegated(normalized.text, span.start, lexicon.negationCues) || deniedBetween(normalized.text, chosen, lexicon.negationCues));
        found.push(toMatch({ id: combination.id, category: combination.category, level: combination.level, negatable: combination.negatable, phrases: [], unlessAfter: [], unlessBefore: [] }, span, normalized, original, negated));
        break;
      }
    }
    return found;
  }

}

/** Clauses of the folded text as [start, end) ranges: concepts combine only within one clause. */
function clauses(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (const match of text.matchAll(/[.!?;\n]+|\s(?:but|pero|though|aunque)\s/g)) {
    ranges.push([start, match.index]);
    start = match.index + match[0].length;
  }
  ranges.push([start, text.length]);
  return ranges.filter(([from, to]) => to > from);
}

/** Every place `phrase` matches, if it is among the message's candidate phrases at all. */
function find(phrase: CompiledPhrase, text: string, candidates: ReadonlySet<CompiledPhrase>): Hit[] {
  if (!candidates.has(phrase)) return [];
  const hits: Hit[] = [];
  phrase.regex.lastIndex = 0;
  for (let match = phrase.regex.exec(text); match; match = phrase.regex.exec(text)) {
    hits.push({ start: match.index, end: match.index + match[0].length });
    if (match[0].length === 0) phrase.regex.lastIndex += 1;
  }
  return hits;
}

/** The tightest set of hits, one per concept and not overlapping, that fits in `maxSpan` characters. */
function closestSpan(groups: Hit[][], maxSpan: number): Hit[] | undefined {
  if (groups.some((group) => group.length === 0)) return undefined;
  let best: Hit[] | undefined;
  let bestWidth = Infinity;
  const choose = (index: number, chosen: Hit[]): void => {
    if (index === groups.length) {
      const start = Math.min(...chosen.map((hit) => hit.start));
      const end = Math.max(...chosen.map((hit) => hit.end));
      const distinct = chosen.every((hit, i) => chosen.every((other, j) => i === j || hit.end <= other.start || other.end <= hit.start));
      if (distinct && end - start <= maxSpan && end - start < bestWidth) {
        best = chosen;
        bestWidth = end - start;
      }
      return;
    }
    for (const hit of groups[index]!.slice(0, 8)) choose(index + 1, [...chosen, hit]);
  };
  choose(0, []);
  return best;
}

/** True when a denial stands between the chosen words, outside the words themselves. */
function deniedBetween(text: string, chosen: readonly Hit[], cues: ReadonlySet<string>): boolean {
  const ordered = [...chosen].sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < ordered.length; i += 1) {
    const gap = text.slice(ordered[i]!.end, ordered[i + 1]!.start);
    if (tokenize(gap).some((word) => cues.has(word) || word.endsWith("n't") || word.endsWith('nt') && cues.has(`${word.slice(0, -2)}n't`))) return true;
  }
  return false;
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
