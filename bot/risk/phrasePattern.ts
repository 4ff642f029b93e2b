/**
 * The small phrase language clinicians write lexicon rules in, compiled to regular expressions.
 *
 *   kill myself                 words, matched whole, with any spaces or punctuation between them
 *   (kill|end) my life          alternatives (each may be several words)
 *   [really] want to die        an optional word or phrase
 *   want * die                  exactly one word of any kind
 *   saving ... pills            up to four words of any kind
 *   pill*                       a word beginning with "pill" (pills, pillz)
 *   took # pills                a number written in digits ("took 30 pills")
 *   my~self                     an optional space: "myself" or "my self"
 *   don't                       also "dont" and "do not" (likewise can't, won't, i'm, i've, i'll …)
 *
 * Text is matched after folding (lowercase, no accents, "k1ll" read as "kill", long letter runs shortened
 * to two), so rules are written in plain lowercase without accents.
 */

type Element =
  | { kind: 'word'; text: string; prefix: boolean }
  | { kind: 'group'; alternatives: Element[][]; optional: boolean }
  | { kind: 'any'; max: number }
  | { kind: 'number' };

export interface CompiledPhrase {
  readonly source: string;
  readonly regex: RegExp;
  /** Words one of which must appear in the text for the phrase to match; undefined = no cheap test. */
  readonly anchors: ReadonlySet<string> | undefined;
  /** Word prefixes that can also satisfy the anchor test. */
  readonly anchorPrefixes: readonly string[];
}

export class PhrasePatternError extends Error {
  constructor(pattern: string, problem: string) {
    super(`pattern "${pattern}": ${problem}`);
    this.name = 'PhrasePatternError';
  }
}

const SEP = "[^\\p{L}\\p{N}']+";
const WORD = "[\\p{L}\\p{N}']+";
const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])';
const NEGATIVE_BASES: Readonly<Record<string, string>> = { ca: 'can', wo: 'will', sha: 'shall', ai: 'am' };
const CONTRACTIONS: ReadonlyArray<[string, string]> = [["'m", 'am'], ["'ve", 'have'], ["'ll", 'will'], ["'re", 'are'], ["'d", 'would']];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Regex source for one literal word, with its contraction and apostrophe variants. */
function wordSource(word: string): string {
  const pieces = word.split('~').map((piece) => escape(piece).replace(/'/g, "'?"));
  const joined = pieces.join(' ?');
  if (word.endsWith("n't")) {
    const stem = word.slice(0, -3);
    const full = NEGATIVE_BASES[stem] ?? stem;
    return `(?:${joined}|${escape(full)}${SEP}not|${escape(full)}not)`;
  }
  for (const [suffix, expansion] of CONTRACTIONS) {
    if (word.endsWith(suffix) && word.length > suffix.length) {
      return `(?:${joined}|${escape(word.slice(0, -suffix.length))}${SEP}${expansion})`;
    }
  }
  return joined;
}

function wordAnchors(word: string): string[] {
  const first = word.split('~');
  const anchors = [first[0]!, first.join(''), word.replace(/'/g, '')];
  if (word.endsWith("n't")) anchors.push(NEGATIVE_BASES[word.slice(0, -3)] ?? word.slice(0, -3), `${NEGATIVE_BASES[word.slice(0, -3)] ?? word.slice(0, -3)}not`);
  for (const [suffix] of CONTRACTIONS) if (word.endsWith(suffix) && word.length > suffix.length) anchors.push(word.slice(0, -suffix.length));
  return anchors;
}

/** Parses a phrase into elements; throws with the pattern named on unbalanced brackets or empty parts. */
function parse(pattern: string): Element[] {
  let index = 0;
  const fail = (problem: string): never => { throw new PhrasePatternError(pattern, problem); };

  const sequence = (closers: string): Element[] => {
    const items: Element[] = [];
    while (index < pattern.length) {
      const char = pattern[index]!;
      if (closers.includes(char)) break;
      if (char === ' ') { index += 1; continue; }
      if (char === '(' || char === '[') {
        const close = char === '(' ? ')' : ']';
        index += 1;
        const alternatives: Element[][] = [sequence(`|${close}`)];
        while (pattern[index] === '|') {
          index += 1;
          alternatives.push(sequence(`|${close}`));
        }
        if (pattern[index] !== close) fail(`missing "${close}"`);
        index += 1;
        if (alternatives.some((alternative) => alternative.length === 0)) fail('empty alternative');
        items.push({ kind: 'group', alternatives, optional: char === '[' });
        continue;
      }
      if (pattern.startsWith('...', index)) { items.push({ kind: 'any', max: 4 }); index += 3; continue; }
      if (char === '*') { items.push({ kind: 'any', max: 1 }); index += 1; continue; }
      if (char === '#' && ' |)]'.includes(pattern[index + 1] ?? ' ')) { items.push({ kind: 'number' }); index += 1; continue; }
      let end = index;
      while (end < pattern.length && !' ()[]|'.includes(pattern[end]!)) end += 1;
      let text = pattern.slice(index, end);
      index = end;
      const prefix = text.endsWith('*');
      if (prefix) text = text.slice(0, -1);
      if (!text) fail('empty word');
      // Regex habits ("(very )?sad") would silently never match: say what to write instead.
      if (/[?+{}\\^$]/.test(text)) fail(`"${text}" is not a word: write optional words in [brackets], e.g. "[very] sad"`);
      if (text !== text.toLowerCase()) fail('write rules in lowercase');
      items.push({ kind: 'word', text, prefix });
    }
    return items;
  };

  const elements = sequence('');
  if (index < pattern.length) fail(`unexpected "${pattern[index]}"`);
  if (elements.length === 0) fail('empty pattern');
  return elements;
}

/**
 * Regex source of a sequence; each element after the first is preceded by a separator. Optional parts at the
 * start carry their separator after them, so "[really] want" matches "want" alone.
 */
function sequenceSource(elements: Element[]): string {
  let source = '';
  let started = false;
  for (const element of elements) {
    const lead = started ? SEP : '';
    if (element.kind === 'word') {
      source += `${lead}${wordSource(element.text)}${element.prefix ? "[\\p{L}\\p{N}']*" : ''}`;
    } else if (element.kind === 'number') {
      source += `${lead}\\p{N}+`;
    } else if (element.kind === 'any') {
      source += element.max === 1 ? `${lead}${WORD}` : started ? `(?:${SEP}${WORD}){0,${element.max}}` : `(?:${WORD}${SEP}){0,${element.max}}`;
      if (element.max > 1 && !started) continue;
    } else {
      const inner = element.alternatives.map((alternative) => sequenceSource(alternative)).join('|');
      if (element.optional && !started) {
        source += `(?:(?:${inner})${SEP})?`;
        continue;
      }
      source += element.optional ? `(?:${lead}(?:${inner}))?` : `${lead}(?:${inner})`;
    }
    started = true;
  }
  return source;
}

/** Words so common that anchoring on them would run a phrase on nearly every message. */
const COMMON_WORDS = new Set([
  'i', 'me', 'my', 'im', "i'm", 'you', 'the', 'a', 'an', 'to', 'and', 'it', 'is', 'was', 'be', 'no', 'not', 'of', 'in', 'on', 'for', 'so', 'just',
  'that', 'this', 'have', 'do', 'am', 'are', 'he', 'she', 'they', 'we', 'can', 'will', 'would', 'what', 'all', 'at', 'with', 'de', 'la', 'el', 'que',
  'y', 'en', 'me', 'mi', 'lo', 'los', 'las', 'un', 'una', 'es', 'se', 'ya', 'al', 'del', 'por', 'con', 'para', 'want', 'like', 'get', 'got',
]);

/** Anchor words of one element, if it must be present; undefined for optional parts and wildcards. */
function elementAnchors(element: Element): { words: string[]; prefixes: string[] } | undefined {
  if (element.kind === 'any' || element.kind === 'number') return undefined;
  if (element.kind === 'word') return element.prefix ? { words: [], prefixes: [element.text] } : { words: wordAnchors(element.text), prefixes: [] };
  if (element.optional) return undefined;
  const words: string[] = [];
  const prefixes: string[] = [];
  for (const alternative of element.alternatives) {
    const inner = anchorsOf(alternative);
    if (!inner) return undefined;
    words.push(...inner.words);
    prefixes.push(...inner.prefixes);
  }
  return { words, prefixes };
}

/**
 * The anchor words of a sequence: of the elements that must be present, the one least likely to be in an
 * ordinary message (no common words, fewest alternatives), so the cheap word test filters well.
 */
function anchorsOf(elements: Element[]): { words: string[]; prefixes: string[] } | undefined {
  let best: { words: string[]; prefixes: string[] } | undefined;
  let bestScore = Infinity;
  for (const element of elements) {
    const anchors = elementAnchors(element);
    if (!anchors || anchors.words.length + anchors.prefixes.length === 0) continue;
    const common = anchors.words.filter((word) => COMMON_WORDS.has(word)).length;
    const score = common * 1000 + anchors.prefixes.length * 100 + anchors.words.length;
    if (score < bestScore) {
      best = anchors;
      bestScore = score;
    }
  }
  return best;
}

/** Compiles one phrase. Leading optional parts and wildcards are not anchors, so the text test stays exact. */
export function compilePhrase(pattern: string): CompiledPhrase {
  const elements = parse(pattern.trim());
  const body = sequenceSource(elements);
  const last = elements[elements.length - 1]!;
  const openEnded = last.kind === 'word' && last.prefix;
  const source = `${NOT_WORD_BEFORE}${body}${openEnded ? '' : NOT_WORD_AFTER}`;
  const anchors = anchorsOf(elements);
  return {
    source: pattern,
    regex: new RegExp(source, 'gu'),
    anchors: anchors && anchors.words.length + anchors.prefixes.length > 0 ? new Set(anchors.words) : undefined,
    anchorPrefixes: anchors?.prefixes ?? [],
  };
}
