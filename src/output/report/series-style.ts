/**
 * How a chart tells its series (networking models and variants) apart, so none hides behind another: each gets
 * its own colour, dash pattern and point shape (unfilled, so coinciding points show every outline), and the
 * legend names the series whose values coincide ("overlay = kubenet").
 */

const DASHES: ReadonlyArray<readonly number[]> = [[1, 0], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [12, 6], [2, 6], [6, 2, 2, 2]];
const SHAPES: readonly string[] = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'triangle-left', 'triangle-right'];

export const SERIES_TITLE = 'model / variant';

/** Groups of two or more series whose (x, y) points are identical, each group in domain order. */
export function coincidingGroups(domain: readonly string[], points: ReadonlyArray<{ readonly series: string; readonly key: string; readonly y: number }>): string[][] {
  const signature = new Map<string, string[]>();
  for (const s of domain) signature.set(s, []);
  for (const p of points) signature.get(p.series)?.push(`${p.key}=${p.y}`);
  const bySig = new Map<string, string[]>();
  for (const s of domain) {
    const sig = (signature.get(s) ?? []).sort().join('|');
    if (sig === '') continue;
    bySig.set(sig, [...(bySig.get(sig) ?? []), s]);
  }
  return [...bySig.values()].filter((g) => g.length > 1);
}

/** The legend label of each series: its name, or "a = b" when its line coincides with another's. */
export function legendLabels(domain: readonly string[], groups: readonly string[][]): Map<string, string> {
  const labels = new Map(domain.map((s) => [s, s]));
  for (const g of groups) for (const s of g) labels.set(s, [s, ...g.filter((o) => o !== s)].join(' = '));
  return labels;
}

/** A Vega expression mapping datum.label to its legend label. */
function labelExpr(labels: ReadonlyMap<string, string>): string {
  const cases = [...labels].filter(([s, l]) => s !== l);
  return cases.reduceRight((rest, [s, l]) => `datum.label === ${JSON.stringify(s)} ? ${JSON.stringify(l)} : ${rest}`, 'datum.label');
}

/** Encodings for the series field: colour, dash and shape, with one merged legend that names coincidences. */
export function seriesEncoding(field: string, domain: readonly string[], groups: readonly string[][]) {
  const legend = { title: SERIES_TITLE, labelExpr: labelExpr(legendLabels(domain, groups)), labelLimit: 400 };
  const pick = <T>(list: readonly T[]) => domain.map((_s, i) => list[i % list.length] as T);
  return {
    color: { field, type: 'nominal', title: SERIES_TITLE, scale: { domain: [...domain] }, legend },
    strokeDash: { field, type: 'nominal', title: SERIES_TITLE, scale: { domain: [...domain], range: pick(DASHES) }, legend },
    shape: { field, type: 'nominal', title: SERIES_TITLE, scale: { domain: [...domain], range: pick(SHAPES) }, legend },
  } as const;
}

/** A sentence for a caption naming the coinciding series, or '' when none coincide. */
export function coincidenceNote(groups: readonly string[][]): string {
  if (groups.length === 0) return '';
  return ` Lines that coincide (${groups.map((g) => g.join(' = ')).join('; ')}) are drawn with different dash patterns and point shapes.`;
}
