import path from 'node:path';
import { Phrasebook, firstPicker } from '../../../../bot/resources/phrasebook';
import { choiceFromReply, renderForSms, splitForSms, stripMarkdown, SMS_PART_LIMIT } from '../../../../bot/channels/sms/smsRendering';

const phrasebook = Phrasebook.load(path.join(__dirname, '../../../../resources/locales'), firstPicker);

describe('stripMarkdown', () => {
  test.each([
    ['**bold** and _soft_', 'bold and soft'],
    ['# Heading\nbody', 'Heading\nbody'],
    ['see [the site](https://example.org)', 'see the site (https://example.org)'],
    ['* one\n* two', '- one\n- two'],
  ])('when given %j, then it reads %j', (input, expected) => {
    expect(stripMarkdown(input)).toBe(expected);
  });
});

describe('splitForSms', () => {
  test('when the text fits, then it is one part without a number', () => {
    expect(splitForSms('Short and calm.')).toEqual(['Short and calm.']);
  });

  test('when the text is long, then every part is within the limit, numbered, and no sentence is cut', () => {
    const sentences = Array.from({ length: 12 }, (_, i) => `This is sentence number ${i} with some words.`);
    const parts = splitForSms(sentences.join(' '));
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((part, i) => {
      expect(part.length).toBeLessThanOrEqual(SMS_PART_LIMIT);
      expect(part.endsWith(`(${i + 1}/${parts.length})`)).toBe(true);
    });
    for (const sentence of sentences) expect(parts.some((p) => p.includes(sentence))).toBe(true);
  });

  test('when one word is longer than a part, then it is still split within the limit', () => {
    const parts = splitForSms('x'.repeat(1000));
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(SMS_PART_LIMIT);
    expect(parts.map((p) => p.replace(/ \(\d+\/\d+\)$/, '')).join('')).toBe('x'.repeat(1000));
  });
});

describe('renderForSms', () => {
  test.each([
    ['event', { type: 'event', name: 'handoff.initiate' }, []],
    ['typing', { type: 'typing' }, []],
    ['plain message', { type: 'message', text: 'Hello **there**' }, ['Hello there']],
  ])('when the activity is %s, then the SMS texts are as expected', (_name, activity, expected) => {
    expect(renderForSms(activity, phrasebook, 'en')).toEqual(expected);
  });

  test.each([
    ['en', 'Reply 1 for Yes, 2 for No.'],
    ['es', 'Responde 1 para Yes, 2 para No.'],
  ])('when suggested actions are offered in %s, then they become numbered choices', (locale, expected) => {
    const texts = renderForSms(
      { type: 'message', text: 'Are you safe?', suggestedActions: { to: [], actions: [
        { type: 'imBack', title: 'Yes', value: 'Yes' },
        { type: 'imBack', title: 'No', value: 'No' },
      ] } },
      phrasebook,
      locale,
    );
    expect(texts).toEqual([`Are you safe?\n${expected}`]);
  });

  test('when an Adaptive Card is attached, then its text blocks become plain lines and its actions choices', () => {
    const texts = renderForSms(
      {
        type: 'message',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: {
          type: 'AdaptiveCard',
          body: [{ type: 'TextBlock', text: '**Crisis line**' }, { type: 'TextBlock', text: 'Call 988' }],
          actions: [{ type: 'Action.Submit', title: 'Talk to someone' }],
        } }],
      },
      phrasebook,
      'en',
    );
    expect(texts).toEqual(['Crisis line\nCall 988\nReply 1 for Talk to someone.']);
  });
});

describe('choiceFromReply', () => {
  test.each([
    ['2', 'No'],
    [' 1. ', 'Yes'],
    ['3', undefined],
    ['2 please', undefined],
  ])('when the reply is %j, then the choice is %j', (reply, expected) => {
    expect(choiceFromReply(reply, ['Yes', 'No'])).toBe(expected);
  });
});
