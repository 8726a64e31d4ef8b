// Types for scripts/chromium.js (shared with playwright.config.ts).
export const CHROMIUM: string;
export const CHROMIUM_ARGS: string[];
