import { describe, expect, it } from 'vitest'
import { callLinkInArgs, callLinkPath, callLinkUrl, parseCallLink, secondsParam } from './call-link'

describe('a link to a moment of a call', () => {
  it('reads the call and the time in seconds', () => {
    expect(parseCallLink('calllens://call/730001?t=12.5')).toEqual({ callInstanceId: 730001, atMs: 12_500 })
    expect(parseCallLink('calllens://call/730001')).toEqual({ callInstanceId: 730001, atMs: null })
    // Windows hands the link over with a trailing slash before the query sometimes.
    expect(parseCallLink('calllens://call/5/?t=3')).toEqual({ callInstanceId: 5, atMs: 3000 })
  })

  it('refuses anything that is not exactly a call link', () => {
    for (const bad of [
      'calllens://call/abc',
      'calllens://call/0',
      'calllens://call/12?t=-1',
      'calllens://call/12?t=1e3',
      'calllens://call/12?t=5&x=1',
      'calllens://settings/12',
      'https://evil.example/call/12',
      'calllens://call/12?t=999999',
      `calllens://call/${'9'.repeat(20)}`,
      42,
      null,
    ]) {
      expect(parseCallLink(bad), String(bad)).toBeNull()
    }
  })

  it('is written back as it is read, to a tenth of a second', () => {
    expect(secondsParam(12_549)).toBe('12.5')
    expect(secondsParam(0)).toBe('0')
    const link = { callInstanceId: 9, atMs: 61_200 }
    expect(callLinkUrl(link)).toBe('calllens://call/9?t=61.2')
    expect(parseCallLink(callLinkUrl(link))).toEqual(link)
    expect(callLinkPath(link)).toBe('/calls/9?t=61.2')
    expect(callLinkPath({ callInstanceId: 9, atMs: null })).toBe('/calls/9')
  })

  it("is found among a second instance's arguments", () => {
    expect(callLinkInArgs(['/opt/CallLens/calllens', '--flag', 'calllens://call/7?t=1'])).toEqual({
      callInstanceId: 7,
      atMs: 1000,
    })
    expect(callLinkInArgs(['/opt/CallLens/calllens', '--data-dir', '/tmp/x'])).toBeNull()
  })
})
