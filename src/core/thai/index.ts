/**
 * Thai formats used across Prongsai and in official documents: Thai digits,
 * Buddhist Era dates in Asia/Bangkok, the government fiscal year, money in
 * satang and in words, and word segmentation.
 */
export { type DigitStyle, applyDigits, toArabicDigits, toThaiDigits } from './digits.js';
export {
  BANGKOK_TIME_ZONE,
  type BangkokDateParts,
  type CalendarDate,
  type DateRange,
  type YearMonth,
  addMonths,
  bangkokDate,
  bangkokDateParts,
  bangkokMidnight,
  daysInMonth,
  isValidCalendarDate,
} from './bangkok.js';
export {
  BUDDHIST_ERA_OFFSET,
  type DigitOptions,
  type ThaiDateOptions,
  type ThaiDateStyle,
  formatThaiDate,
  formatThaiDateTime,
  formatThaiMonthYear,
  formatThaiTime,
  parseThaiDateInput,
  thaiMonthName,
  toBuddhistYear,
  toGregorianYear,
} from './dates.js';
export {
  type FiscalHalf,
  type FiscalQuarter,
  type FiscalQuarterRef,
  type FiscalYearRange,
  fiscalHalfRange,
  fiscalMonths,
  fiscalQuarterOf,
  fiscalQuarterRange,
  fiscalYearOf,
  fiscalYearRange,
  formatFiscalYear,
} from './fiscal-year.js';
export { type MoneyOptions, type NumberOptions, bahtText, formatNumber, formatSatang, parseBahtInput } from './numbers.js';
export { segmentWords, thaiSearchTokens } from './segment.js';
export { THAI_PROVINCES, isThaiProvince } from './provinces.js';
