import { useState } from 'preact/hooks';
import { keyStore } from './key-store.js';

/** Asks for a gateway key when the gateway requires one; the key goes with every later call. */
export function KeyPrompt({ message }: { message: string }) {
  const [value, setValue] = useState('');
  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="key-title">
      <form
        class="key-prompt"
        data-testid="key-prompt"
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) keyStore.set(value.trim());
        }}
      >
        <h2 id="key-title">Gateway key</h2>
        <p>{message}</p>
        <p class="muted">
          Create one with <code>switchyard keys create</code>. It is kept in this browser and sent as <code>Authorization: Bearer</code> with every call.
        </p>
        <input
          type="password"
          name="key"
          autocomplete="off"
          placeholder="sk-switchyard-…"
          value={value}
          onInput={(event) => setValue((event.target as HTMLInputElement).value)}
          autofocus
        />
        <button type="submit">Use this key</button>
      </form>
    </div>
  );
}
