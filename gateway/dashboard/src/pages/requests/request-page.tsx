import type { ComponentChildren } from 'preact';
import { get } from '../../api/client.js';
import type { RequestRow } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { DataState } from '../../components/data-state.js';
import { JsonView } from '../../components/json-view.js';
import { PageHeader } from '../../components/page-header.js';
import { StatTiles } from '../../components/stat-tiles.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatCost, formatCount, formatMs, formatTime, shortId } from '../../format.js';
import { href } from '../../router.js';
import { readConversation } from './conversation.js';
import { ConversationView } from './conversation-view.js';

const feedbackKey = 'helicone-score-feedback';
const sessionKeys = new Set(['Helicone-Session-Id', 'Helicone-Session-Path', 'Helicone-Session-Name']);

function Facts({ row }: { row: RequestRow }) {
  const props = row.request_properties;
  const sessionId = props['Helicone-Session-Id'];
  const facts: Array<[string, ComponentChildren]> = [
    ['Path', <span class="mono">{row.request_path}</span>],
    ['Model', <span class="mono">{row.model}{row.request_model && row.request_model !== row.model ? ` (asked: ${row.request_model})` : ''}</span>],
    ['Provider', row.provider],
    ['User', row.request_user_id ? <a href={href(['requests'], { user: row.request_user_id })}>{row.request_user_id}</a> : '—'],
    [
      'Session',
      sessionId ? (
        <a href={href(['sessions', sessionId])}>
          {props['Helicone-Session-Name'] || shortId(sessionId)} <span class="mono">{props['Helicone-Session-Path'] ?? ''}</span>
        </a>
      ) : (
        '—'
      ),
    ],
  ];
  if (row.prompt_id) facts.push(['Prompt', <a href={href(['prompts', row.prompt_id])} class="mono">{row.prompt_id}</a>]);
  if (row.error_message) facts.push(['Error', <span class="error-text">{row.error_message}</span>]);
  return (
    <dl class="facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Annotations({ row }: { row: RequestRow }) {
  const scores = Object.entries(row.scores).filter(([key]) => key !== feedbackKey);
  const properties = Object.entries(row.request_properties).filter(([key]) => !sessionKeys.has(key));
  return (
    <div class="annotations">
      <div>
        <h3>Feedback</h3>
        <p data-testid="feedback">
          {row.feedback_rating === null ? <span class="muted">none</span> : <span class={`badge badge-${row.feedback_rating ? 'ok' : 'error'}`}>{row.feedback_rating ? 'positive' : 'negative'}</span>}
        </p>
      </div>
      <div>
        <h3>Scores</h3>
        {scores.length === 0 ? (
          <p class="muted">none</p>
        ) : (
          <ul class="chips" data-testid="scores">
            {scores.map(([key, value]) => (
              <li key={key}>
                {key}: <strong>{value}</strong>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3>Properties</h3>
        {properties.length === 0 ? (
          <p class="muted">none</p>
        ) : (
          <ul class="chips">
            {properties.map(([key, value]) => (
              <li key={key}>
                <a href={href(['requests'], { propertyKey: key, propertyValue: value })}>
                  {key}: <strong>{value}</strong>
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function Attempts({ row }: { row: RequestRow }) {
  if (row.attempts.length === 0) return <p class="muted">No provider was called (answered by the gateway or from the cache).</p>;
  return (
    <div class="table-scroll">
      <table class="data-table" data-testid="attempts">
        <thead>
          <tr>
            <th>#</th>
            <th>Source</th>
            <th>Provider</th>
            <th>Status</th>
            <th class="num">Duration</th>
            <th>Error</th>
          </tr>
        </thead>
        <tbody>
          {row.attempts.map((attempt, index) => (
            <tr key={index}>
              <td>{index + 1}</td>
              <td class="mono">{attempt.source}</td>
              <td>{attempt.provider}</td>
              <td>{attempt.status === 0 ? <span class="badge badge-error">no answer</span> : <StatusBadge status={attempt.status} />}</td>
              <td class="num">{formatMs(attempt.durationMs)}</td>
              <td class="error-text">{attempt.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RequestPage({ id }: { id: string }) {
  const state = useApi(() => get<RequestRow>(`/v1/request/${encodeURIComponent(id)}?includeBody=true`), [id]);
  return (
    <section>
      <PageHeader title={<>Request <span class="mono">{shortId(id)}</span></>}>
        <a href={href(['requests'])}>← All requests</a>
      </PageHeader>
      <DataState state={state}>
        {(row) => {
          const messages = readConversation(row.request_body, row.response_body);
          return (
            <div class="request-view" data-testid="request-view">
              <p class="status-line">
                <StatusBadge status={row.response_status} /> <span class="mono muted">{row.request_id}</span> <span class="muted">· {formatTime(row.request_created_at)}</span>
              </p>
              <StatTiles
                tiles={[
                  { label: 'Latency', value: formatMs(row.delay_ms) },
                  { label: 'Time to first token', value: formatMs(row.time_to_first_token) },
                  { label: 'Prompt tokens', value: formatCount(row.prompt_tokens), note: row.prompt_cache_read_tokens ? `${formatCount(row.prompt_cache_read_tokens)} from cache` : undefined },
                  { label: 'Completion tokens', value: formatCount(row.completion_tokens), note: row.reasoning_tokens ? `${formatCount(row.reasoning_tokens)} reasoning` : undefined },
                  { label: 'Cost', value: row.cost === null ? 'unknown price' : formatCost(row.cost) },
                ]}
              />
              <Facts row={row} />
              <h2>Conversation</h2>
              {messages.length > 0 ? <ConversationView messages={messages} /> : <p class="muted">No conversation to show: see the raw bodies.</p>}
              <h2>Attempts</h2>
              <Attempts row={row} />
              <Annotations row={row} />
              <h2>Raw bodies</h2>
              <JsonView title="Request body" value={row.request_body} />
              <JsonView title="Response body" value={row.response_body} />
            </div>
          );
        }}
      </DataState>
    </section>
  );
}
