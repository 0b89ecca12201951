// Finds the Chromium the e2e tests and the editor benchmarks drive: CHROMIUM_PATH, else the
// usual system paths. Browsers are never downloaded (see README "Quick start").
import { accessSync, constants } from 'node:fs';

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser to launch, or undefined when neither CHROMIUM_PATH nor a system path has one. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env['CHROMIUM_PATH'];
  if (chosen) return isExecutable(chosen) ? chosen : undefined;
  return SYSTEM_PATHS.find(isExecutable);
}
