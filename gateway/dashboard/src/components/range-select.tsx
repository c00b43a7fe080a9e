import { timeRanges } from '../pages/requests/request-filters.js';

/** The time window shared by the list and chart pages. */
export function RangeSelect({ value, onChange, label = 'Time range' }: { value: string; onChange: (range: string) => void; label?: string }) {
  return (
    <label class="field">
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange((event.target as HTMLSelectElement).value)}>
        {Object.entries(timeRanges).map(([key, range]) => (
          <option value={key} key={key}>
            {range.label}
          </option>
        ))}
      </select>
    </label>
  );
}
