/**
 * @evalkit/agreement: agreement statistics for any ratings, usable outside HTP: percent agreement,
 * Cohen (unweighted/linear/quadratic, ASE), Fleiss, Krippendorff (nominal to ratio), Gwet AC1/AC2,
 * Wilson intervals and a seeded percentile bootstrap, on declared level orders; and the ratings CSV readers.
 */
export { MISSING, encodeLabels, type LevelSet } from './levels';
export { ratingsFromRows, raterColumn, type RatingsMatrix } from './ratings-matrix';
export { cohenKappa, type CohenKappa } from './cohen-kappa';
export { fleissKappa, type FleissKappa } from './fleiss-kappa';
export { krippendorffAlpha, ALPHA_SCALES, type KrippendorffAlpha, type AlphaScale } from './krippendorff-alpha';
export { gwetAc, type GwetAc } from './gwet-ac';
export { percentAgreement, type PercentAgreement } from './percent-agreement';
export { agreementSummary, agreementRows, casesWithTwoRatings, type AgreementSummary } from './agreement-summary';
export { wilsonInterval } from './wilson-interval';
export { createPrng, subSeed, type Prng } from './prng';
export { bootstrapCohenKappa, bootstrapLevelShares, quantileSorted } from './bootstrap';
export { buildRatings, type LabelFile } from './label-table';
export { listOffending } from './offending';
export { readLabelFile } from './io/read-labels';
export { readRatings } from './io/read-ratings';
