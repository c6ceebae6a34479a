import { longScript } from './long.ts';
import { markdownScript } from './markdown.ts';
import { parallelToolsScript } from './parallel-tools.ts';
import { reasoningScript } from './reasoning.ts';
import type { MockScript } from './script-types.ts';
import { textScript } from './text.ts';
import { toolCallScript } from './tool-call.ts';
import { xssScript } from './xss.ts';

/**
 * Every script by name. Tests elsewhere assert against these values:
 * `SCRIPTS['tool-call'].toolCalls[0].arguments` is the exact JSON the client
 * must reassemble, `SCRIPTS.markdown.text` the exact final text.
 */
export const SCRIPTS = {
  text: textScript,
  markdown: markdownScript,
  reasoning: reasoningScript,
  'tool-call': toolCallScript,
  'parallel-tools': parallelToolsScript,
  long: longScript,
  xss: xssScript,
} as const satisfies Record<string, MockScript>;

/** Name of a script. */
export type ScriptName = keyof typeof SCRIPTS;

/** Every script name, in documentation order. */
export const SCRIPT_NAMES = Object.keys(SCRIPTS) as readonly ScriptName[];

/** The script used when a request names none. */
export const DEFAULT_SCRIPT: ScriptName = 'text';
