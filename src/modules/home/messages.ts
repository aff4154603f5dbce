import type { ModuleMessages } from '../../core/i18n/i18n.js';

export const messages: ModuleMessages = {
  th: {
    nav: { home: 'หน้าแรก', dashboard: 'หน้าหลักเจ้าหน้าที่' },
    public: {
      welcome: 'ยินดีต้อนรับสู่{name}',
      lead: 'บริการประชาชน ข้อมูลข่าวสาร และการเปิดเผยข้อมูลตามหลักคุณธรรมและความโปร่งใส',
      contactTitle: 'ติดต่อหน่วยงาน',
      officeHours: 'วันและเวลาราชการ',
      officeHoursText: 'วันจันทร์ – วันศุกร์ เวลา 08:30 – 16:30 น. (เว้นวันหยุดราชการ)',
      website: 'เว็บไซต์',
      about: 'เกี่ยวกับหน่วยงาน',
    },
    privacy: {
      title: 'นโยบายคุ้มครองข้อมูลส่วนบุคคล',
      body1: '{name} เก็บข้อมูลส่วนบุคคลเท่าที่จำเป็นต่อการให้บริการเท่านั้น ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. ๒๕๖๒',
      body2:
        'ประชาชนใช้บริการบนเว็บไซต์นี้ได้โดยไม่ต้องสมัครสมาชิกหรือเข้าสู่ระบบ เว็บไซต์ใช้คุกกี้ที่จำเป็นเท่านั้น ได้แก่ ภาษาที่เลือก และการป้องกันการส่งแบบฟอร์มปลอม ไม่มีคุกกี้โฆษณาหรือติดตามพฤติกรรม',
      body3:
        'ข้อมูลที่ท่านให้ไว้ เช่น ชื่อหรือเบอร์โทรศัพท์เมื่อขอรับบริการ จะใช้เพื่อการให้บริการนั้นเท่านั้น และจะลบออกเมื่อพ้นระยะเวลาที่จำเป็น ทุกการเข้าถึงและแก้ไขข้อมูลโดยเจ้าหน้าที่มีการบันทึกไว้ตรวจสอบได้',
      body4: 'ท่านมีสิทธิขอเข้าถึง ขอแก้ไข หรือขอลบข้อมูลของท่าน โดยติดต่อหน่วยงานตามช่องทางด้านล่าง',
    },
    accessibility: {
      title: 'การเข้าถึงเว็บไซต์',
      body1: 'เว็บไซต์นี้ออกแบบให้ทุกคนใช้งานได้ รวมถึงผู้สูงอายุและผู้พิการ ตามแนวทาง WCAG 2.1 ระดับ AA',
      body2:
        'ทุกหน้าใช้งานได้ด้วยแป้นพิมพ์และโปรแกรมอ่านหน้าจอ ใช้งานได้แม้ปิด JavaScript ขยายตัวอักษรได้ถึง 200% โดยเนื้อหาไม่หาย และสถานะต่าง ๆ บอกด้วยข้อความเสมอ ไม่ใช้สีอย่างเดียว',
      body3: 'หากพบปัญหาในการใช้งาน โปรดแจ้งหน่วยงาน เราจะแก้ไขและตอบกลับโดยเร็ว',
    },
    dashboard: {
      title: 'สวัสดี {name}',
      lead: 'งานที่รอท่านและทางลัดไปยังงานประจำวัน',
      inbox: 'กล่องข้อความ',
      unread: 'ยังไม่ได้อ่าน {n} รายการ',
      allRead: 'อ่านครบแล้ว',
      shortcuts: 'ทางลัด',
      people: 'บุคลากร',
      accounts: 'บัญชีผู้ใช้',
      yourRoles: 'บทบาทของท่าน',
      noRoles: 'ยังไม่ได้รับบทบาท โปรดติดต่อผู้ดูแลระบบ',
    },
  },
  en: {
    nav: { home: 'Home', dashboard: 'Staff home' },
    public: {
      welcome: 'Welcome to {name}',
      lead: 'Citizen services, news and information disclosed for integrity and transparency',
      contactTitle: 'Contact',
      officeHours: 'Office hours',
      officeHoursText: 'Monday – Friday, 08:30 – 16:30 (except public holidays)',
      website: 'Website',
      about: 'About the organization',
    },
    privacy: {
      title: 'Privacy policy',
      body1: '{name} collects only the personal data a service needs, under the Personal Data Protection Act B.E. 2562 (2019).',
      body2:
        'Citizens use this website without registering or signing in. It sets only necessary cookies: your chosen language and protection against forged forms. There are no advertising or tracking cookies.',
      body3:
        'Data you give, such as a name or phone number when asking for a service, is used for that service only and deleted when no longer needed. Every access and change by staff is recorded and can be audited.',
      body4: 'You may ask to see, correct or delete your data by contacting the organization below.',
    },
    accessibility: {
      title: 'Accessibility',
      body1: 'This website is made for everyone, including older people and people with disabilities, following WCAG 2.1 level AA.',
      body2:
        'Every page works with a keyboard and a screen reader and without JavaScript; text can be enlarged to 200% without loss; status is always told in words, never by color alone.',
      body3: 'If something does not work for you, please tell us. We will fix it and answer quickly.',
    },
    dashboard: {
      title: 'Hello, {name}',
      lead: 'What is waiting for you, and shortcuts to daily work',
      inbox: 'Inbox',
      unread: '{n} unread',
      allRead: 'All read',
      shortcuts: 'Shortcuts',
      people: 'Staff',
      accounts: 'Accounts',
      yourRoles: 'Your roles',
      noRoles: 'You have no role yet. Ask your administrator.',
    },
  },
  ms: {
    nav: { home: 'Halaman utama' },
    public: {
      welcome: 'Selamat datang ke {name}',
      lead: 'Perkhidmatan awam, berita dan maklumat yang didedahkan untuk integriti dan ketelusan',
      contactTitle: 'Hubungi',
      officeHours: 'Waktu pejabat',
      officeHoursText: 'Isnin – Jumaat, 08.30 – 16.30 (kecuali cuti umum)',
      website: 'Laman web',
      about: 'Tentang organisasi',
    },
    privacy: {
      title: 'Dasar privasi',
      body1:
        '{name} mengumpul data peribadi yang diperlukan oleh sesuatu perkhidmatan sahaja, di bawah Akta Perlindungan Data Peribadi B.E. 2562 (2019).',
      body2:
        'Orang awam menggunakan laman web ini tanpa mendaftar atau log masuk. Hanya kuki yang perlu digunakan: bahasa pilihan anda dan perlindungan terhadap borang palsu. Tiada kuki iklan atau penjejakan.',
      body3:
        'Data yang anda berikan, seperti nama atau nombor telefon, digunakan untuk perkhidmatan itu sahaja dan dipadam apabila tidak diperlukan lagi. Setiap akses dan perubahan oleh kakitangan direkodkan.',
      body4: 'Anda boleh meminta untuk melihat, membetulkan atau memadam data anda dengan menghubungi organisasi di bawah.',
    },
    accessibility: {
      title: 'Kebolehcapaian',
      body1: 'Laman web ini dibina untuk semua orang, termasuk warga emas dan orang kurang upaya, mengikut WCAG 2.1 tahap AA.',
      body2:
        'Setiap halaman boleh digunakan dengan papan kekunci, pembaca skrin dan tanpa JavaScript; teks boleh dibesarkan hingga 200%; status sentiasa dinyatakan dengan perkataan, bukan warna sahaja.',
      body3: 'Jika ada yang tidak berfungsi, sila beritahu kami. Kami akan membaikinya dengan segera.',
    },
  },
};
