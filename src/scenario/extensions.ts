import { datapathExtension } from '../model/datapath/datapath-extension.ts';
import { SNAT_EXTENSION } from '../model/snat/snat-extension.ts';
import type { CaseExtension } from './case-extension.ts';

/**
 * The models that add columns to a run, in the order their columns and variant axes appear. Add one line per
 * model; the order is part of the CSV format (changing it changes every golden file).
 */
export const CASE_EXTENSIONS: readonly CaseExtension[] = [
  SNAT_EXTENSION,
  datapathExtension,
];
