import type { AppliedRevision, LocalRevision } from '../../../src/engine/revisions/revision-entry';

/** A literal history: names like A1700000000001, checksums like "sum-A". */
export const A = { name: 'CreateUsers1700000000001', timestamp: 1700000000001 };
export const B = { name: 'AddPhone1700000000002', timestamp: 1700000000002 };
export const C = { name: 'AddPosts1700000000003', timestamp: 1700000000003 };
export const D = { name: 'AddPostIndex1700000000004', timestamp: 1700000000004 };

export function local(...refs: { name: string; timestamp: number }[]): LocalRevision[] {
  return refs.map((r) => ({ ...r, checksum: `sum-${r.name}` }));
}

export function applied(...refs: { name: string; timestamp: number }[]): AppliedRevision[] {
  return refs.map((r) => ({ ...r, checksum: `sum-${r.name}`, appliedAt: '2024-01-01T00:00:00.000Z' }));
}
