// Scene 课程回访: an online school calls the people who attended a trial class.
import { ai, me, unknown, type CallResult, type Exchange, type Outcome, type Scene, type Turn } from '../dialogues'

const COURSES = ['数据分析体验课', '会计实操直播课', '教师资格证备考课', '少儿编程体验课']

function exchanges(brand: string): Exchange[] {
  return [
    {
      topic: '满意',
      turns: [
        ai('您觉得老师讲的内容怎么样，能听懂吗？'),
        me('讲得挺清楚的，就是后面有点快。', '满意', '命中分支：课程评价正面'),
        ai('好的，您的意见我记下了，正式课每节都有回放，跟不上的地方可以反复看。'),
      ],
      notFor: ['refuse'],
    },
    {
      topic: '',
      turns: [
        me('正式课是什么时间上？', '询问上课时间'),
        ai('正式课每周二和周四晚上八点直播，周末有答疑，一共十二周。'),
      ],
    },
    {
      topic: '',
      turns: [
        me('正式课多少钱？', '询问价格', '命中知识库：课程价格'),
        ai('正式课原价三千九百八，体验课学员这周报名可以优惠八百，还能分十二期免息。'),
        me('优惠完也要三千多啊。', '嫌贵'),
        ai('是的，平均下来每节课不到一百块，而且有学完不满意的退费保障。'),
      ],
    },
    {
      topic: '',
      turns: [
        me('学完有证书吗？', '询问证书'),
        ai('学完考试通过后会颁发结业证书，也可以帮您报名相关的职业技能等级考试。'),
      ],
    },
    {
      topic: '',
      turns: [me('如果学不下去能退吗？', '询问退费'), ai('开课七天内不满意可以全额退款，七天后按没上的课时计算退费。')],
    },
    {
      topic: '',
      turns: [
        me('你们包就业吗？', '询问就业'),
        ai('我们不承诺包就业，但是有就业指导课和合作企业的内推机会，往期学员反馈还不错。'),
      ],
    },
    {
      topic: '不满意',
      turns: [
        me('体验课那天直播卡了好几次，体验不太好。', '不满意', '命中分支：课程评价负面'),
        ai('非常抱歉给您带来不好的体验，我们已经升级了直播线路，也会给您补发那节课的回放。'),
      ],
    },
    {
      topic: '',
      turns: [
        me('有老师答疑吗？', '询问答疑'),
        ai('有的，每个班配一位助教，工作日晚上和周末都可以在群里提问，一般半小时内回复。'),
      ],
    },
    {
      topic: '',
      turns: [
        me('我平时上班挺忙的，怕没时间。', '没时间'),
        ai('很多学员也是上班族，课程都有回放，每周大概花三四个小时就能跟上。'),
      ],
    },
    {
      topic: '',
      turns: [
        unknown(`${brand}跟那个什么学堂是一家吗？`),
        ai('这个问题我不太清楚，我稍后请课程老师给您回复，可以吗？'),
        me('好。', '肯定'),
      ],
    },
    {
      topic: '',
      turns: [me('课件能发我一份吗？', '索要资料'), ai('可以的，稍后我让助教把体验课的课件和学习资料发到您微信上。')],
    },
  ]
}

const closings: Record<Outcome, Turn[][]> = {
  strong: [
    [
      me('那我这周就报名吧。', '报名意向', '命中分支：明确报名'),
      ai('太好了，我稍后把报名链接和优惠码发到您手机上，有问题随时联系我，感谢您的支持，再见。'),
      me('好的，再见。'),
    ],
  ],
  general: [
    [me('我再考虑一下，跟家里人商量商量。', '犹豫'), ai('好的，优惠到本周日截止，您考虑好了随时联系我，再见。')],
  ],
  unclear: [[me('哦……嗯……', null), ai('那我先不打扰您了，有问题随时联系我们，再见。')]],
  low: [[me('暂时不打算报了，最近没时间。', '暂无需求'), ai('好的，理解，以后有需要欢迎再来体验，再见。')]],
  followUp: [[me('我在忙，晚点再说吧。', '忙碌'), ai('好的，那我明天再联系您，再见。')]],
  refuse: [
    [me('体验课一般，不用再打了。', '不满意', '命中分支：课程评价负面')],
    [me('我不需要，谢谢。', '拒绝'), ai('好的，打扰您了，祝您学习顺利，再见。')],
  ],
}

function results(outcome: Outcome, _topics: string[], turns: Turn[]): CallResult[] {
  const means = new Set(turns.map((turn) => turn.userMean))
  // 回访结果 only when the customer judged the class (or enrolled, which says enough).
  const verdict = means.has('不满意') ? '不满意' : means.has('满意') || outcome === 'strong' ? '满意' : null
  const renew: Partial<Record<Outcome, string>> = {
    strong: '有',
    general: '考虑中',
    followUp: '考虑中',
    low: '无',
    refuse: '无',
  }
  const out: CallResult[] = []
  if (verdict) out.push({ resultName: '回访结果', resultValue: verdict, resultDesc: null })
  const intent = renew[outcome]
  if (intent) out.push({ resultName: '续报意向', resultValue: intent, resultDesc: null })
  return out
}

export function courseFollowUpScene(brand: string): Scene {
  return {
    customerFacts: (rng) => ({ 体验课程: rng.pick(COURSES), 报名渠道: rng.pick(['公众号', '朋友圈广告', '搜索推广']) }),
    customResults: [
      { name: '回访结果', values: ['满意', '不满意', '无人接听'] },
      { name: '续报意向', values: ['有', '无', '考虑中'] },
    ],
    opener: (customer) => [ai(`您好，请问是${customer.title}吗？`)],
    pitch: (customer, rng) => [
      me(rng.pick(['是的，哪位？', '对，什么事？', '嗯，我是。']), '肯定'),
      ai(
        `我是${brand}的课程顾问小美，您前几天参加了我们的${customer.facts['体验课程'] ?? '体验课'}，想做个简单的回访，耽误您两分钟可以吗？`,
      ),
    ],
    consent: (rng) => [me(rng.pick(['可以，你说吧。', '嗯，你说。', '行。']), '肯定')],
    exchanges: exchanges(brand),
    closings,
    results,
    unansweredResults: [{ resultName: '回访结果', resultValue: '无人接听', resultDesc: null }],
  }
}
