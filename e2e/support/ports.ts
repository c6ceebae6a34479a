/**
 * Ports of the servers the e2e suite starts. Neither is a tool's default (Vite
 * preview's 4173, Storybook's 6006), so a server a developer left running cannot
 * collide with the suite's own.
 */
export const DEMO_PORT = 4317;
export const STORYBOOK_PORT = 6316;
