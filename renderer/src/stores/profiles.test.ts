// Start-up asks for the profiles from main.ts and from the router's first navigation: one request
// serves both (a second would miss the answer sent ahead), and a failed one is asked again.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const list = vi.hoisted(() => vi.fn())
vi.mock('../api', () => ({ profilesApi: { list }, demoApi: {} }))

const { useProfilesStore } = await import('./profiles')
const state = { profiles: [{ id: 'p1' }], activeId: 'p1' }

describe('the profiles at start-up', () => {
  beforeEach(() => {
    list.mockReset()
    setActivePinia(createPinia())
  })

  it('answers both of start-up’s askers with one request', async () => {
    list.mockResolvedValue(state)
    const store = useProfilesStore()
    await Promise.all([store.loadOnce(), store.loadOnce()])
    expect(list).toHaveBeenCalledTimes(1)
    expect(store.loaded).toBe(true)
    expect(store.activeId).toBe('p1')
  })

  it('asks again after a request that failed', async () => {
    list.mockRejectedValueOnce(new Error('main is not there yet')).mockResolvedValue(state)
    const store = useProfilesStore()
    await expect(store.loadOnce()).rejects.toThrow('main is not there yet')
    expect(store.loaded).toBe(false)
    await store.loadOnce()
    expect(list).toHaveBeenCalledTimes(2)
    expect(store.loaded).toBe(true)
  })
})
