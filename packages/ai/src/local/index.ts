export { jsFullScan, loadNativeScan, scanRows } from "./exact-scan.ts";
export * from "./hash-embedder.ts";
export * from "./local-vector-index.ts";
export { VectorLogError } from "./namespace-log.ts";
export { words } from "./text-features.ts";
