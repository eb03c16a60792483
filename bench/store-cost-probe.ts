// A one-off probe (not part of `npm run bench`): CPU to store N call details through CallCache,
// the sync's write path, to compare schema versions (run it on two checkouts).
//   npx tsx bench/store-cost-probe.ts
import { makeDetail, makeSummary, makeTask, openTempCache } from '../electron/test-support/cache-fixtures'
import { useRunScratchDirUntilExit } from '../electron/test-support/run-scratch'

useRunScratchDirUntilExit('bench')

const N = 2000
const { cache } = openTempCache()
cache.upsertTasks([makeTask(1)])
const summaries = Array.from({ length: N }, (_, i) => makeSummary(100000 + i))
cache.upsertCallSummaries(1, summaries)
const phrases = [
  '您好这里是百应科技',
  '请问您最近有贷款需求吗',
  '价格太贵了',
  '我考虑一下再说',
  '不需要谢谢',
  '我们的利率很低',
]
const start = process.cpuUsage()
const t0 = performance.now()
for (let i = 0; i < N; i++) {
  const lines = Array.from({ length: 12 }, (_, k) =>
    k % 2 ? `客户回答 ${i} ${k} 这个我得想想` : phrases[(i + k) % phrases.length]!,
  )
  cache.saveCallDetail(makeDetail(summaries[i]!, lines), [], [])
}
const cpu = process.cpuUsage(start)
console.log(
  `${N} details: wall ${(performance.now() - t0).toFixed(0)} ms, cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`,
)
cache.close()
