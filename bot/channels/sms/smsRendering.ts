import type { Activity, Attachment, CardAction } from 'botbuilder';

/** Longest SMS part we send; two GSM segments' worth, split at sentence boundaries. */
export const SMS_PART_LIMIT = 320;

/** The wording the renderer needs (a Phrasebook fits). */
export interface SmsWording {
  text(key: string, locale?: string, vars?: Readonly<Record<string, string | number>>): string;
}

/** Removes markdown emphasis, headings, links and list markers so the text reads plainly on a phone. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(\*|_)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^\s*[-*+]\s+/gm, '- ')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

/** Collects readable lines from a card's content (hero/thumbnail titles and text, Adaptive Card TextBlocks, facts). */
export function flattenCard(attachment: Attachment): string[] {
  const lines: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    for (const field of ['title', 'subtitle', 'text']) {
      // Action titles become numbered choices, not body lines.
      if (field === 'title' && typeof record.type === 'string' && record.type.startsWith('Action.')) continue;
      const value = record[field];
      if (typeof value === 'string' && value.trim() !== '') lines.push(stripMarkdown(value));
    }
    if (typeof record.value === 'string' && typeof record.title === 'string' && record.type === undefined) {
      lines.push(record.value); // FactSet fact: title was pushed above
    }
    for (const [key, value] of Object.entries(record)) {
      if (key !== 'actions' && key !== 'buttons' && typeof value === 'object') walk(value);
    }
  };
  walk(attachment.content);
  return lines;
}

/** Titles of the choices offered by suggested actions and card buttons/actions, in order. */
export function choiceTitles(activity: Partial<Activity>): string[] {
  const titles: string[] = [];
  const add = (action: Partial<CardAction> & Record<string, unknown>): void => {
    const title = typeof action.title === 'string' ? action.title : typeof action.value === 'string' ? action.value : '';
    if (title.trim() !== '' && !titles.includes(title.trim())) titles.push(title.trim());
  };
  for (const action of activity.suggestedActions?.actions ?? []) add(action as CardAction & Record<string, unknown>);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    for (const key of ['buttons', 'actions']) {
      const list = record[key];
      if (Array.isArray(list)) for (const a of list) if (typeof a === 'object' && a !== null) add(a as Record<string, unknown>);
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'buttons' && key !== 'actions') walk(value);
  };
  for (const attachment of activity.attachments ?? []) walk(attachment.content);
  return titles;
}

/** Splits text into parts of at most `limit` characters, at sentence (then word) boundaries, numbered only when split. */
export function splitForSms(text: string, limit: number = SMS_PART_LIMIT): string[] {
  const clean = text.trim();
  if (clean.length <= limit) return clean === '' ? [] : [clean];
  const room = limit - 8; // leaves space for " (12/12)"
  const sentences = clean.match(/[^.!?\n]+(?:[.!?]+|\n+|$)/g) ?? [clean];
  const parts: string[] = [];
  let current = '';
  const pushWords = (sentence: string): void => {
    for (const word of sentence.split(/\s+/).filter(Boolean)) {
      for (let piece = word; piece.length > 0; piece = piece.slice(room)) {
        const chunk = piece.slice(0, room);
        if (current !== '' && current.length + 1 + chunk.length > room) {
          parts.push(current);
          current = '';
        }
        current = current === '' ? chunk : `${current} ${chunk}`;
      }
    }
  };
  for (const raw of sentences) {
    const sentence = raw.trim();
    if (sentence === '') continue;
    if (current !== '' && current.length + 1 + sentence.length <= room) current = `${current} ${sentence}`;
    else if (sentence.length <= room) {
      if (current !== '') parts.push(current);
      current = sentence;
    } else pushWords(sentence);
  }
  if (current !== '') parts.push(current);
  return parts.map((part, i) => `${part} (${i + 1}/${parts.length})`);
}

/** Turns one outgoing activity into the plain SMS texts to send (none for events, typing and other non-messages). */
export function renderForSms(activity: Partial<Activity>, wording: SmsWording, locale?: string): string[] {
  if (activity.type !== undefined && activity.type !== 'message') return [];
  const lines: string[] = [];
  if (activity.text) lines.push(stripMarkdown(activity.text));
  for (const attachment of activity.attachments ?? []) {
    for (const line of flattenCard(attachment)) if (!lines.includes(line)) lines.push(line);
  }
  const choices = choiceTitles(activity);
  if (choices.length > 0) {
    const items = choices.map((title, i) => wording.text('sms.choiceItem', locale, { number: i + 1, title }));
    lines.push(`${wording.text('sms.choiceIntro', locale)} ${items.join(wording.text('sms.choiceJoiner', locale))}.`);
  }
  return splitForSms(lines.join('\n'));
}

/** Maps an inbound bare number ("2") back to the choice title offered last, so prompts recognise it either way. */
export function choiceFromReply(reply: string, lastChoices: readonly string[]): string | undefined {
  const match = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(reply);
  if (!match) return undefined;
  return lastChoices[Number(match[1]) - 1];
}
