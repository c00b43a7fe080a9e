import type { Message, Part } from './conversation.js';

function PartView({ part }: { part: Part }) {
  switch (part.kind) {
    case 'text':
      return <div class="part-text">{part.text}</div>;
    case 'image':
      // Only inline images are shown: the page loads nothing from elsewhere.
      return part.url.startsWith('data:image/') ? (
        <img class="part-image" src={part.url} alt="image in the conversation" />
      ) : (
        <div class="part-image-link">
          Image: <span class="mono">{part.url}</span>
        </div>
      );
    case 'tool_call':
      return (
        <div class="part-tool">
          <div class="part-tool-head">
            Tool call <strong class="mono">{part.name}</strong>
            {part.id && <span class="muted mono"> {part.id}</span>}
          </div>
          <pre>{prettyJson(part.arguments)}</pre>
        </div>
      );
    case 'tool_result':
      return (
        <div class="part-tool">
          <div class="part-tool-head">
            Tool result{part.id && <span class="muted mono"> {part.id}</span>}
          </div>
          <pre>{prettyJson(part.text)}</pre>
        </div>
      );
  }
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The messages in order, the answer last, each with its role. */
export function ConversationView({ messages }: { messages: Message[] }) {
  return (
    <ol class="conversation" data-testid="conversation">
      {messages.map((message, index) => (
        <li key={index} class={`message role-${message.role}${message.fromResponse ? ' from-response' : ''}`} data-testid="message" data-role={message.role}>
          <div class="message-role">
            {message.role}
            {message.fromResponse && <span class="muted"> · answer</span>}
          </div>
          {message.parts.map((part, partIndex) => (
            <PartView part={part} key={partIndex} />
          ))}
        </li>
      ))}
    </ol>
  );
}
