/**
 * Thai formats used across Prongsai and in official documents: Thai digits,
 * Buddhist Era dates in Asia/Bangkok, the government fiscal year, money in
 * satang and in words, and word segmentation.
 */

export {
  addMonths,
  BANGKOK_TIME_ZONE,
  type BangkokDateParts,
  bangkokDate,
  bangkokDateParts,
  bangkokIsoDay,
  bangkokMidnight,
  type CalendarDate,
  type DateRange,
  daysInMonth,
  isoDayNoon,
  isValidCalendarDate,
  parseIsoDay,
  type YearMonth,
} from './bangkok.js';
export {
  BUDDHIST_ERA_OFFSET,
  type DigitOptions,
  formatThaiDate,
  formatThaiDateTime,
  formatThaiMonthYear,
  formatThaiTime,
  parseThaiDateInput,
  type ThaiDateOptions,
  type ThaiDateStyle,
  thaiMonthName,
  toBuddhistYear,
  toGregorianYear,
} from './dates.js';
export { applyDigits, type DigitStyle, toArabicDigits, toThaiDigits } from './digits.js';
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
export { bahtText, formatNumber, formatSatang, type MoneyOptions, type NumberOptions, parseBahtInput } from './numbers.js';
export { isThaiProvince, THAI_PROVINCES } from './provinces.js';
export { segmentWords, thaiSearchTokens } from './segment.js';
