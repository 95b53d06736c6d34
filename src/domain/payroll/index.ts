/** Payroll: per-child monthly entitlement, corrections, reissues, control totals, forecast (ADR 0005). */
export {
  BankAccount,
  ExitRecord,
  FactsVersion,
  Instant,
  PayrollRecord,
  exitKnownAt,
  factsKnownAt,
  factsOn,
  type FactsDocument,
  type FactsDocumentInput,
  type PayrollRecordInput,
} from './record.ts';
export {
  ITEM_LABELS,
  LINE_KINDS,
  LINE_KIND_LABELS,
  LineExplanation,
  LineKind,
  PaidLine,
  PayrollItem,
  PayrollLine,
  SCHOOL_YEAR_GRANT,
  lineId,
} from './line.ts';
export { entitlementDetail, entitlementForMonth, type MonthEntitlement } from './entitlement.ts';
export { anonymous, SHAPE_INSTANT, shapeOf, shapeRecord, type Shape } from './shape.ts';
export { reissue, settle, type SettleOptions } from './settle.ts';
export { mergeTotals, repeatTotals, totals, townshipOf, type ControlTotals } from './totals.ts';
export {
  forecast,
  LATEST,
  withProposedPack,
  type Forecast,
  type ForecastMonth,
  type ForecastScenario,
} from './forecast.ts';
