// A native <select> over a large workspace holds an <option> per workload: a thousand of them
// cost ~200 ms of rendering and style work each time an inspector opens, for a list the user may
// never open. Above a size, the options are rendered when the select is first pressed, focused or
// typed into (before the browser opens its list); until then only the chosen one is there.
import { useCallback, useState } from 'react';

/** Lists up to this long are rendered at once. */
export const OPTIONS_AT_ONCE = 200;

export interface OptionsOnDemand {
  /** Whether every option should be rendered now. */
  readonly all: boolean;
  /** Handlers for the <select>: any of them renders the options before the list opens. */
  readonly arm: {
    readonly onFocus: () => void;
    readonly onPointerDown: () => void;
    readonly onKeyDown: () => void;
  };
}

export function useOptionsOnDemand(count: number): OptionsOnDemand {
  const [armed, setArmed] = useState(false);
  const arm = useCallback(() => setArmed(true), []);
  return {
    all: armed || count <= OPTIONS_AT_ONCE,
    arm: { onFocus: arm, onPointerDown: arm, onKeyDown: arm },
  };
}
