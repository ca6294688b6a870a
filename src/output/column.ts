/** A CSV column: its name (units in the name where it has one), unit, and what it means. */
export interface ColumnSpec {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
}
