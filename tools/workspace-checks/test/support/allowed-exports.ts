/** A name a public face keeps although no other project of the workspace imports it, and why. */
export interface AllowedExport {
  name: string;
  why: string;
}

const AGREEMENT_FOR_ANY_STUDY = 'the agreement statistics are a package a study outside HTP installs: its coefficients are its public API';

/**
 * Names kept for users outside the workspace. Everything else an index.ts exports must be imported
 * by another project; a project's own tests reach its internals by path.
 */
export const ALLOWED_UNUSED_EXPORTS: Record<string, readonly AllowedExport[]> = {
  '@evalkit/agreement': ['cohenKappa', 'CohenKappa', 'fleissKappa', 'FleissKappa', 'krippendorffAlpha', 'KrippendorffAlpha', 'gwetAc', 'GwetAc', 'percentAgreement', 'PercentAgreement'].map((name) => ({ name, why: AGREEMENT_FOR_ANY_STUDY })),
  '@evalkit/cli': [{ name: 'main', why: 'runs the evalkit command from a script, as bin/evalkit.js does' }],
};
