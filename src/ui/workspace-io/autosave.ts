// Keeps the work across reloads and crashes: the text, node positions and placed external networks
// go to durable storage (saved-store.ts) shortly after every change. Never drops a version without
// asking: another tab's save, a damaged save and a failing save each become a storage status the
// banner shows, with the other version kept and downloadable.
import { createStore } from 'zustand';
import type { WorkspaceStore } from '../../store/workspace-store.ts';
import { parseSaved } from './saved-workspace.ts';
import type { SavedWorkspace } from './saved-workspace.ts';
import { LEGACY_KEY, MAIN_KEY, openSavedStore, readLegacy, removeLegacy } from './saved-store.ts';
import type { SavedStore } from './saved-store.ts';

export { LEGACY_KEY };

/** A version kept aside: another tab's, an earlier tab's, or a damaged save (`saved` null). */
export interface KeptVersion {
  readonly key: string;
  readonly raw: string;
  readonly saved: SavedWorkspace | null;
}

export interface StorageStatus {
  /** Another tab saved different work over ours: ours is kept under our tab key meanwhile. */
  readonly conflict: KeptVersion | null;
  /** Versions left by earlier tabs that disagreed with another tab. */
  readonly leftovers: readonly KeptVersion[];
  /** Saves that could not be read, kept until discarded. */
  readonly unreadable: readonly KeptVersion[];
  /** Why the last save failed, while it keeps failing. */
  readonly failing: string | null;
}

export const storageStatus = createStore<StorageStatus>()(() => ({
  conflict: null,
  leftovers: [],
  unreadable: [],
  failing: null,
}));

export interface LoadedWork {
  readonly saved: SavedWorkspace | null;
  readonly backend: SavedStore | null;
  /** The stored value the saved work came from (what our next save may replace). */
  readonly raw: string | undefined;
}

const TAB_PREFIX = 'tab:';
const UNREADABLE_PREFIX = 'unreadable:';

/** Reads the saved work (migrating the old localStorage entry), and what was kept aside. */
export async function loadSaved(): Promise<LoadedWork> {
  const backend = await openSavedStore();
  let raw = await backend?.get(MAIN_KEY).catch(() => undefined);
  if (raw === undefined) {
    const legacy = readLegacy();
    if (legacy !== null && backend) {
      // Copied before it is removed, so a failure here leaves the old entry where it was.
      const put = await backend.swap(MAIN_KEY, legacy, (cur) => cur === undefined).catch(() => 1);
      if (put === null && backend.kind === 'indexeddb') removeLegacy();
      raw =
        put === null ? legacy : ((await backend.get(MAIN_KEY).catch(() => undefined)) ?? legacy);
    } else if (legacy !== null) raw = legacy;
  }
  const saved = parseSaved(raw ?? null);
  const unreadable = backend
    ? [...(await backend.list(UNREADABLE_PREFIX).catch(() => []))].map(([key, r]) => ({
        key,
        raw: r,
        saved: null,
      }))
    : [];
  if (raw !== undefined && saved === null && !unreadable.some((u) => u.raw === raw)) {
    // Kept under its own key before anything may overwrite the main entry.
    const key = `${UNREADABLE_PREFIX}${Date.now()}`;
    const kept = backend ? await backend.swap(key, raw, () => true).catch(() => 1) : 1;
    unreadable.push({ key: kept === null ? key : '', raw, saved: null });
  }
  const leftovers = backend
    ? (await backend.list(TAB_PREFIX).catch(() => []))
        .map(([key, r]) => ({ key, raw: r, saved: parseSaved(r) }))
        .filter((v) => v.saved !== null && v.saved.text !== saved?.text)
    : [];
  storageStatus.setState({ unreadable, leftovers });
  return { saved, backend, raw };
}

interface SaveMessage {
  readonly kind: 'saved';
  readonly tab: string;
}

export interface AutosaveControl {
  stop(): void;
  /** Conflict: take the other tab's version (ours stays in Undo and in its download). */
  loadOther(): void;
  /** Conflict: keep ours and save it over the other tab's (the other tab is then asked). */
  keepMine(): void;
  /** Forgets a kept version (leftover or unreadable). */
  discard(key: string): void;
  /** Opens a leftover version as the workspace (undoable). */
  open(version: KeptVersion): void;
}

/** Texts this long are saved after a longer pause, when the page is idle. */
const LARGE_TEXT = 200_000;
const LARGE_SAVE_DELAY_MS = 1000;
const LARGE_SAVE_WAIT_MS = 2000;

const sameWork = (a: SavedWorkspace, b: SavedWorkspace) =>
  a.text === b.text &&
  JSON.stringify(a.externals) === JSON.stringify(b.externals) &&
  JSON.stringify(a.positions) === JSON.stringify(b.positions);

/** Starts saving after `loaded`; returns what the banner's buttons call. */
export function startAutosave(
  store: WorkspaceStore,
  loaded: LoadedWork,
  delayMs = 200,
): AutosaveControl {
  const { backend } = loaded;
  const tab = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Math.random()}`;
  // The main entry as we last read or wrote it: a save replaces only that, nothing newer.
  let known = loaded.raw;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  const channel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel('netpol-canvas:saved') : null;
  const status = () => storageStatus.getState();
  if (!backend) storageStatus.setState({ failing: 'this browser does not allow storing it' });

  const mine = (): SavedWorkspace => {
    const { text, positions, externals } = store.getState();
    return { text, positions, externals };
  };
  const serialize = () => JSON.stringify({ ...mine(), savedAt: Date.now(), tab });

  const fail = (e: unknown) => {
    const name = e instanceof DOMException ? e.name : '';
    const why =
      name === 'QuotaExceededError'
        ? 'the browser’s storage for this page is full'
        : 'the browser refused to store it';
    // A new message each time saving starts failing again, not only the first time.
    if (status().failing === null)
      store.getState().notify(`Could not save your work: ${why}.`, 'error');
    storageStatus.setState({ failing: why });
  };

  const conflictWith = (raw: string | undefined) => {
    const other = raw === undefined ? null : parseSaved(raw);
    if (raw === undefined || (other && sameWork(other, mine()))) {
      known = raw;
      return false;
    }
    const first = status().conflict === null;
    storageStatus.setState({ conflict: { key: MAIN_KEY, raw, saved: other } });
    return first;
  };

  const saveOnce = async () => {
    if (!backend) return;
    const raw = serialize();
    try {
      if (status().conflict) {
        // Ours goes aside under this tab's key until the user chooses.
        await backend.swap(`${TAB_PREFIX}${tab}`, raw, () => true);
      } else {
        const refused = await backend.swap(
          MAIN_KEY,
          raw,
          (cur) => cur === known || cur === undefined,
        );
        if (!refused) {
          known = raw;
          channel?.postMessage({ kind: 'saved', tab } satisfies SaveMessage);
        } else if (conflictWith(refused.refused)) {
          await backend.swap(`${TAB_PREFIX}${tab}`, raw, () => true);
        }
      }
      if (status().failing !== null) storageStatus.setState({ failing: null });
    } catch (e) {
      fail(e);
    }
  };

  // One save at a time; changes made meanwhile are saved right after.
  const save = () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = saveOnce().finally(() => {
      running = null;
      if (again) {
        again = false;
        save();
      }
    });
  };
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    if (store.getState().text.length < LARGE_TEXT) {
      timer = setTimeout(save, delayMs);
      return;
    }
    // Writing megabytes takes a while: a large text is saved once typing pauses and the page is
    // idle, after the edit's parse and redraw rather than in their way (a hidden or closed page
    // still saves at once).
    timer = setTimeout(() => {
      if (typeof requestIdleCallback !== 'function') save();
      else
        requestIdleCallback(() => timer !== undefined && save(), { timeout: LARGE_SAVE_WAIT_MS });
    }, LARGE_SAVE_DELAY_MS);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.text === prev.text && s.positions === prev.positions && s.externals === prev.externals)
      return;
    schedule();
  });
  const flush = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      save();
    }
  };
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  // While work is only in this page (saving fails, or another tab's version is in the way),
  // leaving asks first.
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (status().failing !== null) e.preventDefault();
  };
  const onMessage = (e: MessageEvent<SaveMessage>) => {
    if (e.data.kind !== 'saved' || e.data.tab === tab || !backend) return;
    void backend.get(MAIN_KEY).then((raw) => {
      // While asking, the question shows the other tab's latest version.
      if (raw !== known && conflictWith(raw)) schedule();
    });
  };
  window.addEventListener('pagehide', flush);
  window.addEventListener('beforeunload', onBeforeUnload);
  document.addEventListener('visibilitychange', onHide);
  channel?.addEventListener('message', onMessage);

  const resolved = () => {
    storageStatus.setState({ conflict: null });
    void backend?.remove(`${TAB_PREFIX}${tab}`).catch(() => undefined);
  };

  const control: AutosaveControl = {
    stop() {
      flush();
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('visibilitychange', onHide);
      channel?.close();
    },
    loadOther() {
      const c = status().conflict;
      if (!c?.saved) return;
      known = c.raw;
      resolved();
      replaceWith(store, c.saved);
    },
    keepMine() {
      const c = status().conflict;
      if (!c) return;
      known = c.raw;
      resolved();
      schedule();
    },
    discard(key) {
      storageStatus.setState({
        leftovers: status().leftovers.filter((v) => v.key !== key),
        unreadable: status().unreadable.filter((v) => v.key !== key),
      });
      if (key) void backend?.remove(key).catch(() => undefined);
    },
    open(version) {
      if (!version.saved) return;
      replaceWith(store, version.saved);
      control.discard(version.key);
    },
  };
  active = control;
  return control;
}

let active: AutosaveControl | null = null;

/** The running autosave (what the storage banner's buttons call), once started. */
export function autosave(): AutosaveControl | null {
  return active;
}

/** Replaces the work as one undo step, so what was there stays reachable. */
function replaceWith(store: WorkspaceStore, saved: SavedWorkspace): void {
  store.getState().newWorkspace(saved.text);
  // Part of the same step: Undo goes back to the text and networks as they were before.
  store.temporal.getState().pause();
  try {
    store.setState({ positions: saved.positions, externals: saved.externals });
  } finally {
    store.temporal.getState().resume();
  }
}
