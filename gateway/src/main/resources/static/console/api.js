// The gateway's /api/v1, with the session's token. Every failure is an ApiError carrying the problem+json answer.
import * as session from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem.title || `HTTP ${status}`;
    this.detail = problem.detail || '';
    this.type = problem.type;
    this.errors = problem.errors || [];
    this.problem = problem;
  }
}

function url(path, query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query || {})) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

/** Sends a request; answers the parsed JSON body, or null for 204. With raw: the Response. */
export async function api(path, {
  method = 'GET', body, query, raw = false, signal, anonymous = false, accept = 'application/json',
} = {}) {
  const headers = { Accept: `${accept}, application/problem+json` };
  const current = session.current();
  if (current && !anonymous) headers.Authorization = `Bearer ${current.access_token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url(path, query), {
      method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, { title: 'The platform cannot be reached', detail: 'Check your connection and try again.' });
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ title: `HTTP ${response.status}` }));
    if (response.status === 401 && current && !anonymous) session.end('expired');
    throw new ApiError(response.status, problem);
  }
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

export const get = (path, query, options) => api(path, { ...options, query });
export const post = (path, body, options) => api(path, { ...options, method: 'POST', body });
export const put = (path, body) => api(path, { method: 'PUT', body });
export const patch = (path, body) => api(path, { method: 'PATCH', body });
export const del = (path) => api(path, { method: 'DELETE' });

/**
 * Server-Sent Events through fetch (EventSource cannot send the Authorization header). Calls onEvent(event) for
 * each event until the signal aborts; reconnects after a drop with Last-Event-ID, so nothing is missed.
 */
export async function stream(path, onEvent, signal, onState = () => {}) {
  let lastEventId;
  while (!signal.aborted) {
    try {
      const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${session.current()?.access_token}` };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      const response = await fetch(url(path), { headers, signal });
      if (!response.ok) {
        if (response.status === 401) { session.end('expired'); return; }
        throw new Error(`HTTP ${response.status}`);
      }
      onState('live');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          const event = parseEvent(block);
          if (event.id) lastEventId = event.id;
          if (event.data !== undefined) onEvent(event);
        }
      }
    } catch (error) {
      if (signal.aborted) return;
    }
    onState('reconnecting');
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

function parseEvent(block) {
  const event = { event: 'message' };
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'data') data.push(value);
    else if (name === 'event') event.event = value;
    else if (name === 'id') event.id = value;
  }
  if (data.length) event.data = data.join('\n');
  return event;
}
