// Parses the simulator CLI's arguments into startSimulator options.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { GenerateOptions } from './dataset/generate'
import { parseFaultSpec } from './faults'
import { DEMO_DATASET_DIR, type SimulatorOptions } from './simulator'

export const USAGE =
  'npm run sim -- [--port N] [--host H] [--dataset demo|DIR] [--generate tasks=N,calls=M,seed=S] ' +
  '[--latency MS] [--faults SPEC]'

function nonNegativeInt(value: string, what: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || n > max) throw new Error(`${what} must be an integer from 0 to ${max}, got "${value}"`)
  return n
}

/** `tasks=20,calls=5000,seed=7`; an empty string keeps the defaults. */
export function parseGenerateSpec(spec: string): GenerateOptions {
  const options: GenerateOptions = {}
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, value = ''] = part.split('=')
    if (key !== 'tasks' && key !== 'calls' && key !== 'seed') {
      throw new Error(`--generate: unknown key "${key ?? ''}" (known: tasks, calls, seed)`)
    }
    options[key] = nonNegativeInt(value, `--generate ${key}`)
  }
  if (options.tasks === 0) throw new Error('--generate tasks must be at least 1')
  return options
}

export function parseCliArgs(argv: string[], demoAvailable = existsSync(resolve(DEMO_DATASET_DIR, 'dataset.json'))) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      dataset: { type: 'string' },
      generate: { type: 'string' },
      latency: { type: 'string' },
      faults: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  })
  if (values.dataset !== undefined && values.generate !== undefined) {
    throw new Error('--dataset and --generate are alternatives; give one')
  }
  const options: SimulatorOptions = {
    port: values.port === undefined ? 0 : nonNegativeInt(values.port, '--port', 65535),
    host: values.host ?? '127.0.0.1',
    latency: values.latency === undefined ? 0 : nonNegativeInt(values.latency, '--latency'),
  }
  // No data source named: the demo when it has been built, generated data otherwise.
  if (values.dataset !== undefined) options.dataset = values.dataset
  else if (values.generate !== undefined) options.generate = parseGenerateSpec(values.generate)
  else if (demoAvailable) options.dataset = 'demo'
  if (values.faults !== undefined) {
    parseFaultSpec(values.faults) // fail on a bad SPEC before anything starts
    options.faults = values.faults
  }
  return options
}
