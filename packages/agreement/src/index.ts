/**
 * @evalkit/agreement: agreement statistics for any ratings, usable outside HTP: percent agreement,
 * Cohen (unweighted/linear/quadratic, ASE), Fleiss, Krippendorff (nominal to ratio), Gwet AC1/AC2,
 * Wilson intervals and a seeded percentile bootstrap, on declared level orders; and the ratings CSV readers.
 */
export { MISSING, encodeLabels } from './levels';
export type { LevelSet } from './levels';
export { ratingsFromRows, raterColumn } from './ratings-matrix';
export type { RatingsMatrix } from './ratings-matrix';
export { cohenKappa } from './cohen-kappa';
export type { CohenKappa } from './cohen-kappa';
export { fleissKappa } from './fleiss-kappa';
export type { FleissKappa } from './fleiss-kappa';
export { krippendorffAlpha, ALPHA_SCALES } from './krippendorff-alpha';
export type { KrippendorffAlpha, AlphaScale } from './krippendorff-alpha';
export { gwetAc } from './gwet-ac';
export type { GwetAc } from './gwet-ac';
export { percentAgreement } from './percent-agreement';
export type { PercentAgreement } from './percent-agreement';
export { agreementSummary, agreementRows, casesWithTwoRatings } from './agreement-summary';
export type { AgreementSummary } from './agreement-summary';
export { wilsonInterval } from './wilson-interval';
export { createPrng, subSeed } from './prng';
export type { Prng } from './prng';
export { bootstrapCohenKappa, bootstrapLevelShares, quantileSorted } from './bootstrap';
export { buildRatings } from './label-table';
export type { LabelFile } from './label-table';
export { listOffending } from './offending';
export { readLabelFile } from './io/read-labels';
export { readRatings } from './io/read-ratings';
