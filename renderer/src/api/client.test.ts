// Calls sent ahead (start-up): the first call with the same channel and input takes the answer,
// later ones ask again; a failure reaches the call that takes it.
import { describe, expect, it, vi } from 'vitest'
import type { Result } from '@shared/contract'
import { ApiError, createApiClient } from './client'
import type { Transport } from './transport'

function countingTransport(reply: (channel: string) => Result<unknown>) {
  const invoke = vi.fn(async (channel: string) => reply(channel))
  const transport: Transport = { invoke, onEvent: () => () => undefined }
  return { invoke, client: createApiClient(transport) }
}

describe('api client calls sent ahead', () => {
  it('answers the first matching call from the call sent ahead, and asks again after that', async () => {
    const { invoke, client } = countingTransport(() => ({ ok: true, value: [] }))
    client.prefetch('tasks.list', {})
    expect(invoke).toHaveBeenCalledTimes(1)
    await client.call('tasks.list', {})
    expect(invoke).toHaveBeenCalledTimes(1)
    await client.call('tasks.list', {})
    expect(invoke).toHaveBeenCalledTimes(2)
  })

  it('does not answer a call with another input from it', async () => {
    const { invoke, client } = countingTransport(() => ({ ok: true, value: [] }))
    client.prefetch('tasks.list', {})
    await client.call('tasks.list', { name: 'spring' })
    expect(invoke).toHaveBeenCalledTimes(2)
  })

  it('throws its failure in the call that takes it', async () => {
    const { client } = countingTransport(() => ({ ok: false, error: { code: 'internal', message: 'cache closed' } }))
    client.prefetch('app.info')
    await expect(client.call('app.info')).rejects.toThrow(ApiError)
  })

  it('drops every answer sent ahead once a call changes state, so none outlives what it described', async () => {
    let profiles = 0
    const { invoke, client } = countingTransport((channel) => {
      if (channel === 'demo.start') profiles++
      if (channel === 'tasks.list' && profiles === 0)
        return { ok: false, error: { code: 'no_profile', message: 'none' } }
      return { ok: true, value: [] }
    })
    client.prefetch('tasks.list', {})
    client.prefetch('app.info')
    await client.call('demo.start')
    await expect(client.call('tasks.list', {})).resolves.toEqual([])
    await client.call('app.info')
    expect(invoke.mock.calls.map(([channel]) => channel)).toEqual([
      'tasks.list',
      'app.info',
      'demo.start',
      'tasks.list',
      'app.info',
    ])
  })

  it('keeps the answers sent ahead across calls that only read', async () => {
    const { invoke, client } = countingTransport(() => ({ ok: true, value: [] }))
    client.prefetch('tasks.list', {})
    await client.call('profiles.connection')
    await client.call('tasks.list', {})
    expect(invoke).toHaveBeenCalledTimes(2)
  })

  it("keeps the task list sent ahead across the shell's calls once mounted (connection, team status, drafts)", async () => {
    // App.vue's onMounted runs before the router's first view asks for its data: were any of these
    // to drop the answers sent ahead, start-up would ask the host for the task list a second time.
    const { invoke, client } = countingTransport(() => ({ ok: true, value: [] }))
    client.prefetch('tasks.list', {})
    await client.call('profiles.connection')
    await client.call('team.status')
    await client.call('reviews.pending')
    await client.call('tasks.list', {})
    expect(invoke.mock.calls.map(([channel]) => channel)).toEqual([
      'tasks.list',
      'profiles.connection',
      'team.status',
      'reviews.pending',
    ])
  })
})
