// Runs npm scripts side by side: `node scripts/run-parallel.mjs typecheck lint`. The checks before
// the tests are single-threaded (vue-tsc, eslint, prettier, the build's rollup), so on a machine
// with two cores two of them at once take half the time. Each script's output is printed whole
// when it ends (never interleaved); the exit status is the first failure's, after all have ended.
import { spawn } from 'node:child_process'

const scripts = process.argv.slice(2)
if (scripts.length === 0) {
  console.error('usage: node scripts/run-parallel.mjs <npm script>…')
  process.exit(2)
}

function run(script) {
  const started = Date.now()
  const child = spawn('npm', ['run', '--silent', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  })
  const output = []
  child.stdout.on('data', (chunk) => output.push(chunk))
  child.stderr.on('data', (chunk) => output.push(chunk))
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const status = code ?? (signal ? 1 : 0)
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      process.stdout.write(`\n> ${script}: ${status === 0 ? 'ok' : `FAILED (exit ${status})`} in ${seconds} s\n`)
      process.stdout.write(Buffer.concat(output))
      resolve(status)
    })
  })
}

const statuses = await Promise.all(scripts.map(run))
process.exit(statuses.find((status) => status !== 0) ?? 0)
