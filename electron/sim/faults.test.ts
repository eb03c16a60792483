import { describe, expect, it } from 'vitest'
import { FaultInjector, NO_FAULTS, formatFaultSpec, parseFaultSpec } from './faults'

describe('fault SPEC', () => {
  it('reads every kind of fault', () => {
    const config = parseFaultSpec('500=0.1,502=0.05,hang=0.05,malformed=0.02,429=0.05,retryAfter=3,churn=3')
    expect(config).toEqual({
      ...NO_FAULTS,
      error500: 0.1,
      proxy502: 0.05,
      hang: 0.05,
      malformed: 0.02,
      rateLimit429: 0.05,
      retryAfter: 3,
      churn: 3,
    })
    expect(parseFaultSpec(' latency=200 , jitter=50 ,seed=9')).toMatchObject({ latency: 200, jitter: 50, seed: 9 })
    expect(parseFaultSpec('')).toEqual(NO_FAULTS)
  })

  it('round-trips through its text form', () => {
    const spec = 'latency=20,500=0.25,hang=0.1,churn=2'
    expect(parseFaultSpec(formatFaultSpec(parseFaultSpec(spec)))).toEqual(parseFaultSpec(spec))
    expect(formatFaultSpec(NO_FAULTS)).toBe('')
  })

  it('refuses unknown faults, missing numbers and shares that cannot be', () => {
    expect(() => parseFaultSpec('teapot=0.1')).toThrow(/unknown fault "teapot"/)
    expect(() => parseFaultSpec('500')).toThrow(/needs a number/)
    expect(() => parseFaultSpec('500=lots')).toThrow(/needs a number/)
    expect(() => parseFaultSpec('hang=1.5')).toThrow(/between 0 and 1/)
    expect(() => parseFaultSpec('500=0.6,502=0.6')).toThrow(/more than 1/)
    expect(() => parseFaultSpec('latency=-5')).toThrow(/non-negative/)
    expect(() => parseFaultSpec('churn=1.5')).toThrow(/whole number/)
  })
})

describe('fault injector', () => {
  it('draws the same faults in the same order from the same seed', () => {
    const config = parseFaultSpec('500=0.2,hang=0.2,429=0.2,seed=4')
    const draw = (injector: FaultInjector) => Array.from({ length: 50 }, () => injector.decide())
    const first = draw(new FaultInjector(config))
    expect(draw(new FaultInjector(config))).toEqual(first)
    expect(draw(new FaultInjector({ ...config, seed: 5 }))).not.toEqual(first)
  })

  it('injects each fault at about its share, and none without a spec', () => {
    const injector = new FaultInjector(parseFaultSpec('500=0.3,malformed=0.1'))
    const draws = Array.from({ length: 4000 }, () => injector.decide())
    const share = (kind: string) => draws.filter((d) => d === kind).length / draws.length
    expect(share('500')).toBeGreaterThan(0.25)
    expect(share('500')).toBeLessThan(0.35)
    expect(share('malformed')).toBeGreaterThan(0.07)
    expect(share('malformed')).toBeLessThan(0.13)
    expect(injector.injected['500']).toBe(draws.filter((d) => d === '500').length)
    const quiet = new FaultInjector()
    expect(Array.from({ length: 100 }, () => quiet.decide()).every((d) => d === null)).toBe(true)
  })

  it('adds latency plus a jitter below its bound', () => {
    const injector = new FaultInjector(parseFaultSpec('latency=100,jitter=20'))
    for (let i = 0; i < 50; i++) {
      const ms = injector.delayMs()
      expect(ms).toBeGreaterThanOrEqual(100)
      expect(ms).toBeLessThan(120)
    }
  })
})
