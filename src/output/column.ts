/** A CSV column: its name (units in the name where it has one), unit, and what it means. Models define it. */
export type { ColumnSpec } from '../model/column.ts';
