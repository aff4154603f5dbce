import type { FormDefinition, FormDemographic, FormText } from './schema.js';

const t = (th: string, en: string, ms: string): FormText => ({ th, en, ms });

const demographics: FormDemographic[] = [
  {
    key: 'gender',
    title: t('เพศ', 'Gender', 'Jantina'),
    options: [
      { key: 'male', text: t('ชาย', 'Male', 'Lelaki') },
      { key: 'female', text: t('หญิง', 'Female', 'Perempuan') },
      { key: 'unsaid', text: t('ไม่ประสงค์ระบุ', 'Prefer not to say', 'Tidak mahu nyatakan') },
    ],
  },
  {
    key: 'age',
    title: t('อายุ', 'Age', 'Umur'),
    options: [
      { key: 'under20', text: t('ต่ำกว่า 20 ปี', 'Under 20', 'Bawah 20 tahun') },
      { key: 'a20_29', text: t('20–29 ปี', '20–29', '20–29 tahun') },
      { key: 'a30_39', text: t('30–39 ปี', '30–39', '30–39 tahun') },
      { key: 'a40_49', text: t('40–49 ปี', '40–49', '40–49 tahun') },
      { key: 'a50_59', text: t('50–59 ปี', '50–59', '50–59 tahun') },
      { key: 'a60plus', text: t('60 ปีขึ้นไป', '60 or over', '60 tahun ke atas') },
    ],
  },
  {
    key: 'education',
    title: t('การศึกษา', 'Education', 'Pendidikan'),
    options: [
      { key: 'primary', text: t('ประถมศึกษาหรือต่ำกว่า', 'Primary school or less', 'Sekolah rendah atau kurang') },
      { key: 'secondary', text: t('มัธยมศึกษา / ปวช.', 'Secondary / vocational', 'Sekolah menengah / vokasional') },
      { key: 'diploma', text: t('อนุปริญญา / ปวส.', 'Diploma', 'Diploma') },
      { key: 'bachelor', text: t('ปริญญาตรี', "Bachelor's degree", 'Ijazah sarjana muda') },
      { key: 'higher', text: t('สูงกว่าปริญญาตรี', "Higher than a bachelor's", 'Lebih tinggi daripada ijazah sarjana muda') },
    ],
  },
  {
    key: 'occupation',
    title: t('อาชีพ', 'Occupation', 'Pekerjaan'),
    options: [
      { key: 'farmer', text: t('เกษตรกร / ทำสวนยาง', 'Farmer / rubber tapper', 'Petani / penoreh getah') },
      { key: 'trader', text: t('ค้าขาย / ธุรกิจส่วนตัว', 'Trade / own business', 'Berniaga / perniagaan sendiri') },
      { key: 'labourer', text: t('รับจ้างทั่วไป', 'Hired labour', 'Buruh / kerja upah') },
      { key: 'government', text: t('รับราชการ / รัฐวิสาหกิจ', 'Civil servant / state enterprise', 'Kakitangan kerajaan') },
      { key: 'student', text: t('นักเรียน / นักศึกษา', 'Student', 'Pelajar') },
      { key: 'other', text: t('อื่น ๆ', 'Other', 'Lain-lain') },
    ],
  },
];

/**
 * The standard Thai service satisfaction form (แบบประเมินความพึงพอใจต่อการให้บริการ), as most
 * อปท. use it: five groups — process, staff, facilities, service quality and overall — rated
 * มากที่สุด (5) … น้อยที่สุด (1), optional demographics and an open suggestion. Version 1 of
 * every organization's form; short enough for one page on a phone.
 */
export const DEFAULT_FORM: FormDefinition = {
  title: t('แบบประเมินความพึงพอใจต่อการให้บริการ', 'Service satisfaction survey', 'Borang penilaian kepuasan perkhidmatan'),
  intro: t(
    'โปรดให้คะแนนบริการที่ท่านได้รับ ใช้เวลาประมาณ 1 นาที ไม่ต้องระบุชื่อ',
    'Please rate the service you received. It takes about a minute; your name is not asked.',
    'Sila nilai perkhidmatan yang anda terima. Ambil masa lebih kurang seminit; nama anda tidak diminta.',
  ),
  groups: [
    {
      key: 'process',
      title: t('ด้านกระบวนการ ขั้นตอนการให้บริการ', 'Process and steps', 'Proses dan langkah perkhidmatan'),
      items: [
        { key: 'steps', text: t('ขั้นตอนการให้บริการไม่ยุ่งยากซับซ้อน', 'The steps were simple', 'Langkah perkhidmatan mudah dan tidak rumit') },
        { key: 'speed', text: t('ได้รับบริการสะดวก รวดเร็ว', 'The service was convenient and quick', 'Perkhidmatan mudah dan cepat') },
        {
          key: 'fairness',
          text: t('ให้บริการตามลำดับก่อน–หลังอย่างเป็นธรรม', 'Served fairly, in order of arrival', 'Dilayan dengan adil mengikut giliran'),
        },
        { key: 'waiting', text: t('ระยะเวลารอคอยเหมาะสม', 'The waiting time was reasonable', 'Masa menunggu berpatutan') },
      ],
    },
    {
      key: 'staff',
      title: t('ด้านเจ้าหน้าที่ผู้ให้บริการ', 'Staff', 'Kakitangan'),
      items: [
        { key: 'courtesy', text: t('เจ้าหน้าที่พูดจาสุภาพ ยิ้มแย้ม', 'Staff were polite and friendly', 'Kakitangan bersopan dan mesra') },
        {
          key: 'attentive',
          text: t(
            'เจ้าหน้าที่เอาใจใส่ กระตือรือร้น พร้อมให้บริการ',
            'Staff were attentive and willing to help',
            'Kakitangan prihatin dan bersedia membantu',
          ),
        },
        {
          key: 'advice',
          text: t(
            'เจ้าหน้าที่ให้คำแนะนำและตอบข้อซักถามได้ชัดเจน',
            'Staff explained and answered questions clearly',
            'Kakitangan memberi penerangan dan menjawab soalan dengan jelas',
          ),
        },
      ],
    },
    {
      key: 'facilities',
      title: t('ด้านสิ่งอำนวยความสะดวก', 'Facilities', 'Kemudahan'),
      items: [
        {
          key: 'signage',
          text: t('ป้ายและจุดให้บริการชัดเจน หาง่าย', 'Signs and service points were clear', 'Papan tanda dan kaunter jelas dan mudah dicari'),
        },
        {
          key: 'seating',
          text: t(
            'ที่นั่งรอ น้ำดื่ม และห้องน้ำ สะอาดและเพียงพอ',
            'Seats, drinking water and toilets were clean and enough',
            'Tempat duduk, air minuman dan tandas bersih dan mencukupi',
          ),
        },
        { key: 'parking', text: t('ที่จอดรถเพียงพอ', 'There was enough parking', 'Tempat letak kenderaan mencukupi') },
      ],
    },
    {
      key: 'quality',
      title: t('ด้านคุณภาพการให้บริการ', 'Service quality', 'Kualiti perkhidmatan'),
      items: [
        { key: 'result', text: t('ได้รับบริการตรงตามความต้องการ', 'I got the service I needed', 'Mendapat perkhidmatan yang diperlukan') },
        { key: 'accuracy', text: t('การให้บริการถูกต้อง ครบถ้วน', 'The service was correct and complete', 'Perkhidmatan betul dan lengkap') },
      ],
    },
    {
      key: 'overall',
      title: t('ความพึงพอใจโดยรวม', 'Overall satisfaction', 'Kepuasan keseluruhan'),
      items: [
        {
          key: 'overall',
          text: t(
            'ท่านพึงพอใจต่อการให้บริการโดยรวมเพียงใด',
            'Overall, how satisfied are you with the service?',
            'Secara keseluruhan, sejauh mana anda berpuas hati?',
          ),
        },
      ],
    },
  ],
  demographics,
  suggestion: true,
};
