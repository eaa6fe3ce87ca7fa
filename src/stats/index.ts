// Statistics of a radiomics study, matching R (psych, pROC, rms, stats) and SciPy. See docs/stats.md.
export * as distributions from './distributions.js';
export { zScoreParams, zScore, type ZScoreParams } from './descriptive.js';
export { icc, iccAll, ICC_FORMS, type IccForm, type IccResult } from './icc.js';
export { spearman, spearmanMatrix, redundancyFilter, type CorrelationMatrix, type RedundancyResult, type RedundancyStep } from './correlation.js';
export { tTest, mannWhitneyU, chiSquareTest, type TTestResult, type MannWhitneyResult, type ChiSquareResult } from './tests.js';
export { fisherExact, type FisherResult } from './fisher.js';
export { shapiroWilk, type ShapiroWilkResult } from './normality.js';
export { table1, formatTable1, type Table1Options, type Table1Result, type Table1Row, type Table1Test, type Table1Variable } from './table1.js';
export {
  auc, rocCurve, delongCi, delongTest, youdenThreshold, confusionMetrics,
  type RocCurve, type DelongCi, type DelongTest, type YoudenResult, type ConfusionMetrics,
} from './roc.js';
export { hosmerLemeshow, calibrationCurve, type CalibrationGroup, type HosmerLemeshowResult, type Grouping } from './calibration.js';
export { valProb, type ValProbResult } from './valprob.js';
export { decisionCurve, defaultDcaThresholds, type DecisionCurvePoint } from './dca.js';
export { lowess, type LowessResult } from './lowess.js';
