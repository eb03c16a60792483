// Scene 金融催缴: a consumer-loan platform's after-loan service reminds overdue borrowers.
import { ai, me, unknown, type CallResult, type Exchange, type Outcome, type Scene, type Turn } from '../dialogues'

const PLATFORM = '鑫盛消费金融'

/** Amounts as the import file has them and as the AI says them. */
const DEBTS = [
  { amount: '1860.00', spoken: '一千八百六十元' },
  { amount: '3200.00', spoken: '三千二百元' },
  { amount: '5450.00', spoken: '五千四百五十元' },
  { amount: '2080.00', spoken: '两千零八十元' },
  { amount: '980.00', spoken: '九百八十元' },
]
const OVERDUE_DAYS: Record<string, string> = { '3': '三天', '5': '五天', '12': '十二天', '20': '二十天' }

const exchanges: Exchange[] = [
  {
    topic: '资金困难',
    turns: [
      me('我最近手头有点紧。', '资金困难', '命中分支：经济困难'),
      ai('理解您的情况，不过逾期会产生罚息，也会影响征信记录，您看能不能先还一部分，比如先还一半？'),
      me('一半的话，我想想办法吧。', '肯定'),
    ],
    notFor: ['refuse'],
  },
  {
    topic: '忘记还款',
    turns: [
      me('我忘了，这几天太忙了。', '忘记还款'),
      ai('没关系，您打开我们的应用，在首页点立即还款，用绑定的银行卡就能还，几分钟就好。'),
    ],
  },
  {
    topic: '',
    turns: [
      me('罚息是多少？', '询问费用'),
      ai('逾期罚息是每天万分之五，现在累计大概十几块钱，越早还款产生的费用越少。'),
    ],
  },
  {
    topic: '对账单有异议',
    turns: [
      me('这个金额不对吧，怎么这么多？', '金额异议'),
      ai('本期金额包含本金、利息和逾期产生的费用，详细账单可以在应用里的账单明细查看，有疑问也可以联系人工客服。'),
    ],
  },
  {
    topic: '资金困难',
    turns: [
      me('能不能分期还？', '申请分期'),
      ai('可以申请延期或者分期，需要您在应用里提交申请，审核通过后会重新生成还款计划。'),
    ],
  },
  {
    topic: '',
    turns: [
      me('会影响征信吗？', '询问征信'),
      ai('逾期记录会报送到征信系统，影响以后贷款和办信用卡，所以建议您尽快还款。'),
      me('那我尽快吧。', '肯定'),
    ],
    notFor: ['refuse', 'low'],
  },
  {
    topic: '',
    turns: [
      me('你们是不是催收公司？我要投诉。', '投诉'),
      ai('我们是平台的贷后服务中心，只是提醒您按时还款，如果对服务有意见，可以拨打客服热线反馈。'),
    ],
  },
  {
    topic: '',
    turns: [
      unknown('你们这个利率是不是超过国家规定了？'),
      ai('这个问题我这边没办法回答，我稍后请专员给您回电说明，好吗？'),
      me('嗯。', '~'),
    ],
  },
  {
    topic: '',
    turns: [
      me('往哪个账户还？', '询问还款方式'),
      ai('您直接在应用里还款就行，也可以往绑定的还款银行卡里存钱，系统晚上会自动扣款。'),
    ],
  },
  {
    topic: '资金困难',
    turns: [
      me('我明天发工资，发了就还。', '承诺还款'),
      ai('好的，那您明天发了工资第一时间处理一下，我们明天下午会再确认一次。'),
    ],
    notFor: ['refuse', 'low', 'unclear'],
  },
]

const closings: Record<Outcome, Turn[][]> = {
  strong: [
    [
      me('好，我今天下午就还。', '承诺还款', '命中分支：承诺当天还款'),
      ai('好的，记录您承诺今天下午还款，还款后系统会自动更新，感谢您的配合，再见。'),
    ],
    [me('行，我现在就在应用上还。', '承诺还款'), ai('好的，感谢您的配合，还款成功后会有短信通知，再见。')],
    [
      me('我已经还了啊。', '已还款', '命中分支：声称已还款'),
      ai('可能是系统还没有同步，麻烦您说一下是哪天还的、用的哪张卡，我帮您核实。'),
      me('昨天晚上用工商银行的卡还的。', '~'),
      ai('好的，我记录下来了，核实后如果已经入账，就不会再打扰您了，再见。'),
    ],
  ],
  general: [
    [
      me('我这周内想办法还上。', '承诺还款'),
      ai('好的，记录您这周内还款，请一定按时处理，避免产生更多费用，再见。'),
      me('知道了。'),
    ],
  ],
  unclear: [[me('嗯嗯……啊？', null), ai('不好意思我没听清，我稍后再联系您，再见。')]],
  low: [
    [
      me('我现在真的没钱，还不了。', '资金困难'),
      ai('理解您的困难，建议您在应用里申请延期还款，我们也会安排专员跟您联系，再见。'),
    ],
  ],
  followUp: [[me('我现在不方便，你晚点再打。', '忙碌'), ai('好的，那我们晚些时候再联系您，请您留意还款，再见。')]],
  refuse: [
    [me('别打了，烦不烦。', '拒绝', '命中分支：情绪激动')],
    [me('这个钱我不会还的，你们爱怎么样怎么样。', '拒绝'), ai('好的，您的情况我已记录，后续会有专员跟您联系，再见。')],
  ],
}

function results(outcome: Outcome, topics: string[], turns: Turn[]): CallResult[] {
  const paid = turns.some((turn) => turn.userMean === '已还款')
  const value = paid ? '成功' : outcome === 'strong' || outcome === 'general' ? '承诺还款' : '不成功'
  const out: CallResult[] = [{ resultName: '催缴结果', resultValue: value, resultDesc: null }]
  const reason = topics[0]
  if (reason) out.push({ resultName: '欠款原因', resultValue: reason, resultDesc: null })
  return out
}

export function loanCollectionScene(): Scene {
  return {
    customerFacts: (rng) => {
      const debt = rng.pick(DEBTS)
      return {
        借款编号: `XS2025${rng.digits(8)}`,
        应还金额: debt.amount,
        逾期天数: rng.pick(Object.keys(OVERDUE_DAYS)),
      }
    },
    customResults: [
      { name: '催缴结果', values: ['成功', '不成功', '承诺还款'] },
      { name: '欠款原因', values: ['忘记还款', '资金困难', '对账单有异议', '其他'] },
    ],
    opener: (customer) => [ai(`您好，请问是${customer.name}本人吗？`)],
    pitch: (customer, rng) => {
      const spoken = DEBTS.find((debt) => debt.amount === customer.facts['应还金额'])?.spoken ?? '本期账单'
      const days = OVERDUE_DAYS[customer.facts['逾期天数'] ?? ''] ?? '几天'
      return [
        me(rng.pick(['是我，什么事？', '对，是我。', '嗯，你说。']), '肯定'),
        ai(`这里是${PLATFORM}贷后服务中心，您的借款本期应还${spoken}，已经逾期${days}了，请问您今天能处理一下吗？`),
      ]
    },
    exchanges,
    closings,
    results,
    unansweredResults: [],
  }
}
