// The route table type: one async handler per contract channel.
import type { ChannelName, ChannelOutput, ValidInput } from '../shared/contract'
import type { Services } from '../services/services'

export type Handler<N extends ChannelName> = (
  input: ValidInput<N>,
  services: Services,
) => Promise<ChannelOutput<N>> | ChannelOutput<N>

export type RouteTable = { [N in ChannelName]: Handler<N> }

/** A domain's slice of the table, so each domain file declares only its own channels. */
export type Routes<Prefix extends string> = {
  [N in ChannelName as N extends `${Prefix}.${string}` ? N : never]: Handler<N>
}
