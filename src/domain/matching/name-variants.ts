/**
 * Traditional and variant characters common in personal names, mapped to the simplified form
 * a 户籍 record uses. Small on purpose: the pinyin comparison catches what this misses, and a
 * wrong mapping would merge different people. Pairs: variant → canonical.
 */
// prettier-ignore
const PAIRS = [
  '麗丽', '華华', '強强', '彊强', '劉刘', '陳陈', '張张', '馬马', '傑杰', '國国',
  '偉伟', '東东', '軍军', '紅红', '蘭兰', '鳳凤', '龍龙', '雲云', '葉叶', '萬万',
  '鄭郑', '黃黄', '楊杨', '趙赵', '吳吴', '孫孙', '許许', '鄧邓', '蕭萧', '羅罗',
  '謝谢', '韓韩', '馮冯', '錢钱', '衛卫', '學学', '寶宝', '艷艳', '豔艳', '瑩莹',
  '鵬鹏', '輝辉', '濤涛', '潔洁', '靜静', '慶庆', '嬌娇', '瓊琼', '峯峰', '興兴',
  '亞亚', '鐵铁', '貴贵', '義义', '榮荣', '蓮莲', '麥麦', '蘇苏',
] as const;

export const NAME_VARIANTS: ReadonlyMap<string, string> = new Map(
  PAIRS.map((p) => [p.charAt(0), p.charAt(1)] as const),
);
