import { DEFAULT_PRESET, DEFAULT_SCRIPT, PRESET_NAMES, SCRIPT_NAMES } from '@tokenpaint/mock-llm';
import { Composer, LatencyHUD, StreamingMessage, useConnectionWarmer } from '@tokenpaint/react';
import { type ReactNode, useState } from 'react';
import {
  buildRequest,
  type DemoChoice,
  type DemoProtocol,
  MOCK_OVERRIDES,
  PROTOCOLS,
  warmUpUrl,
} from './requests.ts';

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** The first request comes from the page's query string, so a link reproduces a run. */
function choiceFromLocation(): DemoChoice & { pacing: boolean; warm: boolean } {
  const query = new URLSearchParams(window.location.search);
  return {
    protocol: pick(query.get('protocol'), PROTOCOLS, 'openai-chat'),
    preset: pick(query.get('preset'), PRESET_NAMES, DEFAULT_PRESET),
    script: pick(query.get('script'), SCRIPT_NAMES, DEFAULT_SCRIPT),
    prompt: query.get('prompt') ?? 'Why does streamed text feel faster than a spinner?',
    pacing: query.get('pacing') !== '0',
    warm: query.get('warm') !== '0',
    overrides: Object.fromEntries(
      MOCK_OVERRIDES.flatMap((name) => {
        const value = query.get(name);
        return value === null ? [] : [[name, value]];
      }),
    ),
  };
}

interface SelectProps<T extends string> {
  readonly label: string;
  readonly name: string;
  readonly value: T;
  readonly options: readonly T[];
  readonly onChange: (value: T) => void;
}

function Select<T extends string>({ label, name, value, options, onChange }: SelectProps<T>): ReactNode {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}

interface CheckProps {
  readonly label: string;
  readonly name: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}

function Check({ label, name, checked, onChange }: CheckProps): ReactNode {
  return (
    <label className="demo-check">
      <input
        type="checkbox"
        name={name}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      {label}
    </label>
  );
}

/**
 * The demo: pick a wire format, a network preset and a script, and watch
 * `<StreamingMessage>` stream it from the mock LLM mounted on this server.
 */
export function App(): ReactNode {
  const [draft, setDraft] = useState(choiceFromLocation);
  // Each Send mounts a fresh message (a new key), so the previous run is aborted.
  const [sent, setSent] = useState<{ choice: typeof draft; nonce: number; actionAt?: number }>({
    choice: draft,
    nonce: 0,
  });
  const request = buildRequest(sent.choice);
  // Typing in the prompt opens the connection the next answer will use (the mock's
  // `handshake` override makes a fresh one cost what it would on a real network).
  const warm = useConnectionWarmer({ url: buildRequest(draft).url, warmUp: warmUpUrl(draft) });

  // `actionAt` is the key or submit event's own time: the answer is timed from the
  // user's action, input delay included. A new Send replaces the answer in progress.
  const send = (prompt: string, actionAt: number) =>
    setSent((previous) => ({ choice: { ...draft, prompt }, nonce: previous.nonce + 1, actionAt }));
  const update = (patch: Partial<typeof draft>) => setDraft((previous) => ({ ...previous, ...patch }));

  return (
    <main className="demo">
      <header>
        <h1>tokenpaint</h1>
        <p>
          Streamed LLM output that feels fast. Every answer below comes from the mock LLM on this server, and
          is reported to its beacon collector: <a href="/collector/">latency dashboard</a>.
        </p>
      </header>
      <fieldset className="demo-controls">
        <legend>Request</legend>
        <Select
          label="Protocol"
          name="protocol"
          value={draft.protocol}
          options={PROTOCOLS}
          onChange={(protocol: DemoProtocol) => update({ protocol })}
        />
        <Select
          label="Network"
          name="preset"
          value={draft.preset}
          options={PRESET_NAMES}
          onChange={(preset) => update({ preset })}
        />
        <Select
          label="Script"
          name="script"
          value={draft.script}
          options={SCRIPT_NAMES}
          onChange={(script) => update({ script })}
        />
        <Check
          label="Smooth pacing"
          name="pacing"
          checked={draft.pacing}
          onChange={(pacing) => update({ pacing })}
        />
        <Check
          label="Warm up on typing"
          name="warm"
          checked={draft.warm}
          onChange={(warm) => update({ warm })}
        />
      </fieldset>
      <Composer
        label="Prompt"
        name="prompt"
        defaultValue={draft.prompt}
        onSend={send}
        {...(draft.warm && { onIntent: warm })}
      />
      <section className="demo-answer" aria-label="Answer">
        <p className="demo-question">{sent.choice.prompt}</p>
        <StreamingMessage
          key={sent.nonce}
          {...(sent.actionAt !== undefined && { actionAt: sent.actionAt })}
          url={request.url}
          body={request.body}
          protocol={request.protocol}
          pacing={sent.choice.pacing}
          skeleton={
            sent.choice.script === 'tool-call' || sent.choice.script === 'parallel-tools'
              ? 'tool'
              : 'paragraph'
          }
          aria-label="Assistant answer"
        />
      </section>
      {/* The latest answer's latency, as the provider's reporter sees it: the demo's timing panel. */}
      <LatencyHUD />
    </main>
  );
}
