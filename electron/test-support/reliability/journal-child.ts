// A child process for the draft journal's kill test: journals edits of two calls' drafts as fast as
// it can, storing every fifth as a save does, printing `journaled <callId> <revision>` after each
// journal write returns and `stored <callId> <revision>` after each save, until the parent kills it.
import { ReviewStore } from '../../services/cache/review-store'

const [reviewsPath = '', editor = 'child'] = process.argv.slice(2)
const store = new ReviewStore(reviewsPath)
process.stdout.write('ready\n')

let revision = 0
function editSome(): void {
  for (let i = 0; i < 10; i++) {
    revision++
    const callInstanceId = revision % 2 ? 11 : 12
    const draft = { callInstanceId, verdict: 'fail' as const, text: `edit r${revision}` }
    const stamp = { editor, revision }
    store.journalDraft({ draft, stamp })
    process.stdout.write(`journaled ${callInstanceId} ${revision}\n`)
    if (revision % 5 === 0) {
      store.save(draft, stamp)
      process.stdout.write(`stored ${callInstanceId} ${revision}\n`)
    }
  }
  setImmediate(editSome)
}
editSome()
