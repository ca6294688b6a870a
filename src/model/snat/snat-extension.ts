import type { CaseExtension } from '../../scenario/case-extension.ts';
import { OUTBOUND_AXIS, SNAT_SUMMARY_COLUMNS, SNAT_TIMESERIES_COLUMNS } from './snat-columns.ts';

/** The SNAT model as a run extension: one row per outbound design, every design fed the same traffic. */
export const SNAT_EXTENSION: CaseExtension = {
  name: 'snat',
  axis: OUTBOUND_AXIS,
  variants: () => [''],
  summaryColumns: SNAT_SUMMARY_COLUMNS,
  timeseriesColumns: SNAT_TIMESERIES_COLUMNS,
  attach: () => null,
};
