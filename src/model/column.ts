/** A CSV column a model contributes: its name (units in the name where it has one), unit, and what it means. */
export interface ColumnSpec {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
}

/** One cell a model publishes; the output layer formats it. */
export type CellValue = number | string | null;
