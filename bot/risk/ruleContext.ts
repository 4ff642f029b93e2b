import type { CompiledPhrase } from './phrasePattern';

/** How far around a match a rule's "unless" phrases are looked for, in characters of folded text. */
const REACH = 60;
// Only spaces and light punctuation: an "unless" phrase in the next sentence does not excuse this one.
const GAP = /^[\s,'"()-]*$/u;

/**
 * True when one of `phrases` comes right after `end` (only spaces or punctuation between): a rule's
 * "unlessAfter" ("kill myself laughing"). Checked on a short window, so it costs little.
 */
export function followedBy(phrases: readonly CompiledPhrase[], text: string, end: number): boolean {
  if (phrases.length === 0) return false;
  const window = text.slice(end, end + REACH);
  return phrases.some((phrase) => {
    phrase.regex.lastIndex = 0;
    const match = phrase.regex.exec(window);
    return match !== null && GAP.test(window.slice(0, match.index));
  });
}

/** True when one of `phrases` ends right before `start`: a rule's "unlessBefore" ("the film where he wants to die"). */
export function precededBy(phrases: readonly CompiledPhrase[], text: string, start: number): boolean {
  if (phrases.length === 0) return false;
  const from = Math.max(0, start - REACH);
  const window = text.slice(from, start);
  return phrases.some((phrase) => {
    phrase.regex.lastIndex = 0;
    for (let match = phrase.regex.exec(window); match; match = phrase.regex.exec(window)) {
      if (GAP.test(window.slice(match.index + match[0].length))) return true;
      if (match[0].length === 0) phrase.regex.lastIndex += 1;
    }
    return false;
  });
}
