/** This release of megawatts; plugins' `minMegawattsVersion`/`maxMegawattsVersion` are checked against it. */
export const MEGAWATTS_VERSION = "0.2.0";
