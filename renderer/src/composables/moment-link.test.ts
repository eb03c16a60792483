import { describe, expect, it } from 'vitest'
import { momentLink } from './moment-link'

describe('a link to this moment', () => {
  it('is a calllens:// link in the app', () => {
    expect(
      momentLink(
        { callInstanceId: 730001, atMs: 12_340 },
        { electron: true, pageUrl: 'file:///x/index.html#/calls/730001' },
      ),
    ).toBe('calllens://call/730001?t=12.3')
  })

  it("is the host page's address of the call in browser mode, whatever the page shows now", () => {
    expect(
      momentLink(
        { callInstanceId: 5, atMs: 61_000 },
        { electron: false, pageUrl: 'http://127.0.0.1:4173/#/calls/5?task=1&queue=2' },
      ),
    ).toBe('http://127.0.0.1:4173/#/calls/5?t=61')
  })
})
