import { post } from '../../api/client.js';
import { queryMetrics, timeWindow } from '../../api/metrics.js';
import { useApi } from '../../api/use-api.js';
import { BreakdownTable } from '../../components/breakdown-table.js';
import { DataState } from '../../components/data-state.js';
import { PageHeader } from '../../components/page-header.js';
import { RangeSelect } from '../../components/range-select.js';
import { href, type Location, navigate } from '../../router.js';
import { timeRanges } from '../requests/request-filters.js';

/** The custom property keys in use; for the chosen one, cost, requests and failures per value. */
export function PropertiesPage({ location }: { location: Location }) {
  const range = location.query.get('range') ?? '30d';
  // Session headers are stored as properties too; the sessions page covers them.
  const keys = useApi(async () => (await post<Array<{ property: string }>>('/v1/property/query', {})).filter(({ property }) => !property.startsWith('Helicone-Session-')), []);
  const chosen = location.query.get('key') ?? keys.data?.[0]?.property ?? '';
  const bounds = timeWindow(timeRanges[range]?.ms ?? null);
  const values = useApi(
    () => (chosen ? queryMetrics({ groupBy: 'property', property: chosen, timeFilter: bounds, limit: 1000 }) : Promise.resolve([])),
    [chosen, range, bounds?.endTimeUnixMs],
  );
  return (
    <section>
      <PageHeader title="Properties">
        <RangeSelect value={range} onChange={(next) => navigate(['properties'], { range: next, key: chosen })} />
      </PageHeader>
      <DataState state={keys} empty={(list) => list.length === 0}>
        {(list) => (
          <>
            <nav class="tabs" aria-label="Property keys">
              {list.map(({ property }) => (
                <a key={property} href={href(['properties'], { key: property, range })} class={property === chosen ? 'active' : ''} aria-current={property === chosen ? 'page' : undefined}>
                  {property}
                </a>
              ))}
            </nav>
            <DataState state={values} empty={(rows) => rows.length === 0}>
              {(rows) => (
                <BreakdownTable rows={rows} groupLabel={chosen} testId="property-values-table" link={(value) => href(['requests'], { propertyKey: chosen, propertyValue: value, range })} />
              )}
            </DataState>
          </>
        )}
      </DataState>
    </section>
  );
}
