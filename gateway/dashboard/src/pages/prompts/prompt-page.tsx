import { get, post } from '../../api/client.js';
import type { Prompt2025, Prompt2025Version } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { DataState } from '../../components/data-state.js';
import { JsonView } from '../../components/json-view.js';
import { PageHeader } from '../../components/page-header.js';
import { formatTime } from '../../format.js';
import { href, type Location } from '../../router.js';
import { readConversation } from '../requests/conversation.js';
import { ConversationView } from '../requests/conversation-view.js';

function VersionBody({ versionId }: { versionId: string }) {
  const body = useApi(() => get<Record<string, unknown>>(`/v1/prompt-2025/${encodeURIComponent(versionId)}/prompt-body`), [versionId]);
  return (
    <DataState state={body}>
      {(promptBody) => (
        <>
          <ConversationView messages={readConversation(promptBody, null)} />
          <h2>Raw</h2>
          <JsonView title="Prompt body" value={promptBody} />
        </>
      )}
    </DataState>
  );
}

/** One prompt: its versions, newest first, with their environments; the chosen version's body. */
export function PromptPage({ id, location }: { id: string; location: Location }) {
  const prompt = useApi(() => get<Prompt2025>(`/v1/prompt-2025/id/${encodeURIComponent(id)}`), [id]);
  const versions = useApi(() => post<Prompt2025Version[]>('/v1/prompt-2025/query/versions', { promptId: id }), [id]);
  const chosen = location.query.get('version') ?? versions.data?.find((version) => version.environments.includes('production'))?.id ?? versions.data?.[0]?.id;
  return (
    <section>
      <PageHeader title={prompt.data?.name ?? 'Prompt'}>
        <a href={href(['prompts'])}>← All prompts</a>
        <a href={href(['requests'], { raw: JSON.stringify({ request_response_rmt: { prompt_id: { equals: id } } }) })}>Its requests</a>
      </PageHeader>
      <DataState state={versions} empty={(list) => list.length === 0}>
        {(list) => (
          <div class="table-scroll">
            <table class="data-table" data-testid="prompt-versions">
              <thead>
                <tr>
                  <th>Version</th>
                  <th>Environments</th>
                  <th class="hide-narrow">Model</th>
                  <th class="hide-narrow">Message</th>
                  <th class="num">Created</th>
                </tr>
              </thead>
              <tbody>
                {list.map((version) => (
                  <tr key={version.id} class={version.id === chosen ? 'selected' : ''}>
                    <td>
                      <a class="row-link" href={href(['prompts', id], { version: version.id })}>
                        v{version.major_version}.{version.minor_version}
                      </a>
                    </td>
                    <td>
                      {version.environments.map((environment) => (
                        <span class="badge badge-env" key={environment}>
                          {environment}
                        </span>
                      ))}
                    </td>
                    <td class="mono hide-narrow">{version.model}</td>
                    <td class="hide-narrow">{version.commit_message}</td>
                    <td class="num">{formatTime(version.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </DataState>
      {chosen && (
        <>
          <h2>Version body</h2>
          <VersionBody versionId={chosen} />
        </>
      )}
    </section>
  );
}
