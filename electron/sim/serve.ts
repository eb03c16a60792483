// CLI: `npm run sim -- [--port N] [--dataset demo|DIR] [--generate tasks=N,calls=M,seed=S]
// [--latency MS] [--faults SPEC]`. Prints one JSON line (baseUrl and credentials), serves until SIGINT/SIGTERM.
import { parseCliArgs, USAGE } from './cli-args'
import { startSimulator } from './simulator'

async function main(): Promise<void> {
  let options
  try {
    options = parseCliArgs(process.argv.slice(2))
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: ${USAGE}`)
    process.exit(2)
  }
  const sim = await startSimulator(options)
  console.log(
    JSON.stringify({
      baseUrl: sim.baseUrl,
      appKey: sim.credentials.appKey,
      appSecret: sim.credentials.appSecret,
      companyId: sim.companyId,
    }),
  )
  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    sim.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error((error as Error).message)
  process.exit(1)
})
