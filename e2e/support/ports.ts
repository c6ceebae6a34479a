/**
 * Ports of the servers the e2e suite starts. Neither default is a tool's default
 * (Vite preview's 4173, Storybook's 6006), so a server a developer left running
 * cannot collide with the suite's own. Both can be moved with an environment
 * variable, so two checkouts on one machine can run their suites side by side.
 */
export const DEMO_PORT = Number(process.env.TOKENPAINT_DEMO_PORT ?? 4317);
export const STORYBOOK_PORT = Number(process.env.TOKENPAINT_STORYBOOK_PORT ?? 6316);
