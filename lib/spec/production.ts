/** Environment names that mean production unless `--production` names the environments. */
export const PRODUCTION_NAME = /(^|[-_.])(prod|production|prd|live)([-_.]|$)/i;
