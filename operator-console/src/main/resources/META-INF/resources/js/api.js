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

async function call(method, path, body) {
  const token = await accessToken();
  if (!token) {
    await signIn();
    throw new ApiProblem(401, 'login required');
  }
  const response = await fetch(baseUrl + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new ApiProblem(response.status, answer?.detail || answer?.title);
  }
  return answer;
}

export const api = {
  queues: () => call('GET', '/api/v1/queues'),
  cases: (query) => call('GET', `/api/v1/cases?${query}`),
  case: (id) => call('GET', `/api/v1/cases/${encodeURIComponent(id)}`),
  assign: (id, assignee) => call('PUT', `/api/v1/cases/${encodeURIComponent(id)}/assignee`, { assignee }),
  move: (id, status) => call('PUT', `/api/v1/cases/${encodeURIComponent(id)}/status`, { status }),
  requeue: (id, queue, reason) => call('PUT', `/api/v1/cases/${encodeURIComponent(id)}/queue`, { queue, reason }),
  categories: () => call('GET', '/api/v1/categories'),
  correctCategory: (id, category) => call('PUT', `/api/v1/cases/${encodeURIComponent(id)}/category`, { category }),
  note: (id, text) => call('POST', `/api/v1/cases/${encodeURIComponent(id)}/notes`, { text }),
};
