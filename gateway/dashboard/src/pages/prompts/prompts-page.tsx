import { post } from '../../api/client.js';
import type { Prompt2025 } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { DataState } from '../../components/data-state.js';
import { PageHeader } from '../../components/page-header.js';
import { formatTime } from '../../format.js';
import { href } from '../../router.js';

/** The managed prompts (`/v1/prompt-2025`), read-only. */
export function PromptsPage() {
  const state = useApi(() => post<Prompt2025[]>('/v1/prompt-2025/query', { pageSize: 1000 }), []);
  return (
    <section>
      <PageHeader title="Prompts" />
      <DataState state={state} empty={(prompts) => prompts.length === 0}>
        {(prompts) => (
          <div class="table-scroll">
            <table class="data-table" data-testid="prompts-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Id</th>
                  <th class="hide-narrow">Tags</th>
                  <th class="num">Created</th>
                </tr>
              </thead>
              <tbody>
                {prompts.map((prompt) => (
                  <tr key={prompt.id}>
                    <td>
                      <a class="row-link" href={href(['prompts', prompt.id])}>
                        {prompt.name}
                      </a>
                    </td>
                    <td class="mono">{prompt.id}</td>
                    <td class="hide-narrow">{prompt.tags.join(', ')}</td>
                    <td class="num">{formatTime(prompt.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </DataState>
    </section>
  );
}
