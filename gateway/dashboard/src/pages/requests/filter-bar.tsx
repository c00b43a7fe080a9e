import { useState } from 'preact/hooks';
import { RangeSelect } from '../../components/range-select.js';
import { activeFilterCount, type RequestFilters } from './request-filters.js';

const textFields: Array<{ field: keyof RequestFilters; label: string; placeholder: string }> = [
  { field: 'model', label: 'Model contains', placeholder: 'gpt-4o' },
  { field: 'provider', label: 'Provider', placeholder: 'openai' },
  { field: 'user', label: 'User', placeholder: 'alice@example.com' },
  { field: 'session', label: 'Session id', placeholder: 'session id' },
  { field: 'propertyKey', label: 'Property', placeholder: 'Environment' },
  { field: 'propertyValue', label: 'equals', placeholder: 'production' },
];

/**
 * The requests filters: edited here, applied on submit (so typing does not query per key), and
 * written to the URL by the page. The raw box takes any Helicone filter tree. On a phone only the
 * time range and status show until "More filters" is pressed.
 */
export function FilterBar({ filters, onApply }: { filters: RequestFilters; onApply: (filters: RequestFilters) => void }) {
  const [draft, setDraft] = useState(filters);
  const [expanded, setExpanded] = useState(false);
  // The URL's filters changed (Apply, a link, the back button): start again from them. A page
  // that only re-renders (new rows arriving) keeps what is being typed.
  const applied = JSON.stringify(filters);
  const [shownFor, setShownFor] = useState(applied);
  if (shownFor !== applied) {
    setShownFor(applied);
    setDraft(filters);
  }
  const set = (field: keyof RequestFilters) => (event: Event) => setDraft({ ...draft, [field]: (event.target as HTMLInputElement).value });
  const count = activeFilterCount(filters);
  return (
    <form
      class={`filter-bar${expanded ? '' : ' collapsed'}`}
      data-testid="filter-bar"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <RangeSelect value={draft.range} onChange={(range) => onApply({ ...draft, range })} />
      <label class="field">
        <span>Status</span>
        <select name="status" value={draft.status} onChange={(event) => onApply({ ...draft, status: (event.target as HTMLSelectElement).value })}>
          <option value="">Any</option>
          <option value="ok">Succeeded</option>
          <option value="error">Failed</option>
          {['400', '401', '429', '500'].map((code) => (
            <option value={code} key={code}>
              {code}
            </option>
          ))}
          {draft.status && !['ok', 'error', '400', '401', '429', '500'].includes(draft.status) && <option value={draft.status}>{draft.status}</option>}
        </select>
      </label>
      {textFields.map(({ field, label, placeholder }) => (
        <label class="field optional" key={field}>
          <span>{label}</span>
          <input name={field} type="search" value={draft[field]} placeholder={placeholder} onInput={set(field)} autocomplete="off" />
        </label>
      ))}
      <details class="raw-filter optional" open={filters.raw !== ''}>
        <summary>Filter tree (JSON)</summary>
        <textarea
          name="raw"
          rows={3}
          spellcheck={false}
          value={draft.raw}
          onInput={set('raw')}
          placeholder='{"request_response_rmt": {"latency": {"gte": 1000}}}'
        />
        <p class="muted">Helicone's filter language, and-ed with the fields above.</p>
      </details>
      <div class="filter-actions">
        <button type="submit">Apply</button>
        <button type="button" class="secondary filter-toggle" onClick={() => setExpanded(!expanded)} aria-expanded={expanded}>
          {expanded ? 'Fewer filters' : 'More filters'}
        </button>
        {count > 0 && (
          <button type="button" class="secondary" onClick={() => onApply({ range: 'all', model: '', provider: '', status: '', user: '', session: '', propertyKey: '', propertyValue: '', raw: '' })}>
            Clear ({count})
          </button>
        )}
      </div>
    </form>
  );
}
