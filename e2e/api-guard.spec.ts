// The api refuses callers it cannot trust: in browser mode, requests without the
// launch token or with a foreign Host; in Electron, frames that are not our page.
import { expect, test } from './fixtures'

test('an api request without the token is refused', async ({ app, request }) => {
  if (app.host) {
    const { origin, token } = app.host
    const noToken = await request.post(`${origin}/api/invoke`, { data: { channel: 'app.info' } })
    expect(noToken.status()).toBe(401)
    expect(await noToken.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } })

    const wrongToken = await request.post(`${origin}/api/invoke`, {
      data: { channel: 'app.info' },
      headers: { Authorization: `Bearer ${token.slice(1)}x` },
    })
    expect(wrongToken.status()).toBe(401)

    const noTokenEvents = await request.get(`${origin}/api/events`)
    expect(noTokenEvents.status()).toBe(401)

    const rebound = await request.post(`${origin}/api/invoke`, {
      data: { channel: 'app.info' },
      headers: { Authorization: `Bearer ${token}`, Host: 'attacker.example:80' },
    })
    expect(rebound.status()).toBe(421)

    const withToken = await request.post(`${origin}/api/invoke`, {
      data: { channel: 'app.info' },
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(withToken.status()).toBe(200)
  } else {
    // Electron has no token: the equivalent guard is the sender check. A frame that is
    // not our top-level page (here an about:blank iframe) must not reach the bridge.
    const fromIframe = await app.page.evaluate(async () => {
      const frame = document.createElement('iframe')
      document.body.append(frame)
      const bridge = (frame.contentWindow as (Window & typeof globalThis) | null)?.calllens
      frame.remove()
      return bridge === undefined ? 'no bridge in subframes' : 'bridge leaked'
    })
    expect(fromIframe).toBe('no bridge in subframes')
  }
})
