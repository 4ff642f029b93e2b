import { join } from 'node:path';
import { createEmbeddedAssessor } from '../../../bot/risk/createAssessor';
import { LexiconError, parseLexicon } from '../../../bot/risk/lexicon';
import { LexiconAssessor } from '../../../bot/risk/lexiconAssessor';

const assessor = createEmbeddedAssessor(join(__dirname, '..', '..', '..', 'resources'));

describe('LexiconAssessor', () => {
  it('when a message carries risk, then each match names its rule and the exact words', () => {
    const text = 'work was awful and honestly i want to kill myself tonight';
    const verdict = assessor.assess(text, 'en');
    expect(verdict.level).toBe('imminent');
    const match = verdict.matches.find((m) => m.ruleId === 'en.active.kill_self')!;
    expect(text.slice(match.span[0], match.span[1])).toBe(match.excerpt);
    expect(match.excerpt).toMatch(/kill myself/);
    expect(verdict.categories).toContain('ideation_active');
  });

  const table: Array<[string, string, string]> = [
    ["I'm not suicidal", 'en', 'none'],
    ['I would never kill myself', 'en', 'low'],
    ["I don't want to live anymore", 'en', 'high'],
    ["I can't go on", 'en', 'moderate'],
    ['this exam is killing me', 'en', 'none'],
    ['I could kill for a coffee', 'en', 'none'],
    ['dying to see it', 'en', 'none'],
    ["I'm not gonna jump", 'en', 'low'],
    ['I want to not exist', 'en', 'high'],
    ['i swallowed everything in the medicine cabinet', 'en', 'imminent'],
    ["I'm sitting on the train tracks", 'en', 'imminent'],
    ['he pushed me down the stairs', 'en', 'high'],
    ['me muero de risa', 'es', 'none'],
    ['me quiero morir', 'es', 'high'],
    ['no me voy a matar', 'es', 'none'],
    ['estoy harta, i just want to kill myself', 'es', 'high'],
    ['me quiero morir', 'en-US', 'high'],
    ['no me voy a matar', 'en', 'none'],
  ];
  it.each(table)('when "%s" (%s) is assessed, then the level is %s', (text, locale, level) => {
    expect(assessor.assess(text, locale).level).toBe(level);
  });

  it('when the risk sits in the middle of a long rambling message, then it is still found', () => {
    const filler = 'so the bus was late again and my manager asked about the rota and I said fine. ';
    expect(assessor.assess(`${filler.repeat(8)}i have been saving up my pills. ${filler.repeat(8)}`, 'en').level).toBe('high');
  });

  it('when the text is empty or only emoji, then nothing fires and nothing throws', () => {
    expect(assessor.assess('', 'en').level).toBe('none');
    expect(assessor.assess('🙂🙂', 'xx-YY').level).toBe('none');
  });
});

describe('lexicon validation', () => {
  const base = { locale: 'en', negationCues: ['not'], rules: [{ id: 'r1', category: 'plan', level: 'high', phrases: ['noose'] }] };
  const broken: Array<[string, Record<string, unknown>, RegExp]> = [
    ['an unknown category', { rules: [{ id: 'r1', category: 'sadness', level: 'high', phrases: ['x'] }] }, /rule r1: "category"/],
    ['an unknown level', { rules: [{ id: 'r1', category: 'plan', level: 'severe', phrases: ['x'] }] }, /rule r1: "level"/],
    ['a malformed phrase', { rules: [{ id: 'r1', category: 'plan', level: 'high', phrases: ['(a|b'] }] }, /rule r1: "phrases": pattern "\(a\|b"/],
    ['a duplicate id', { rules: [{ id: 'r1', category: 'plan', level: 'high', phrases: ['x'] }, { id: 'r1', category: 'plan', level: 'high', phrases: ['y'] }] }, /used twice/],
    ['an empty unlessAfter list', { rules: [{ id: 'r1', category: 'plan', level: 'high', phrases: ['x'], unlessAfter: [] }] }, /rule r1: "unlessAfter"/],
    ['a malformed unlessBefore phrase', { rules: [{ id: 'r1', category: 'plan', level: 'high', phrases: ['x'], unlessBefore: ['[a'] }] }, /rule r1: "unlessBefore"/],
    ['a combination naming no concept', { concepts: { self: ['i'] }, combinations: [{ id: 'c1', category: 'plan', level: 'high', all: ['self', 'ghost'] }] }, /"ghost"/],
  ];
  it.each(broken)('when a lexicon has %s, then loading fails naming the file and the rule', (_label, change, message) => {
    expect(() => parseLexicon({ ...base, ...change }, 'resources/risk/en.json')).toThrow(LexiconError);
    expect(() => parseLexicon({ ...base, ...change }, 'resources/risk/en.json')).toThrow(message);
  });
});

describe('per-rule "unless" phrases', () => {
  const lexicon = parseLexicon(
    {
      locale: 'en',
      negationCues: ['not'],
      rules: [
        { id: 'r.rope', category: 'means', level: 'high', phrases: ['bought a rope'], unlessAfter: ['for (climbing|the boat)'], unlessBefore: ['(film|movie) where he'] },
      ],
    },
    'test.json',
  );
  const local = new LexiconAssessor(new Map([['en', lexicon]]));
  const table: Array<[string, string]> = [
    ['i bought a rope', 'high'],
    ['i bought a rope for climbing', 'none'],
    ['i bought a rope, for the boat', 'none'],
    ['i bought a rope. for climbing they said', 'high'],
    ['i bought a rope and then for climbing', 'high'],
    ['the film where he bought a rope', 'none'],
    ['the film was long. he bought a rope', 'high'],
  ];
  it.each(table)('when "%s" is assessed, then the level is %s', (text, level) => {
    expect(local.assess(text, 'en').level).toBe(level);
  });
});
