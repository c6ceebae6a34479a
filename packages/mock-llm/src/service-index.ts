import { ENDPOINTS } from './formats/endpoints.ts';
import { PRESET_NAMES, PRESETS } from './profiles/presets.ts';
import { OVERRIDE_NAMES } from './request-options.ts';
import { SCRIPT_NAMES, SCRIPTS } from './scripts/registry.ts';

/** `GET|HEAD` here answers 204: a connection warm-up that costs the server nothing. */
export const WARM_PATH = '/warm';

/**
 * The JSON served at `GET /`: endpoints, presets with their numbers, scripts and
 * options, so a person (or a story) can discover the mock without the README.
 *
 * @param basePath - Prefix the endpoints are mounted under.
 */
export function serviceIndex(basePath: string): object {
  return {
    name: '@tokenpaint/mock-llm',
    endpoints: ENDPOINTS.map((endpoint) => ({
      method: 'POST',
      path: basePath + endpoint.path,
      format: endpoint.format,
      description: endpoint.description,
    })),
    warmUp: { methods: ['GET', 'HEAD'], path: basePath + WARM_PATH, status: 204 },
    // JSON has no Infinity: the instant preset's tps is spelled out.
    presets: Object.fromEntries(
      PRESET_NAMES.map((name) => {
        const profile = PRESETS[name];
        return [name, { ...profile, tps: Number.isFinite(profile.tps) ? profile.tps : 'inf' }];
      }),
    ),
    scripts: Object.fromEntries(SCRIPT_NAMES.map((name) => [name, SCRIPTS[name].description])),
    options: {
      via: 'query string (?preset=drop) or header (x-mock-preset: drop); the query wins',
      names: ['preset', 'script', 'seed', 'resumable', ...OVERRIDE_NAMES, 'serverTiming', 'handshake'],
      resume: 'with resumable=1 every event has an id; send Last-Event-ID to continue after it',
    },
  };
}
