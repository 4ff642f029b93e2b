/** Why an inbound activity was refused; `field` names the first bad field. */
export interface ActivityProblem {
  readonly field: string;
  readonly problem: string;
}

const MAX_ID_LENGTH = 1024;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkId(holder: Record<string, unknown>, path: string, required: boolean): ActivityProblem | undefined {
  const id = holder.id;
  if (id === undefined && !required) return undefined;
  if (typeof id !== 'string' || id.length === 0) return { field: `${path}.id`, problem: 'must be a non-empty string' };
  if (id.length > MAX_ID_LENGTH) return { field: `${path}.id`, problem: `must be at most ${MAX_ID_LENGTH} characters` };
  return undefined;
}

/**
 * Checks the fields the bot relies on before the adapter sees the activity, so a malformed request gets a
 * clear 400 instead of an internal error. Unknown activity types are allowed (the bot ignores them).
 */
export function validateInboundActivity(body: unknown): ActivityProblem | undefined {
  if (!isObject(body)) return { field: 'body', problem: 'must be a JSON object (an activity)' };
  if (typeof body.type !== 'string' || body.type.length === 0 || body.type.length > 64) {
    return { field: 'type', problem: 'must be a non-empty string of at most 64 characters' };
  }
  if (typeof body.serviceUrl !== 'string' || !/^https?:\/\/[^\s]+$/i.test(body.serviceUrl)) {
    return { field: 'serviceUrl', problem: 'must be an http(s) URL' };
  }
  if (body.channelId !== undefined && typeof body.channelId !== 'string') {
    return { field: 'channelId', problem: 'must be a string' };
  }
  if (!isObject(body.conversation)) return { field: 'conversation', problem: 'must be an object with an id' };
  const conversationProblem = checkId(body.conversation, 'conversation', true);
  if (conversationProblem) return conversationProblem;
  for (const party of ['from', 'recipient'] as const) {
    const value = body[party];
    if (value === undefined) continue;
    if (!isObject(value)) return { field: party, problem: 'must be an object' };
    const problem = checkId(value, party, body.type === 'message' && party === 'from');
    if (problem) return problem;
  }
  if (body.type === 'message' && body.from === undefined) return { field: 'from', problem: 'is required on a message' };
  for (const field of ['text', 'locale', 'id', 'replyToId', 'textFormat', 'name'] as const) {
    if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'string') {
      return { field, problem: 'must be a string' };
    }
  }
  if (body.attachments !== undefined && !Array.isArray(body.attachments)) {
    return { field: 'attachments', problem: 'must be an array' };
  }
  if (body.membersAdded !== undefined && !Array.isArray(body.membersAdded)) {
    return { field: 'membersAdded', problem: 'must be an array' };
  }
  if (body.entities !== undefined && !Array.isArray(body.entities)) {
    return { field: 'entities', problem: 'must be an array' };
  }
  return undefined;
}
