// Runs before `npm test`: finds the browser the e2e tests need and, when it is missing, installs
// Debian's chromium where that is possible (root, or sudo without a password), otherwise stops
// with the one command that installs it — instead of a failure deep inside Playwright.
import { spawnSync } from 'node:child_process';
import { findChromium } from '../e2e/chromium.ts';

const INSTALL = 'sudo apt-get update && sudo apt-get install -y chromium';

function say(line: string): void {
  process.stderr.write(`ensure-chromium: ${line}\n`);
}

function run(command: string, args: string[]): boolean {
  const done = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return done.status === 0;
}

function canInstall(): string[] | undefined {
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) return undefined;
  if (process.getuid?.() === 0) return [];
  if (spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return undefined;
}

function main(): number {
  const wanted = process.env['CHROMIUM_PATH'];
  const found = findChromium();
  if (found) return 0;
  if (wanted) {
    say(`CHROMIUM_PATH is ${wanted}, which is not an executable file.`);
    return 1;
  }
  const prefix = canInstall();
  if (prefix === undefined) {
    say('the e2e tests need Chromium, and none was found (set CHROMIUM_PATH to use another).');
    say(`Install it with: ${INSTALL}`);
    return 1;
  }
  say("Chromium is missing; installing Debian's chromium package");
  const [sudo, ...sudoArgs] = prefix;
  const aptGet = (...args: string[]): boolean =>
    sudo === undefined ? run('apt-get', args) : run(sudo, [...sudoArgs, 'apt-get', ...args]);
  if (
    !aptGet('update', '-qq') ||
    !aptGet('install', '--reinstall', '-y', '-qq', 'chromium') ||
    !findChromium()
  ) {
    say(`the install failed. Install it with: ${INSTALL}`);
    return 1;
  }
  say(`installed ${findChromium() ?? ''}`);
  return 0;
}

process.exitCode = main();
