/**
 * Categories of news and announcements (หมวดหมู่), as keys; their names are in the catalog
 * (news.categories.<key>). A fixed list, so the public filter and the feeds stay stable.
 */
export const NEWS_CATEGORIES = [
  'general', // ทั่วไป
  'activity', // กิจกรรม
  'procurement', // ประกาศจัดซื้อจัดจ้าง
  'jobs', // รับสมัครงาน
  'tax', // ภาษีและรายได้
  'welfare', // สวัสดิการสังคม (เบี้ยยังชีพ)
  'health', // สาธารณสุข
  'education', // การศึกษา
  'disaster', // ป้องกันและบรรเทาสาธารณภัย
  'council', // สภาและการประชุม
] as const;
export type NewsCategory = (typeof NEWS_CATEGORIES)[number];

export function isNewsCategory(x: unknown): x is NewsCategory {
  return typeof x === 'string' && (NEWS_CATEGORIES as readonly string[]).includes(x);
}
