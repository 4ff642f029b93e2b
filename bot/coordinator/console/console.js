// The coordinator console: plain browser JavaScript, no build step. It talks only to /api/coordinator/*,
// with the HttpOnly session cookie the sign-in sets; the live queue comes over server-sent events.

const LEVELS = ['none', 'low', 'moderate', 'high', 'imminent'];
const $ = (id) => document.getElementById(id);
const state = { me: null, cases: new Map(), selected: null, detail: null, source: null };

const TEMPLATES = [
  'Safety check done: the person is safe right now.',
  'Means discussed; agreed to put them out of reach.',
  'Person agreed to contact a crisis line / emergency services.',
  'Shared local resources.',
  'Follow-up agreed.',
];

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || `request failed (${response.status})`);
  return data;
}

function text(tag, content, className) {
  const element = document.createElement(tag);
  element.textContent = content;
  if (className) element.className = className;
  return element;
}

function waited(since) {
  const minutes = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 60000));
  return minutes < 1 ? 'just now' : `${minutes} min`;
}

function order(a, b) {
  return LEVELS.indexOf(b.level) - LEVELS.indexOf(a.level) || Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

function renderQueue() {
  const list = $('queue');
  list.replaceChildren();
  const cases = [...state.cases.values()].sort(order);
  $('queue-empty').hidden = cases.length > 0;
  for (const item of cases) {
    const li = document.createElement('li');
    li.className = item.level;
    li.tabIndex = 0;
    li.dataset.caseId = item.id;
    li.setAttribute('aria-current', String(item.id === state.selected));
    li.setAttribute('aria-label', `${item.level} risk, ${item.status}, waiting ${waited(item.createdAt)}`);
    const head = document.createElement('div');
    head.append(text('span', item.level, `level ${item.level}`), ` ${item.status}${item.escalated ? ' · escalated' : ''} · ${item.channelId} · waiting ${waited(item.createdAt)}`);
    const why = [...new Set(item.evidence.map((match) => `“${match.excerpt}”`))].join(' ') || item.reason.replace(/_/g, ' ');
    li.append(head, text('div', why, 'why'));
    if (item.categories.length) li.append(text('div', item.categories.join(', ').replace(/_/g, ' '), 'why'));
    const open = () => select(item.id);
    li.addEventListener('click', open);
    li.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); open(); } });
    list.append(li);
  }
}

function alertImminent(item) {
  const banner = $('alert');
  banner.textContent = `Imminent risk: a new case is waiting (${item.channelId}).`;
  banner.hidden = false;
  document.title = '⚠ Imminent case · Peer Triage';
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = 880;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.4);
  } catch { /* no audio device: the banner is the alert */ }
}

async function renderOverview() {
  const data = await api('GET', '/api/coordinator/overview').catch(() => null);
  if (!data) return;
  const box = $('overview');
  box.replaceChildren();
  const levels = LEVELS.slice().reverse().filter((level) => data.openByLevel[level]).map((level) => `${data.openByLevel[level]} ${level}`).join(', ') || 'none';
  const closed = Object.entries(data.closedTodayByOutcome).map(([outcome, count]) => `${count} ${outcome.replace(/_/g, ' ')}`).join(', ') || 'none';
  for (const [label, value] of [['Open', levels], ['Waiting to be claimed', String(data.queued)], ['Median time to claim today', data.medianMinutesToClaimToday === null ? '–' : `${data.medianMinutesToClaimToday} min`], ['Closed today', closed]]) {
    const item = document.createElement('div');
    item.append(`${label}: `, text('strong', value));
    box.append(item);
  }
}

async function select(caseId) {
  state.selected = caseId;
  renderQueue();
  await loadCase();
  $('case').focus();
}

async function loadCase() {
  if (!state.selected) return;
  const detail = await api('GET', `/api/coordinator/cases/${state.selected}`);
  state.detail = detail;
  const item = detail.case;
  $('case-title').textContent = `Case · ${item.level} risk · ${item.status}`;
  $('case-body').hidden = false;
  const facts = $('case-facts');
  facts.replaceChildren();
  const add = (term, value) => { if (value) facts.append(text('dt', term), text('dd', value)); };
  add('Why', item.evidence.map((match) => `“${match.excerpt}” (${match.ruleId})`).join('; ') || item.reason.replace(/_/g, ' '));
  add('Categories', item.categories.join(', ').replace(/_/g, ' '));
  add('Screening', item.screening ? JSON.stringify(item.screening) : 'not done');
  add('Channel', `${item.channelId} · ${item.region} · ${item.locale}`);
  add('Waiting since', `${new Date(item.createdAt).toLocaleTimeString()} (${waited(item.createdAt)})`);
  add('Coordinator', item.coordinatorName || 'nobody yet');
  const mine = item.coordinator === state.me.id;
  $('claim').disabled = item.status !== 'queued';
  $('transfer').disabled = !mine;
  $('reply').querySelector('button').disabled = !mine;
  const transcript = $('transcript');
  transcript.replaceChildren();
  for (const line of item.context) transcript.append(text('li', `Before the hand-off, the person wrote: ${line.text}`, 'before'));
  for (const line of detail.transcript) transcript.append(text('li', `${line.from === 'coordinator' ? line.name : 'Person'}: ${line.text}`, line.from));
  transcript.scrollTop = transcript.scrollHeight;
  const notes = $('notes');
  notes.replaceChildren(...item.notes.map((note) => text('li', `${note.by}, ${new Date(note.at).toLocaleTimeString()}: ${note.text}`)));
  const earlier = $('earlier');
  earlier.replaceChildren();
  if (detail.earlierCases.length) {
    earlier.append(text('h3', 'Notes from this person’s earlier cases'));
    for (const previous of detail.earlierCases) {
      earlier.append(text('p', `${new Date(previous.createdAt).toLocaleString()} · ${previous.level} · ${previous.outcome || previous.status}`, 'why'));
      for (const note of previous.notes) earlier.append(text('p', `${note.by}: ${note.text}`));
    }
  }
}

function draftNote() {
  const item = state.detail?.case;
  if (!item) return;
  const lines = [
    `Risk level: ${item.level} (${item.reason.replace(/_/g, ' ')}).`,
    `Why it fired: ${item.evidence.map((match) => `“${match.excerpt}” [${match.category.replace(/_/g, ' ')}]`).join('; ') || 'no matched words'}.`,
    `Screening answers: ${item.screening ? JSON.stringify(item.screening) : 'not done before the hand-off'}.`,
    `Access to means: ${item.categories.includes('means') ? 'mentioned: ' + item.evidence.filter((match) => match.category === 'means').map((match) => `“${match.excerpt}”`).join(', ') : 'not mentioned'}.`,
    'Distress ratings: not recorded.',
    'What the person said they had tried: not recorded.',
    'Safety plan: not made yet.',
    'Actions taken: ',
    'Outcome and follow-up: ',
  ];
  $('note-text').value = lines.join('\n');
  $('note-text').focus();
}

async function act(method, path, body) {
  $('case-error').textContent = '';
  try {
    await api(method, path, body);
    await loadCase();
  } catch (error) {
    $('case-error').textContent = error.message;
  }
}

function connect() {
  state.source?.close();
  const source = new EventSource('/api/coordinator/events');
  state.source = source;
  source.addEventListener('open', () => { $('connection').textContent = '· live'; });
  source.addEventListener('error', () => { $('connection').textContent = '· reconnecting…'; });
  source.addEventListener('snapshot', (event) => {
    state.cases = new Map(JSON.parse(event.data).cases.map((item) => [item.id, item]));
    renderQueue();
    void renderOverview();
  });
  const update = (event) => {
    const data = JSON.parse(event.data);
    if (!data.case) return;
    const isNew = !state.cases.has(data.case.id);
    if (['closed', 'expired'].includes(data.case.status)) state.cases.delete(data.case.id);
    else state.cases.set(data.case.id, data.case);
    if (isNew && event.type === 'queued' && data.case.level === 'imminent') alertImminent(data.case);
    renderQueue();
    void renderOverview();
    if (data.case.id === state.selected) void loadCase();
  };
  for (const type of ['queued', 'raised', 'claimed', 'active', 'transferred', 'escalated', 'closed', 'expired', 'note']) source.addEventListener(type, update);
  source.addEventListener('message', (event) => {
    const data = JSON.parse(event.data);
    if (data.caseId === state.selected) void loadCase();
  });
}

async function showSignedIn(me) {
  state.me = me;
  $('signed-out').hidden = true;
  $('signed-in').hidden = false;
  $('who').hidden = false;
  $('who-name').textContent = `Signed in as ${me.displayName}`;
  connect();
}

$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('sign-in-error').textContent = '';
  try {
    const result = await api('POST', '/api/coordinator/session', { name: $('name').value, password: $('password').value });
    $('password').value = '';
    await showSignedIn(result.coordinator);
  } catch (error) {
    $('sign-in-error').textContent = error.message;
  }
});
$('sign-out').addEventListener('click', async () => {
  await api('DELETE', '/api/coordinator/session').catch(() => undefined);
  location.reload();
});
$('claim').addEventListener('click', () => act('POST', `/api/coordinator/cases/${state.selected}/claim`, { displayName: state.me.displayName }));
$('transfer').addEventListener('click', () => act('POST', `/api/coordinator/cases/${state.selected}/transfer`, { to: $('transfer-to').value }));
$('reply').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = $('reply-text').value.trim();
  if (!value) return;
  await act('POST', `/api/coordinator/cases/${state.selected}/messages`, { text: value });
  $('reply-text').value = '';
});
$('draft').addEventListener('click', draftNote);
$('note').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = $('note-text').value.trim();
  if (!value) return;
  await act('POST', `/api/coordinator/cases/${state.selected}/notes`, { text: `${value}\n— signed ${state.me.displayName}` });
  $('note-text').value = '';
});
$('close').addEventListener('submit', async (event) => {
  event.preventDefault();
  await act('POST', `/api/coordinator/cases/${state.selected}/close`, { outcome: $('outcome').value });
});
for (const template of TEMPLATES) {
  const button = text('button', template);
  button.type = 'button';
  button.addEventListener('click', () => {
    const area = $('note-text');
    area.value = area.value ? `${area.value}\n${template}` : template;
    area.focus();
  });
  $('templates').append(button);
}
setInterval(renderQueue, 30000);

api('GET', '/api/coordinator/me').then(showSignedIn).catch(() => { $('name').focus(); });
