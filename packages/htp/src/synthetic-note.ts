/**
 * What every output made from evalkit's synthetic study says where it is read: the study is built to
 * reproduce the paper's counts, so matching them shows the pipeline works, not that PsyDraw does.
 */
export const SYNTHETIC_STUDY_NOTE = "synthetic study constructed to the paper's published counts: checks the pipeline, not PsyDraw";
