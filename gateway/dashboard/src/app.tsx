import { KeyPrompt } from './key/key-prompt.js';
import { keyStore } from './key/key-store.js';
import { useKeyState } from './key/use-key-state.js';
import { OverviewPage } from './pages/overview/overview-page.js';
import { PromptPage } from './pages/prompts/prompt-page.js';
import { PromptsPage } from './pages/prompts/prompts-page.js';
import { RequestPage } from './pages/requests/request-page.js';
import { RequestsPage } from './pages/requests/requests-page.js';
import { SessionPage } from './pages/sessions/session-page.js';
import { SessionsPage } from './pages/sessions/sessions-page.js';
import { PropertiesPage } from './pages/users/properties-page.js';
import { UsersPage } from './pages/users/users-page.js';
import { href, type Location, useLocation } from './router.js';

const sections = [
  { id: 'requests', label: 'Requests' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'overview', label: 'Overview' },
  { id: 'users', label: 'Users' },
  { id: 'properties', label: 'Properties' },
  { id: 'prompts', label: 'Prompts' },
];

function Page({ location }: { location: Location }) {
  const [section = 'requests', id] = location.segments;
  switch (section) {
    case 'requests':
      return id ? <RequestPage id={id} /> : <RequestsPage location={location} />;
    case 'sessions':
      return id ? <SessionPage id={id} /> : <SessionsPage location={location} />;
    case 'overview':
      return <OverviewPage location={location} />;
    case 'users':
      return <UsersPage location={location} />;
    case 'properties':
      return <PropertiesPage location={location} />;
    case 'prompts':
      return id ? <PromptPage id={id} location={location} /> : <PromptsPage />;
    default:
      return (
        <p class="error-box">
          No page here. <a href={href(['requests'])}>Go to the requests</a>.
        </p>
      );
  }
}

export function App() {
  const location = useLocation();
  const { needed, hasKey } = useKeyState();
  const current = location.segments[0] ?? 'requests';
  return (
    <>
      <header class="top-bar">
        <a class="brand" href={href(['requests'])}>
          Switchyard
        </a>
        <nav class="sections" aria-label="Sections">
          {sections.map((section) => (
            <a key={section.id} href={href([section.id])} class={section.id === current ? 'active' : ''} aria-current={section.id === current ? 'page' : undefined}>
              {section.label}
            </a>
          ))}
        </nav>
        {hasKey && (
          <button type="button" class="link-button" onClick={() => keyStore.forget()} title="Forget the gateway key kept in this browser">
            Forget key
          </button>
        )}
      </header>
      <main>
        <Page location={location} />
      </main>
      {needed !== null && <KeyPrompt message={needed} />}
    </>
  );
}
