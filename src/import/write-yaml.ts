import YAML, { isScalar, isSeq } from 'yaml';
import type { ScenarioDraft } from './draft.ts';

/**
 * The scenario as YAML, with the sources of each imported field as a comment on its line and a header naming
 * the files and every defaulted value (yaml's Document API writes the comments; no timestamps, so the same
 * files give the same bytes).
 */
export function draftToYaml(d: ScenarioDraft, files: ReadonlyArray<{ readonly file: string; readonly kind: string }>): string {
  const doc = new YAML.Document(d.data);
  for (const c of d.comments) {
    let node = doc.getIn(c.path as unknown[], true);
    if (isSeq(node)) node = node.items[0];
    if (isScalar(node)) node.comment = node.comment === undefined || node.comment === null ? ` ${c.text}` : `${node.comment}; ${c.text}`;
  }
  const header = [
    ' Scenario written by `cnisim import` from:',
    ...files.map((f) => `   ${f.file} (${f.kind})`),
    ' Each imported field names its source file and JSON path in a comment.',
    ...(d.defaulted.length === 0
      ? [' Defaulted: nothing.']
      : [' Defaulted (not in the files; this value is used):', ...d.defaulted.map((x) => `   ${x.field} = ${x.value}: ${x.reason}`)]),
  ];
  doc.commentBefore = header.join('\n');
  return doc.toString({ lineWidth: 0 });
}
