// The editor's state. The YAML text is the single source of truth and the only thing undo records;
// the parsed model, selection, node positions and UI requests hang off it.
import { createStore, useStore } from 'zustand';
import type { StoreApi } from 'zustand';
import { temporal } from 'zundo';
import type { TemporalState } from 'zundo';
import type { ExternalNetwork, SourceRef, TextEdit } from '../model/types.ts';
import { locate } from '../yaml/read-workspace.ts';
import { placedRange } from '../model/source-place.ts';
import { appendDocument, applyEdits as applyTextEdits } from '../yaml/edit.ts';
import { EMPTY_PARSE, parseText } from './parse-text.ts';
import { rebaseEdits } from './rebase-edits.ts';
import { NO_FILTER } from '../view/workload-filter.ts';
import type { WorkloadFilter } from '../view/workload-filter.ts';
import type { ParsedText } from './parse-text.ts';

export type SelectionKind = 'workload' | 'namespace' | 'policy' | 'edge' | 'external';

/** What the inspector shows. `id` is the canvas node or edge id (workload ids are `ns/name`). */
export interface Selection {
  readonly kind: SelectionKind;
  readonly id: string;
}

export interface NodePosition {
  readonly x: number;
  readonly y: number;
}

/** Why the text last changed: typing is parsed after a pause, everything else at once. */
export type ChangeOrigin = 'typing' | 'edit' | 'history' | 'load';

/** A 1-based line/column range to scroll Monaco to; `seq` makes a repeated request distinct. */
export interface RevealRequest {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly seq: number;
}

/** Toolbar buttons that act on the canvas; the canvas registers what it can do. */
export type CanvasCommand =
  | 'auto-layout'
  | 'fit-view'
  | 'add-namespace'
  | 'add-workload'
  | 'add-external'
  | 'diagram-svg'
  | 'diagram-png';

export type CanvasCommands = Readonly<Partial<Record<CanvasCommand, () => void>>>;

export interface Notice {
  readonly message: string;
  readonly tone: 'info' | 'error';
  readonly seq: number;
}

export interface WorkspaceState {
  readonly text: string;
  /** Bumps on every text change, so subscribers can tell edits apart cheaply. */
  readonly revision: number;
  readonly origin: ChangeOrigin;
  /** The latest parse. Its `text` may lag `text` while typing (debounced). */
  readonly parsed: ParsedText;
  /** The latest parse without YAML syntax errors: the canvas draws from this. */
  readonly lastValid: ParsedText;
  readonly hasSyntaxErrors: boolean;
  readonly selection: Selection | null;
  /** Node id → user-dragged position. Saved with the workspace, never written to manifests. */
  readonly positions: Readonly<Record<string, NodePosition>>;
  /** External networks placed from the toolbar. Saved and undoable, never in manifests. */
  readonly externals: readonly ExternalNetwork[];
  readonly reveal: RevealRequest | null;
  readonly canvasCommands: CanvasCommands;
  readonly notice: Notice | null;
  /** The canvas filters: workloads they leave out are dimmed. Not history, not saved. */
  readonly filter: WorkloadFilter;

  /** From the YAML editor. Consecutive keystrokes coalesce into one undo step. */
  setText(text: string): void;
  /** Installs a parse (from the worker or the debounce); ignored unless it is of the current text. */
  acceptParse(parsed: ParsedText): boolean;
  /** Parses the current text synchronously, when the last parse is stale. */
  parseNow(): void;
  /**
   * One canvas gesture: edits computed against `base` (by default `lastValid.text`, what the canvas
   * shows), applied as one undo step. When the text has changed since (keystrokes not yet parsed),
   * the edits are moved onto it, or refused when they touch what changed. Refused (false) while
   * the YAML has syntax errors, since the canvas then shows an older version of the text.
   */
  applyEdits(edits: readonly TextEdit[], label: string, base?: string): boolean;
  undo(): void;
  redo(): void;
  select(selection: Selection | null): void;
  setPosition(id: string, position: NodePosition): void;
  /** Replaces all positions (auto-layout results); an empty record forgets the user's drags. */
  setPositions(positions: Readonly<Record<string, NodePosition>>): void;
  /** Places an external network on the canvas (one undo step). */
  addExternal(network: ExternalNetwork): void;
  /** Takes a placed external network off the canvas (one undo step). */
  removeExternal(cidr: string): void;
  /** Replaces the workspace (New, Examples, Import). Undoable; positions are reset. */
  /**
   * `keepExternals`: the external networks the user placed stay (an import replaces the
   * manifests, not the user's map of the networks around them); New and Examples start empty.
   */
  newWorkspace(text?: string, options?: { readonly keepExternals?: boolean }): void;
  /** Adds documents at the end (Import → Add): one undo step, allowed even while the YAML is broken. */
  appendText(text: string): void;
  /**
   * Opens saved work at startup: not undoable, history starts empty. With `defer`, the text is not
   * parsed here: the parse scheduler reads it (a large text in the worker, so opening never
   * blocks the page on it).
   */
  restoreWorkspace(
    text: string,
    positions: Readonly<Record<string, NodePosition>>,
    externals?: readonly ExternalNetwork[],
    options?: { readonly defer?: boolean },
  ): void;
  revealRange(range: Omit<RevealRequest, 'seq'>): void;
  /**
   * Shows an object (or one of its fields, e.g. `spec.ingress[0].from[1]`) in the YAML editor, as
   * of the last valid text the canvas and panels were drawn from.
   */
  revealSource(source: SourceRef, fieldPath?: string): void;
  setCanvasCommands(commands: CanvasCommands): void;
  notify(message: string, tone?: Notice['tone']): void;
  dismissNotice(): void;
  setFilter(filter: WorkloadFilter): void;
}

/** Only the text (and the placed external networks, which are part of the work) is history. */
export interface HistoryEntry {
  readonly text: string;
  readonly externals: readonly ExternalNetwork[];
}

export type WorkspaceStore = StoreApi<WorkspaceState> & {
  temporal: StoreApi<TemporalState<HistoryEntry>>;
};

export interface StoreOptions {
  readonly initialText?: string;
  /** `previous`: the latest parse, whose unedited leading documents may be taken over. */
  readonly parse?: (text: string, previous?: ParsedText) => ParsedText;
  readonly now?: () => number;
  /** Keystrokes closer together than this make one undo step. */
  readonly typingGroupMs?: number;
  readonly historyLimit?: number;
}

let seq = 0;
const nextSeq = (): number => ++seq;

export function createWorkspaceStore(options: StoreOptions = {}): WorkspaceStore {
  const parse = options.parse ?? parseText;
  const now = options.now ?? (() => Date.now());
  const typingGroupMs = options.typingGroupMs ?? 800;
  const initial = options.initialText === undefined ? EMPTY_PARSE : parse(options.initialText);
  let lastTypingAt = -Infinity;

  const store = createStore<WorkspaceState>()(
    temporal(
      (set, get, api) => {
        const withParse = (parsed: ParsedText) => ({
          parsed,
          hasSyntaxErrors: parsed.hasSyntaxErrors,
          ...(parsed.hasSyntaxErrors ? {} : { lastValid: parsed }),
        });
        const history = () => (api as unknown as WorkspaceStore).temporal.getState();
        const afterHistory = () => {
          lastTypingAt = -Infinity;
          const s = get();
          if (s.parsed.text !== s.text) set({ ...withParse(parse(s.text, s.parsed)) });
        };

        return {
          text: initial.text,
          revision: 0,
          origin: 'load',
          parsed: initial,
          lastValid: initial.hasSyntaxErrors ? EMPTY_PARSE : initial,
          hasSyntaxErrors: initial.hasSyntaxErrors,
          selection: null,
          positions: {},
          externals: [],
          reveal: null,
          canvasCommands: {},
          notice: null,
          filter: NO_FILTER,

          setText(text) {
            const s = get();
            if (text === s.text) return;
            const t = now();
            const continuing = s.origin === 'typing' && t - lastTypingAt < typingGroupMs;
            lastTypingAt = t;
            // A burst of keystrokes records one history entry: its first keystroke's past text.
            if (continuing) history().pause();
            try {
              set({ text, revision: s.revision + 1, origin: 'typing' });
            } finally {
              if (continuing) history().resume();
            }
          },

          acceptParse(parsed) {
            if (parsed.text !== get().text) return false;
            set(withParse(parsed));
            return true;
          },

          parseNow() {
            const s = get();
            if (s.parsed.text !== s.text) set(withParse(parse(s.text, s.parsed)));
          },

          applyEdits(edits, label, base = get().lastValid.text) {
            get().parseNow();
            const s = get();
            if (s.hasSyntaxErrors) {
              s.notify(`“${label}” was not applied: fix the YAML errors first.`, 'error');
              return false;
            }
            if (edits.length === 0) return true;
            // Offsets are only meaningful in the text they were computed from.
            const rebased = rebaseEdits(base, s.text, edits);
            if (!rebased) {
              s.notify(
                `“${label}” was not applied: the YAML changed at that place meanwhile. Try again.`,
                'error',
              );
              return false;
            }
            const text = applyTextEdits(s.text, rebased);
            lastTypingAt = -Infinity;
            set({
              text,
              revision: s.revision + 1,
              origin: 'edit',
              ...withParse(parse(text, s.parsed)),
            });
            return true;
          },

          undo() {
            get().parseNow();
            history().undo();
            set({ revision: get().revision + 1, origin: 'history' });
            afterHistory();
          },

          redo() {
            history().redo();
            set({ revision: get().revision + 1, origin: 'history' });
            afterHistory();
          },

          select(selection) {
            const cur = get().selection;
            if (cur?.kind === selection?.kind && cur?.id === selection?.id) return;
            set({ selection });
          },

          setPosition(id, position) {
            set({ positions: { ...get().positions, [id]: position } });
          },

          setPositions(positions) {
            set({ positions });
          },

          addExternal(network) {
            const s = get();
            if (s.externals.some((e) => e.cidr === network.cidr)) return;
            set({ externals: [...s.externals, network] });
          },

          removeExternal(cidr) {
            const s = get();
            if (!s.externals.some((e) => e.cidr === cidr)) return;
            set({ externals: s.externals.filter((e) => e.cidr !== cidr) });
          },

          newWorkspace(text = '', options = {}) {
            lastTypingAt = -Infinity;
            const parsed = parse(text);
            const externals = options.keepExternals ? get().externals : [];
            set({
              text,
              revision: get().revision + 1,
              origin: 'load',
              ...withParse(parsed),
              lastValid: parsed.hasSyntaxErrors ? EMPTY_PARSE : parsed,
              selection: null,
              positions: {},
              externals,
            });
          },

          appendText(added) {
            const s = get();
            // The added stream brings its own separators; appendDocument adds the one in between.
            const body = added.replace(/^(?:[ \t]*(?:#.*)?\r?\n)*---[ \t]*\r?\n/, '');
            const text = applyTextEdits(s.text, [appendDocument(s.text, body)]);
            lastTypingAt = -Infinity;
            set({
              text,
              revision: s.revision + 1,
              origin: 'edit',
              ...withParse(parse(text, s.parsed)),
            });
          },

          restoreWorkspace(text, positions, externals = [], options = {}) {
            history().pause();
            try {
              if (options.defer) {
                lastTypingAt = -Infinity;
                set({
                  text,
                  revision: get().revision + 1,
                  origin: 'load',
                  parsed: EMPTY_PARSE,
                  lastValid: EMPTY_PARSE,
                  hasSyntaxErrors: false,
                  selection: null,
                });
              } else get().newWorkspace(text);
              set({ positions, externals });
            } finally {
              history().resume();
            }
            history().clear();
          },

          revealRange(range) {
            set({ reveal: { ...range, seq: nextSeq() } });
          },

          revealSource(source, fieldPath = '') {
            const read = get().lastValid.result;
            const found = fieldPath ? locate(read, source, fieldPath) : undefined;
            const { line, column, endLine, endColumn } = found ?? placedRange(read, source);
            get().revealRange({ line, column, endLine, endColumn });
          },

          setCanvasCommands(canvasCommands) {
            set({ canvasCommands });
          },

          notify(message, tone = 'info') {
            set({ notice: { message, tone, seq: nextSeq() } });
          },

          dismissNotice() {
            set({ notice: null });
          },

          setFilter(filter) {
            set({ filter });
          },
        };
      },
      {
        partialize: (s): HistoryEntry => ({ text: s.text, externals: s.externals }),
        equality: (a, b) => a.text === b.text && a.externals === b.externals,
        limit: options.historyLimit ?? 200,
      },
    ),
  ) as WorkspaceStore;
  return store;
}

/** The app's one store. Tests create their own with `createWorkspaceStore`. */
export const workspaceStore: WorkspaceStore = createWorkspaceStore();

/** Subscribes a component to a slice; return primitives or stable references (or `useShallow`). */
export function useWorkspaceStore<T>(selector: (s: WorkspaceState) => T): T {
  return useStore(workspaceStore, selector);
}

export function useHistoryState<T>(selector: (s: TemporalState<HistoryEntry>) => T): T {
  return useStore(workspaceStore.temporal, selector);
}
