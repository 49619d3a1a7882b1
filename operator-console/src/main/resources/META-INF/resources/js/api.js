// The case service's operator API, called with the operator's token; failures are the API's RFC 9457 problems.
import { accessToken, signIn } from './auth.js';

let baseUrl;

export function useApi(caseApiUrl) {
  baseUrl = caseApiUrl.replace(/\/$/, '');
}

export class ApiProblem extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

async function call(method, path, body, headers = {}) {
  const token = await accessToken();
  if (!token) {
    await signIn();
    throw new ApiProblem(401, 'login required');
  }
  const response = await fetch(baseUrl + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new ApiProblem(response.status, answer?.detail || answer?.title);
  }
  return answer;
}

/** Reads a stream of server-sent events, giving each event's data, parsed, to onEvent; returns when the stream ends. */
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    const events = (buffer + value).split('\n\n');
    buffer = events.pop();
    for (const event of events) {
      const data = event.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
      if (data) {
        onEvent(JSON.parse(data));
      }
    }
  }
}

/**
 * Follows the changes of the operator's queues for as long as the page lives: fetch, not EventSource, because it can
 * send the bearer token; a stream that ends or fails is opened again after a pause.
 */
async function follow(onChange) {
  for (;;) {
    const token = await accessToken();
    if (!token) {
      return;
    }
    try {
      const response = await fetch(`${baseUrl}/api/v1/cases/changes`, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
      });
      if (response.ok) {
        await readEvents(response.body, onChange);
      }
    } catch {
      // the network or the service went away: the pause below, then again
    }
    await new Promise((resolve) => { setTimeout(resolve, 5000); });
  }
}

export const api = {
  queues: () => call('GET', '/api/v1/queues'),
  cases: (query) => call('GET', `/api/v1/cases?${query}`),
  case: (id) => call('GET', `/api/v1/cases/${encodeURIComponent(id)}`),
  operators: () => call('GET', '/api/v1/operators'),
  assignAll: (caseIds, assignee) => call('PUT', '/api/v1/cases/assignee', { caseIds, assignee }),
  assign: (id, assignee) => call('PUT', `/api/v1/cases/${encodeURIComponent(id)}/assignee`, { assignee }),
  move: (id, status) => call('PUT', `/api/v1/cases/${encodeURIComponent(id)}/status`, { status }),
  requeue: (id, queue, reason) => call('PUT', `/api/v1/cases/${encodeURIComponent(id)}/queue`, { queue, reason }),
  categories: () => call('GET', '/api/v1/categories'),
  correctCategory: (id, category) => call('PUT', `/api/v1/cases/${encodeURIComponent(id)}/category`, { category }),
  note: (id, text) => call('POST', `/api/v1/cases/${encodeURIComponent(id)}/notes`, { text }),
  /** The key names this reply: a second click, or a retry after a lost answer, sends it once. */
  reply: (id, text, key) => call('POST', `/api/v1/cases/${encodeURIComponent(id)}/replies`, { text }, { 'Idempotency-Key': key }),
  follow,
};
