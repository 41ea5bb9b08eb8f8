import { describe, expect, it } from 'vitest';
import { figureErrors, type FigureValue } from '../../src/write/figure-rules.js';
import { passageOccursIn } from '../../src/write/passage.js';

const source =
  'Iran\u2019s foreign minister said the strike was \u201Can act of international terrorism.\u201D\nAt least  56 people\u00A0died in the stampede.';

describe('a passage must be the source’s own words', () => {
  it('forgives only whitespace and quote-mark style', () => {
    expect(passageOccursIn('Iran\'s foreign minister said the strike was "an act of international terrorism."', source)).toBe(true);
    expect(passageOccursIn('At least 56 people died', source)).toBe(true);
    expect(passageOccursIn('At least 57 people died', source)).toBe(false);
    expect(passageOccursIn('at least 56 people died', source)).toBe(false);
    expect(passageOccursIn('Iran’s foreign minister said the strike was an act of international terrorism', source)).toBe(false);
    expect(passageOccursIn('   ', source)).toBe(false);
  });
});

describe('figure rules, before any SQL', () => {
  const check = (figure: Partial<FigureValue>) =>
    figureErrors({ wording: 'w', qualifier: 'EXACT', ...figure }, ['input', 'figure']).map((e) => `${e.field.join('.')} ${e.code}`);

  it('accepts each qualifier with its bounds', () => {
    expect(check({ qualifier: 'EXACT', low: 3, best: 3, high: 3 })).toEqual([]);
    expect(check({ qualifier: 'APPROXIMATE', best: 200 })).toEqual([]);
    expect(check({ qualifier: 'APPROXIMATE', low: 150, best: 200, high: 250 })).toEqual([]);
    expect(check({ qualifier: 'AT_LEAST', low: 12 })).toEqual([]);
    expect(check({ qualifier: 'UP_TO', high: 80 })).toEqual([]);
    expect(check({ qualifier: 'UNKNOWN' })).toEqual([]);
  });

  it('names the bound that breaks a rule', () => {
    expect(check({ qualifier: 'EXACT', low: 3, best: 4, high: 4 })).toEqual(['input.figure.high INVALID']);
    expect(check({ qualifier: 'AT_LEAST', low: 12, high: 20 })).toEqual(['input.figure.high INVALID']);
    expect(check({ qualifier: 'UP_TO', low: 1, high: 20 })).toEqual(['input.figure.low INVALID']);
    expect(check({ qualifier: 'APPROXIMATE', low: 10 })).toEqual(['input.figure.best INVALID']);
    expect(check({ qualifier: 'UNKNOWN', best: 4 })).toEqual(['input.figure.best INVALID']);
    expect(check({ qualifier: 'APPROXIMATE', best: -1 })).toEqual(['input.figure.best INVALID']);
    expect(check({ qualifier: 'APPROXIMATE', best: 2.5 })).toEqual(['input.figure.best INVALID']);
    expect(check({ qualifier: 'APPROXIMATE', low: 300, best: 200 })).toEqual(['input.figure.low INVALID']);
    expect(check({ qualifier: 'APPROXIMATE', best: 5, wording: ' ' })).toEqual(['input.figure.wording INVALID']);
  });
});
