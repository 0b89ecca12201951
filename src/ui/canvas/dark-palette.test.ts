// Dark mode's edge colours read on dark mode's label backgrounds (WCAG AA for small text), for
// every policy hue the canvas hands out and every flow verdict.
import { describe, expect, it } from 'vitest';
import { POLICY_HUES } from '../../view/labels.ts';
import {
  DARK_FLOW_LABEL_BG,
  DARK_LABEL_BG,
  contrastOnWhite,
  contrastRatio,
  flowColor,
  flowColorDark,
  hexLuminance,
  hslLuminance,
  policyColor,
  policyColorDark,
  themedFlowColor,
  themedPolicyColor,
} from './to-flow.ts';

const hsl = (color: string) => {
  const m = /^hsl\((\d+) (\d+)% (\d+)%\)$/.exec(color);
  if (!m) throw new Error(`not an hsl() colour: ${color}`);
  return hslLuminance(Number(m[1]), Number(m[2]), Number(m[3]));
};
const STATES = ['allowed', 'partial', 'denied'] as const;

describe('contrast helpers', () => {
  it('agree with the WCAG reference values', () => {
    expect(contrastRatio(hexLuminance('#000000'), hexLuminance('#ffffff'))).toBeCloseTo(21, 5);
    expect(contrastRatio(hexLuminance('#767676'), 1)).toBeCloseTo(4.54, 2);
    expect(hexLuminance('#ffffff')).toBeCloseTo(hslLuminance(0, 0, 100), 10);
    expect(contrastOnWhite(240, 100, 50)).toBeCloseTo(contrastRatio(1, hexLuminance('#0000ff')));
  });
});

describe('policyColorDark', () => {
  it.each(POLICY_HUES)('hue %i reads at 4.5:1 on the dark label background', (hue) => {
    const ratio = contrastRatio(hsl(policyColorDark(hue)), hexLuminance(DARK_LABEL_BG));
    expect(ratio).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps the hue and stays a distinct, lighter shade than the light one', () => {
    for (const hue of POLICY_HUES) {
      expect(policyColorDark(hue)).toMatch(new RegExp(`^hsl\\(${hue} `));
      expect(hsl(policyColorDark(hue))).toBeGreaterThan(hsl(policyColor(hue)));
    }
  });

  it('is no lighter than it must be: blue needs more light than yellow', () => {
    const lightness = (hue: number) => Number(/(\d+)%\)$/.exec(policyColorDark(hue))?.[1]);
    expect(lightness(240)).toBeGreaterThan(lightness(45));
  });
});

describe('flowColorDark', () => {
  const backgrounds = [DARK_LABEL_BG, ...Object.values(DARK_FLOW_LABEL_BG)];
  it.each(STATES)('%s reads at 4.5:1 on every dark label background', (state) => {
    for (const bg of backgrounds)
      expect(contrastRatio(hexLuminance(flowColorDark(state)), hexLuminance(bg))).toBeGreaterThan(
        4.5,
      );
  });

  it('light colours still read on white', () => {
    for (const state of STATES)
      expect(contrastRatio(hexLuminance(flowColor(state)), 1)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('themed colours', () => {
  it('carry the light and the dark value for the page to choose from', () => {
    expect(themedPolicyColor(215)).toBe(`light-dark(${policyColor(215)}, ${policyColorDark(215)})`);
    expect(themedFlowColor('denied')).toBe(
      `light-dark(${flowColor('denied')}, ${flowColorDark('denied')})`,
    );
  });
});
