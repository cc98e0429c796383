/**
 * @evalkit/agreement: agreement statistics for any ratings, usable outside HTP: percent agreement,
 * Cohen (unweighted/linear/quadratic, ASE), Fleiss, Krippendorff (nominal to ratio), Gwet AC1/AC2,
 * Wilson intervals and a seeded percentile bootstrap, on declared level orders; and the ratings CSV readers.
 */
export { MISSING, MISSING_LABELS, encodeLabels, inferLevels, levelLookup, levelValues, isMissingLabel } from './levels';
export type { LevelSet, EncodedLabels, UnknownLabel } from './levels';
export { ratingsFromRows, raterColumn, categoryCounts } from './ratings-matrix';
export type { RatingsMatrix } from './ratings-matrix';
export { contingencyTable, flattenTable } from './contingency';
export { agreementWeights } from './weights';
export type { WeightScheme } from './weights';
export { Z95, normalQuantileTwoSided, inverseNormalCdf } from './normal';
export { cohenKappa, cohenKappaFromTable } from './cohen-kappa';
export type { CohenKappa } from './cohen-kappa';
export { fleissKappa, fleissKappaFromCounts } from './fleiss-kappa';
export type { FleissKappa } from './fleiss-kappa';
export { krippendorffAlpha, krippendorffAlphaFromCounts, coincidenceMatrix, alphaDistances, ALPHA_SCALES } from './krippendorff-alpha';
export type { KrippendorffAlpha, AlphaScale } from './krippendorff-alpha';
export { gwetAc, gwetAcFromCounts } from './gwet-ac';
export type { GwetAc } from './gwet-ac';
export { percentAgreement } from './percent-agreement';
export type { PercentAgreement } from './percent-agreement';
export { agreementSummary, agreementRows, cohenSummary, casesWithTwoRatings } from './agreement-summary';
export type { AgreementSummary, AgreementRow, CohenSummary } from './agreement-summary';
export { wilsonInterval } from './wilson-interval';
export { createPrng, subSeed } from './prng';
export type { Prng } from './prng';
export { bootstrapCohenKappa, bootstrapLevelShares, percentileInterval, quantileSorted } from './bootstrap';
export type { KappaBootstrap } from './bootstrap';
export { buildRatings } from './label-table';
export type { LabelFile, LabelRow, StructuredRow, LabelledRatings } from './label-table';
export { listOffending, MAX_LISTED } from './offending';
export { readLabelFile } from './io/read-labels';
export { readRatings } from './io/read-ratings';
export { RATINGS_LIMITS, checkRatingsSize } from './io/ratings-limits';
