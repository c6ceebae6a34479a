/**
 * Storybook controls shared by the mock-driven stories: every preset, script and
 * wire format of the mock as a select, pacing as a toggle.
 */
import { PRESET_NAMES, SCRIPT_NAMES } from '@tokenpaint/mock-llm';
import { WIRE_FORMATS } from './mock-request.ts';

/** `argTypes` for {@link MockMessageProps}' request fields. */
export const mockArgTypes = {
  protocol: { control: 'select', options: WIRE_FORMATS, description: 'Wire format of the mock endpoint' },
  preset: { control: 'select', options: PRESET_NAMES, description: 'Network profile (`?preset=`)' },
  script: { control: 'select', options: SCRIPT_NAMES, description: 'Canned answer (`?script=`)' },
  pacing: { control: 'boolean', description: 'Smooth bursty text into a steady flow' },
  detect: { control: 'boolean', description: "Send `protocol: 'auto'` and let the adapter detect it" },
  overrides: { control: 'object', description: 'Preset numbers to override (ttft, tps, stallMs, status, …)' },
  // Functions and component maps have no meaningful control; the stories set them in code.
  fetch: { control: false },
  components: { control: false },
} as const;
