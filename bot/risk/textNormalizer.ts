/** Text folded for matching, with a map from each folded character back to the original text. */
export interface NormalizedText {
  /** Lowercase, accents removed, look-alike digits and symbols read as letters, long letter runs shortened. */
  readonly text: string;
  /** `origin[i]` is the index in the original text of folded character `i`; `origin[text.length]` is the end. */
  readonly origin: readonly number[];
}

// Digits and symbols people use in place of letters ("k1ll", "d1e", "$uicide"), read as letters only
// between letters so numbers ("take 20 pills") stay numbers.
const LOOKALIKES: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

const APOSTROPHES = /['\u2018\u2019\u02bc\u0060\u00b4]/;

function isLetter(char: string | undefined): boolean {
  return !!char && /\p{L}/u.test(char);
}

/**
 * Folds text for matching while remembering where every character came from, so a match on the folded
 * text can name the exact span of what the person wrote.
 */
export function normalizeText(original: string): NormalizedText {
  const out: string[] = [];
  const origin: number[] = [];
  const chars = Array.from(original);
  let offset = 0;
  for (let i = 0; i < chars.length; i += 1) {
    const char = chars[i]!;
    const start = offset;
    offset += char.length;
    let folded: string;
    if (APOSTROPHES.test(char)) {
      folded = "'";
    } else if (char in LOOKALIKES && isLetter(chars[i - 1]) && (isLetter(chars[i + 1]) || isLetter(chars[i - 2]))) {
      folded = LOOKALIKES[char]!;
    } else {
      folded = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    }
    for (const piece of folded) {
      // Shorten runs of one letter to two ("sooooo" → "soo", "killll" → "kill"); patterns allow one or two.
      const last = out.length;
      if (isLetter(piece) && out[last - 1] === piece && out[last - 2] === piece) continue;
      out.push(piece);
      // One origin entry per UTF-16 unit, so indices into the folded string line up (emoji are two units).
      for (let unit = 0; unit < piece.length; unit += 1) origin.push(start);
    }
  }
  origin.push(offset);
  return { text: out.join(''), origin };
}

/** Maps a [start, end) span of normalized text back to the original text. */
export function originalSpan(normalized: NormalizedText, start: number, end: number): [number, number] {
  const from = normalized.origin[start] ?? 0;
  const lastChar = normalized.origin[Math.max(start, end - 1)] ?? from;
  const to = normalized.origin[end] ?? lastChar + 1;
  // `to` is where the next folded character begins; never before the last matched character's end.
  return [from, Math.max(to, lastChar + 1)];
}

/** Splits normalized text into word tokens (letters, digits and apostrophes) and single emoji/symbols. */
export function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}']+|\p{Extended_Pictographic}/gu) ?? [];
}
