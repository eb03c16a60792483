// Who is called: deterministic Chinese customer names and phone numbers from a call's own seed.
import { createRng } from './prng'

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文斌宇浩凯晨欣怡子涵梓轩雨萱'
const MOBILE_PREFIXES = [
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '158',
  '159',
  '177',
  '186',
  '187',
  '189',
]

export interface Person {
  customerId: number
  customerName: string
  customerTelephone: string
}

/** Stream 1 of a call's seed: identity only, so finishing a not-dialed customer keeps its name. */
export function personFor(seed: number, callInstanceId: number): Person {
  const rng = createRng(seed, callInstanceId, 1)
  const surname = SURNAMES[rng.int(0, SURNAMES.length - 1)] ?? '王'
  let given = GIVEN[rng.int(0, GIVEN.length - 1)] ?? '伟'
  if (rng.chance(0.6)) given += GIVEN[rng.int(0, GIVEN.length - 1)] ?? ''
  // Some lists hold only a salutation, as real imports do.
  const customerName = rng.chance(0.1) ? `${surname}先生` : rng.chance(0.08) ? `${surname}女士` : surname + given
  const customerTelephone = rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0')
  return { customerId: 500_000 + callInstanceId, customerName, customerTelephone }
}
