// The call scripts the generator speaks from: three scenes (real-estate sales, loan collection,
// course follow-up), their result definitions and the lines each side may say, by customer attitude.

export type Attitude = 'positive' | 'neutral' | 'negative'

export const INTENT_NAME = '客户意向等级'
export const INTENT_VALUES = [
  'A级(较强)',
  'B级(一般)',
  'C级(无法判断)',
  'D级(很少)',
  'E级(需要再次跟进)',
  'F级(无需再次跟进)',
] as const

/** A and B lean in, C and E are undecided, D and F are out. */
export function attitudeOfIntent(intentIndex: number): Attitude {
  if (intentIndex <= 1) return 'positive'
  if (intentIndex === 2 || intentIndex === 4) return 'neutral'
  return 'negative'
}

/** A per-scene result besides the intent level; `multi` results may carry several values on one call. */
export interface ExtraResultDef {
  name: string
  values: readonly string[]
  multi: boolean
  /** For single-valued results: which values suit each attitude (indexes into values). */
  byAttitude?: Record<Attitude, readonly number[]>
}

export interface Scene {
  key: 'realEstate' | 'collection' | 'course'
  sceneDefId: number
  sceneDefName: string
  robotDefId: number
  robotDefName: string
  sceneRecordId: number
  sceneRecordName: string
  jobNames: readonly string[]
  remarks: readonly string[]
  openings: readonly string[]
  aiMiddle: readonly string[]
  aiFollowUp: Record<Attitude, readonly string[]>
  customerGreeting: readonly string[]
  /** What the customer says and the script branch it hits (userMean; '~' is the catch-all). */
  customer: Record<Attitude, readonly (readonly [string, string])[]>
  closings: Record<Attitude, readonly string[]>
  extras: readonly ExtraResultDef[]
  descriptions: Record<Attitude, readonly string[]>
  propertyKeys: readonly string[]
}

/** What a customer says off-script; the AI answers with a fallback and flags aiUnknown. */
export const OFF_SCRIPT_QUESTIONS = [
  '你们是机器人吗？',
  '你怎么知道我电话的？',
  '你说话能慢一点吗？',
  '等一下，我这边信号不好',
  '你们公司在哪里？',
]
export const AI_FALLBACKS = [
  '不好意思，刚刚没有听清楚，您可以再说一遍吗？',
  '这个问题我记下来了，稍后让专员给您详细解答好吗？',
  '抱歉打扰您了，我简单跟您说一下就好。',
]

export const SCENES: readonly Scene[] = [
  {
    key: 'realEstate',
    sceneDefId: 11,
    sceneDefName: '房产电销',
    robotDefId: 6,
    robotDefName: '产品电销',
    sceneRecordId: 101,
    sceneRecordName: '房产电销优化版(张飞)',
    jobNames: ['中大银泰精装公寓推广', '滨江学区房意向回访', '城西新盘开盘邀约', '老客户换房需求摸排'],
    remarks: ['周末到访优先', '只拨打近三个月留资客户', '', '新话术试运行'],
    openings: [
      '哎，您好，拱墅区中大银泰城边上有个首付五十万左右的精装公寓，您考虑吗？',
      '您好，我是星河置业的小张，看到您之前关注过城西的新房，现在有一个特价房源想跟您介绍一下。',
      '喂，您好，打扰一下，我们滨江有个地铁口的学区楼盘下周开盘，想问下您最近有买房的打算吗？',
    ],
    aiMiddle: [
      '我们这个项目离地铁站步行五分钟，周边商场、医院、学校都有，生活很方便。',
      '目前主力户型是八十九平的三房和一百一十五平的四房，南北通透。',
      '现在认购可以享受总价九八折，首付最低可以做到两成。',
      '小区绿化率百分之三十五，人车分流，很适合有小孩的家庭。',
      '您平时是更看重地段，还是更看重户型和价格呢？',
    ],
    aiFollowUp: {
      positive: [
        '那我帮您约一下这个周六上午到售楼处看看样板间，您看方便吗？',
        '我加一下您微信，把户型图和价格表发给您好吗？',
      ],
      neutral: ['没关系，您可以先了解一下，我把资料发您手机上，您有空看看。', '那您大概什么时候方便，我再给您打过来？'],
      negative: ['好的，理解的，那以后有需要随时联系我们。', '好的，不好意思打扰您了。'],
    },
    customerGreeting: ['喂？', '喂你好', '哦你好', '你好，哪位？'],
    customer: {
      positive: [
        ['哦，这个位置我知道，大概多少钱一平？', '询问价格'],
        ['三房的首付要多少？', '询问价格'],
        ['可以贷款吗？公积金能用吗？', '询问贷款'],
        ['周边有没有好一点的小学？', '询问学区'],
        ['可以，周六上午我有空。', '同意到访'],
        ['那你把户型图发我看看。', '询问户型'],
      ],
      neutral: [
        ['我现在还没想好，先了解一下吧。', '考虑一下'],
        ['再说吧，我跟家里人商量一下。', '考虑一下'],
        ['价格有点高啊，有没有小一点的？', '价格异议'],
        ['嗯，你说。', '~'],
      ],
      negative: [
        ['不需要，谢谢。', '明确拒绝'],
        ['我已经买过房了。', '已购房'],
        ['没兴趣，别再打了。', '明确拒绝'],
        ['我在开会，不方便。', '在忙'],
      ],
    },
    closings: {
      positive: ['好的，那周六上午十点在售楼处等您，祝您生活愉快，再见！'],
      neutral: ['好的，那资料稍后发您，您有问题随时联系我，再见。'],
      negative: ['好的，不打扰您了，祝您生活愉快，再见。'],
    },
    extras: [
      {
        name: '客户关注点',
        values: ['位置', '询问价格', '户型', '商业配套', '环境', '能否贷款', '其他楼盘', '学区'],
        multi: true,
      },
    ],
    descriptions: {
      positive: [
        '该客户在通话过程中主动询问了产品细节，有进一步了解产品的意愿。',
        '客户询问了首付和贷款政策，并同意周末到访售楼处。',
      ],
      neutral: ['客户表示需要与家人商量，建议三天后再次跟进。', '客户对价格有顾虑，未明确拒绝。'],
      negative: ['客户明确表示没有购房需求。', '客户已购房，无需再次跟进。'],
    },
    propertyKeys: ['来源渠道', '意向区域'],
  },
  {
    key: 'collection',
    sceneDefId: 12,
    sceneDefName: '金融催缴',
    robotDefId: 7,
    robotDefName: '贷后提醒',
    sceneRecordName: '逾期提醒标准版(李娜)',
    sceneRecordId: 102,
    jobNames: ['信用卡逾期M1提醒', '消费贷到期还款提醒', '车贷逾期协商', '分期账单提醒'],
    remarks: ['M1 阶段客户', '', '仅工作日拨打', '请勿在晚八点后拨打'],
    openings: [
      '您好，这里是诚信消费金融，请问是机主本人吗？',
      '喂，您好，我是贷后服务中心的客服，想跟您核实一下本月的还款情况。',
      '您好，打扰了，您在我司办理的分期业务本期账单已经逾期三天，请问您知道吗？',
    ],
    aiMiddle: [
      '您本期应还金额是三千二百元，目前还没有入账。',
      '逾期会影响您的个人征信记录，也会产生额外的罚息。',
      '请问您是忘记还款了，还是最近资金上有困难呢？',
      '您可以通过手机银行或者我们的官方APP直接还款。',
      '如果一次还清有困难，我们可以帮您申请分期还款。',
    ],
    aiFollowUp: {
      positive: [
        '好的，那请您在今天下午五点前完成还款，我们会在入账后短信通知您。',
        '好的，我帮您登记分期申请，稍后会有专员联系您。',
      ],
      neutral: ['那您大概什么时候可以还款呢？我们这边帮您备注一下。', '理解，请您尽快安排，避免影响征信。'],
      negative: [
        '如果持续逾期，我们将按照合同约定进行后续处理，请您知悉。',
        '好的，这边已经记录，后续会有专员再联系您。',
      ],
    },
    customerGreeting: ['喂？', '是我，什么事？', '你好', '嗯，你说。'],
    customer: {
      positive: [
        ['哦，我忘了，我今天就还。', '承诺还款'],
        ['我下午就转过去。', '承诺还款'],
        ['能不能分三期还？', '申请分期'],
        ['已经还了，你们查一下。', '已还款'],
      ],
      neutral: [
        ['最近手头有点紧，下周吧。', '资金困难'],
        ['我工资十号发，发了就还。', '延期还款'],
        ['我再看看吧。', '~'],
        ['多少钱来着？', '询问金额'],
      ],
      negative: [
        ['我不是本人，你打错了。', '非本人'],
        ['没钱，你们看着办吧。', '拒绝还款'],
        ['别再打了，烦不烦。', '拒绝还款'],
        ['我在开车，挂了。', '在忙'],
      ],
    },
    closings: {
      positive: ['感谢您的配合，祝您生活愉快，再见！'],
      neutral: ['好的，请您按时还款，感谢接听，再见。'],
      negative: ['好的，感谢您的接听，再见。'],
    },
    extras: [
      {
        name: '催缴结果',
        values: ['承诺还款', '协商分期', '已还款', '延期还款', '拒绝还款', '非本人接听'],
        multi: false,
        byAttitude: { positive: [0, 1, 2], neutral: [3], negative: [4, 5] },
      },
    ],
    descriptions: {
      positive: ['客户承诺当日还款。', '客户申请分期，需专员跟进。'],
      neutral: ['客户表示资金紧张，承诺下周还款，建议到期前再次提醒。'],
      negative: ['客户拒绝沟通，建议转人工处理。', '接听人非本人，需核实联系方式。'],
    },
    propertyKeys: ['账单号', '逾期天数'],
  },
  {
    key: 'course',
    sceneDefId: 13,
    sceneDefName: '课程回访',
    robotDefId: 8,
    robotDefName: '教育回访',
    sceneRecordId: 103,
    sceneRecordName: '课程满意度回访(王老师)',
    jobNames: ['秋季班试听回访', '续费意向调研', '直播课满意度回访', '寒假班招生邀约'],
    remarks: ['试听后 48 小时内回访', '', '重点关注续费意向'],
    openings: [
      '您好，我是启航教育的王老师，想跟您做一个简短的课程回访，大概耽误您一分钟可以吗？',
      '家长您好，孩子上周参加了我们的试听课，想了解一下您对课程的感受。',
      '您好，这里是启航教育，您报名的直播课已经上完第一阶段了，想听听您的意见。',
    ],
    aiMiddle: [
      '请问您觉得老师的讲解清楚吗？课程节奏合适吗？',
      '孩子回家以后有没有跟您提起课上的内容？',
      '我们下一期课程会增加小班辅导和课后答疑。',
      '现在续报可以享受老学员八五折优惠，还赠送一套练习册。',
      '您对上课时间有什么要求吗？我们有周末班和晚间班。',
    ],
    aiFollowUp: {
      positive: ['好的，那我帮您预留一个名额，稍后把报名链接发到您手机上。', '感谢您的认可，我们会继续努力。'],
      neutral: ['好的，您可以再考虑一下，有问题随时联系班主任。', '我把下一期的课程安排发给您参考一下。'],
      negative: ['非常抱歉给您带来不好的体验，我们会把您的意见反馈给教研组。', '好的，我们会尽快处理您的退费申请。'],
    },
    customerGreeting: ['喂，你好', '嗯，是我', '喂？', '你好，哪里？'],
    customer: {
      positive: [
        ['挺好的，孩子很喜欢那个老师。', '满意'],
        ['讲得很清楚，孩子回来还复习了。', '满意'],
        ['续报的话怎么交费？', '咨询续费'],
        ['周末班可以。', '同意续报'],
      ],
      neutral: [
        ['还行吧，孩子说有点难。', '犹豫'],
        ['我再问问孩子的意见。', '犹豫'],
        ['价格能再便宜点吗？', '价格异议'],
        ['时间上可能不太好安排。', '~'],
      ],
      negative: [
        ['效果一般，不打算续了。', '不满意'],
        ['老师经常拖堂，不太满意。', '不满意'],
        ['我想问一下怎么退费。', '要求退费'],
        ['没时间，以后再说。', '在忙'],
      ],
    },
    closings: {
      positive: ['感谢您的支持，祝孩子学习进步，再见！'],
      neutral: ['好的，感谢您的反馈，再见。'],
      negative: ['再次抱歉，感谢您的反馈，再见。'],
    },
    extras: [
      {
        name: '回访结果',
        values: ['满意', '一般', '不满意', '要求退费'],
        multi: false,
        byAttitude: { positive: [0], neutral: [1], negative: [2, 3] },
      },
      { name: '关注课程', values: ['Python入门', '数据分析', '考研英语', '雅思冲刺', '少儿编程'], multi: true },
    ],
    descriptions: {
      positive: ['家长对课程满意，有续报意向。', '家长主动咨询续费方式。'],
      neutral: ['家长对课程难度有顾虑，建议班主任跟进。'],
      negative: ['家长对授课质量不满意。', '家长提出退费，需人工处理。'],
    },
    propertyKeys: ['学员编号', '班级'],
  },
]

export function sceneForDefId(sceneDefId: number): Scene {
  return SCENES.find((s) => s.sceneDefId === sceneDefId) ?? (SCENES[sceneDefId % SCENES.length] as Scene)
}
