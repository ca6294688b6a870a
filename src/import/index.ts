export { buildScenario, type ImportFlags } from './build-scenario.ts';
export { importFiles, readImportFile, type ImportResult, type ImportedFile } from './import-files.ts';
export { detectKind, IMPORT_KINDS, type ImportKind } from './kinds.ts';
export { isImportFile } from './is-import-file.ts';
