import type { tilesEn } from './en';

/** ข้อความภาษาไทยของยอดรวมบนแดชบอร์ดและ "ตัวเลขของฉัน" ในแอปภาคสนาม */
export const tilesTh: typeof tilesEn = {
  dashboard: {
    today: 'วันนี้',
    month: 'เดือนนี้',
    explainLink: '{{metric}}, {{period}}: {{value}} ดูสิ่งที่นับ',
    figuresUnavailable: 'ระบบนี้ยังไม่มีตัวเลขผลงาน',
    awaitingReview: 'รอตรวจสอบ',
    rejected: 'ถูกปฏิเสธ',
    openLeads: 'ยังเปิดอยู่ (ยังไม่ได้หรือเสีย)',
    closeExplain: 'ปิดรายละเอียด',
  },
  field: {
    today: 'วันนี้',
    thisMonth: 'เดือนนี้',
    notCounted: 'สิ่งที่ไม่ถูกนับ และเหตุผล',
    allCounted: 'ทุกอย่างที่คุณทำในเดือนนี้ถูกนับแล้ว',
    reasons: {
      'awaiting-review': 'ถูกตั้งค่าสถานะให้ตรวจสอบ: ยังไม่นับจนกว่าผู้ตรวจจะอนุมัติ',
      rejected: 'ผู้ตรวจปฏิเสธ: ไม่นับ',
      duplicate: 'อาจซ้ำกับลีดหรือร้านค้าที่มีอยู่แล้ว: ไม่นับ',
    },
    because: 'เหตุผล: {{detail}}',
    latestShown: 'แสดง {{count}} รายการล่าสุด',
  },
};
