export { chooseDefault } from "./choose.ts";
export { evaluate, VARIANTS, type Variant, type VariantResult } from "./evaluate.ts";
export { EVAL_GUILD, type LabelledQuery, loadFixtures } from "./fixtures.ts";
export { better, type ModeScore, meanScores, type QueryScore, scoreRanking } from "./metrics.ts";
