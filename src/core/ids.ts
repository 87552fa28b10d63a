// From a node id to its position in the scenario's node list, on every send and delivery.
// Ids are small positive integers (1..n in custom setups), so a flat array answers; sparse
// ids fall back to a map.

import type { NodeId } from './time.ts';

export class IdIndex {
  private readonly dense: Int32Array | null;
  private readonly sparse: Map<NodeId, number> | null;

  constructor(readonly ids: readonly NodeId[]) {
    let max = -1;
    let integral = true;
    for (const id of ids) {
      if (!Number.isInteger(id) || id < 0) integral = false;
      else if (id > max) max = id;
    }
    if (integral && max < 4 * ids.length + 1024) {
      this.dense = new Int32Array(max + 1).fill(-1);
      ids.forEach((id, i) => ((this.dense as Int32Array)[id] = i));
      this.sparse = null;
    } else {
      this.dense = null;
      this.sparse = new Map(ids.map((id, i) => [id, i]));
    }
  }

  get size(): number {
    return this.ids.length;
  }

  /** The id's position, or -1 for an id not in the scenario. */
  of(id: NodeId): number {
    const dense = this.dense;
    if (dense) return id >= 0 && id < dense.length ? ((dense[id] as number | undefined) ?? -1) : -1;
    return (this.sparse as Map<NodeId, number>).get(id) ?? -1;
  }
}
