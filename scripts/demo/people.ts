// Fake customers: common names and 11-digit mobile numbers that belong to no one we know of.
import type { Prng } from './prng'

const MEN = [
  '张伟',
  '刘洋',
  '陈杰',
  '赵强',
  '周涛',
  '徐磊',
  '马超',
  '胡军',
  '高峰',
  '罗刚',
  '郑凯',
  '唐磊',
  '程亮',
  '袁博',
]
const MEN_MORE = ['邓超', '傅强', '曾帅', '吕斌', '卢伟', '蔡明', '丁浩', '魏然', '韩冰', '何平', '许志远', '欧阳明']
const WOMEN = ['王芳', '李娜', '杨丽', '黄敏', '吴静', '孙婷', '朱琳', '郭敏', '林晓', '梁燕', '宋佳', '谢芳', '冯雪']
const WOMEN_MORE = ['于洋', '董梅', '曹颖', '许晴', '沈洁', '彭丽', '苏婉', '蒋琪', '贾静', '薛梅', '叶青', '司马婉清']

const MEN_EXTRA = ['田野', '潘毅', '杜宇', '戴军', '夏天明', '钟伟', '汪洋', '任杰', '姜涛', '范建国', '方磊']
const WOMEN_EXTRA = ['陆瑶', '石蕾', '廖静', '邹敏', '熊娟', '金铃', '孟欣', '秦岚', '白雪', '崔莹', '龚丽']

const COMPOUND_SURNAMES = ['欧阳', '司马']

const PREFIXES = ['138', '139', '136', '150', '151', '158', '186', '187', '177', '132', '155', '189']

export interface Person {
  name: string
  title: string
  phone: string
}

/** Hands out distinct people; throws when the name pool runs dry. */
export class People {
  private readonly pool: { name: string; man: boolean }[]
  private readonly phones = new Set<string>()

  constructor(private readonly rng: Prng) {
    const all = [
      ...[...MEN, ...MEN_MORE, ...MEN_EXTRA].map((name) => ({ name, man: true })),
      ...[...WOMEN, ...WOMEN_MORE, ...WOMEN_EXTRA].map((name) => ({ name, man: false })),
    ]
    this.pool = rng.shuffle(all)
  }

  next(): Person {
    const person = this.pool.pop()
    if (!person) throw new Error('the demo needs more fake names')
    const surname = COMPOUND_SURNAMES.find((compound) => person.name.startsWith(compound)) ?? person.name.slice(0, 1)
    return { name: person.name, title: surname + (person.man ? '先生' : '女士'), phone: this.phone() }
  }

  phone(): string {
    for (;;) {
      const phone = this.rng.pick(PREFIXES) + this.rng.digits(8)
      if (!this.phones.has(phone)) {
        this.phones.add(phone)
        return phone
      }
    }
  }
}
