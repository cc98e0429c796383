import { ERROR_CODES, EvalkitError } from '@evalkit/core';

/**
 * Size limits of a ratings file, checked before the matrix is allocated. Pairwise Cohen's kappa
 * grows with the square of the raters (500 raters: 124,750 pairs, about 9 s on a 2-core laptop),
 * the matrix with cases x raters.
 */
export const RATINGS_LIMITS = {
  /** Raters (columns of the wide layout, distinct `rater` values of the long one). */
  raters: 500,
  /** Distinct cases. */
  cases: 1_000_000,
  /** Cells of the cases x raters matrix. */
  cells: 50_000_000,
  /** Bytes of the CSV file. */
  fileBytes: 512 * 2 ** 20,
} as const;

/** Refuses a ratings table above RATINGS_LIMITS, naming the file, the count and the limit. */
export function checkRatingsSize(file: string, raters: number, cases: number): void {
  if (raters > RATINGS_LIMITS.raters) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `${raters} raters is above the limit of ${RATINGS_LIMITS.raters} (pairwise agreement grows with the square of the raters)`, { file, field: 'raters', value: raters });
  }
  if (cases > RATINGS_LIMITS.cases) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `${cases} cases is above the limit of ${RATINGS_LIMITS.cases}`, { file, field: 'cases', value: cases });
  }
  if (raters * cases > RATINGS_LIMITS.cells) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `${cases} cases x ${raters} raters = ${raters * cases} ratings is above the limit of ${RATINGS_LIMITS.cells}`, { file, field: 'ratings', value: raters * cases });
  }
}
