export { type CrossValidated, chooseDefault, crossValidate, type SetResults } from "./choose.ts";
export {
  DEFAULT_SETUP,
  evaluate,
  type Setup,
  VARIANTS,
  type Variant,
  type VariantResult,
} from "./evaluate.ts";
export {
  EVAL_GUILD,
  EVAL_SETS,
  type EvalSet,
  type LabelledQuery,
  loadFixtures,
  type QueryKind,
} from "./fixtures.ts";
export { better, type ModeScore, meanScores, type QueryScore, scoreRanking } from "./metrics.ts";
