import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCliArgs, parseGenerateSpec } from './cli-args'
import { signRequest } from './auth'

describe('simulator command line', () => {
  it('reads port, data source, latency and faults', () => {
    expect(parseCliArgs(['--port', '0', '--generate', 'tasks=20,calls=5000,seed=7'], false)).toEqual({
      port: 0,
      host: '127.0.0.1',
      latency: 0,
      generate: { tasks: 20, calls: 5000, seed: 7 },
    })
    expect(parseCliArgs(['--dataset', 'demo', '--latency', '50', '--faults', '500=0.1'], false)).toMatchObject({
      dataset: 'demo',
      latency: 50,
      faults: '500=0.1',
    })
  })

  it('uses the demo when it exists and nothing else is named, generated data otherwise', () => {
    expect(parseCliArgs([], true).dataset).toBe('demo')
    expect(parseCliArgs([], false).dataset).toBeUndefined()
  })

  it('refuses bad values before starting anything', () => {
    expect(() => parseCliArgs(['--port', '70000'], false)).toThrow(/--port/)
    expect(() => parseCliArgs(['--faults', 'hang=2'], false)).toThrow(/between 0 and 1/)
    expect(() => parseCliArgs(['--dataset', 'demo', '--generate', 'tasks=1'], false)).toThrow(/alternatives/)
    expect(() => parseCliArgs(['--colour', 'blue'], false)).toThrow()
    expect(() => parseGenerateSpec('tasks=0')).toThrow(/at least 1/)
    expect(() => parseGenerateSpec('users=3')).toThrow(/unknown key/)
  })

  it('prints one JSON line, serves, and exits 0 on SIGTERM', async () => {
    const tsx = resolve(import.meta.dirname, '../../node_modules/.bin/tsx')
    const child = spawn(
      tsx,
      [resolve(import.meta.dirname, 'serve.ts'), '--port', '0', '--generate', 'tasks=2,calls=10'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
    const lines = createInterface({ input: child.stdout })
    const first = await new Promise<string>((done) => lines.once('line', done))
    const info = JSON.parse(first)
    expect(Object.keys(info)).toEqual(['baseUrl', 'appKey', 'appSecret', 'companyId'])
    expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/openapi\/v1$/)
    const res = await fetch(`${info.baseUrl}/task/getTasks?companyId=${info.companyId}`, {
      headers: { ...signRequest(info.appKey, info.appSecret) },
    })
    expect(((await res.json()) as { code: number }).code).toBe(200)
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  }, 60_000)
})
