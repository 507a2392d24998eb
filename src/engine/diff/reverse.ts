import type { Irreversible, Operation } from './operations';

/**
 * The operation that undoes `op`, built from the data `op` carries. A migration's down()
 * is the reverse of every up() operation, in exactly the reverse order.
 */
export function reverse(op: Operation): Operation | Irreversible {
  switch (op.kind) {
    case 'create-schema':
      return { kind: 'drop-schema', schema: op.schema };
    case 'drop-schema':
      return { kind: 'create-schema', schema: op.schema };
    case 'create-extension':
      return { kind: 'drop-extension', name: op.name };
    case 'drop-extension':
      return { kind: 'create-extension', name: op.name };
    case 'create-enum':
      return { kind: 'drop-enum', enum: op.enum };
    case 'drop-enum':
      return { kind: 'create-enum', enum: op.enum };
    case 'add-enum-value': {
      // PostgreSQL cannot drop an enum value: the reverse rebuilds the type without it.
      const withValue = { ...op.enum, values: insertValue(op.enum.values, op.value, op.position) };
      return { kind: 'recreate-enum', from: withValue, to: op.enum, usages: op.usages };
    }
    case 'recreate-enum':
      return { kind: 'recreate-enum', from: op.to, to: op.from, usages: op.usages.map((u) => (u.after === undefined ? u : { ...u, default: u.after, after: u.default })) };
    case 'rename-table':
      return { ...op, from: op.to, to: op.from, ...(op.sequences ? { sequences: op.sequences.map((s) => ({ from: s.to, to: s.from })) } : {}) };
    case 'rename-column':
    case 'rename-constraint':
    case 'rename-index':
      return { ...op, from: op.to, to: op.from };
    case 'create-table':
      return { kind: 'drop-table', table: op.table };
    case 'drop-table':
      return { kind: 'create-table', table: op.table };
    case 'add-column':
      return { kind: 'drop-column', schema: op.schema, table: op.table, column: op.column };
    case 'drop-column':
      return { kind: 'add-column', schema: op.schema, table: op.table, column: op.column };
    case 'alter-column-type':
      return op.collation === undefined && op.previousCollation === undefined
        ? { ...op, from: op.to, to: op.from, using: op.reverseUsing, reverseUsing: op.using }
        : { ...op, from: op.to, to: op.from, using: op.reverseUsing, reverseUsing: op.using, collation: op.previousCollation ?? null, previousCollation: op.collation ?? null };
    case 'set-not-null':
      return { ...op, kind: 'drop-not-null' };
    case 'drop-not-null':
      return { ...op, kind: 'set-not-null' };
    case 'set-generated': {
      const { fromSequence, toSequence, ...rest } = op;
      return { ...rest, from: op.to, to: op.from, ...(toSequence === undefined ? {} : { fromSequence: toSequence }), ...(fromSequence === undefined ? {} : { toSequence: fromSequence }) };
    }
    case 'set-comment':
      return { ...op, comment: op.previous, previous: op.comment };
    case 'set-default':
      return op.previous === null
        ? { kind: 'drop-default', schema: op.schema, table: op.table, column: op.column, previous: op.default }
        : { ...op, default: op.previous, previous: op.default };
    case 'drop-default':
      return { kind: 'set-default', schema: op.schema, table: op.table, column: op.column, default: op.previous, previous: null };
    case 'add-primary-key':
      return { ...op, kind: 'drop-primary-key' };
    case 'drop-primary-key':
      return { ...op, kind: 'add-primary-key' };
    case 'add-unique':
      return { ...op, kind: 'drop-unique' };
    case 'drop-unique':
      return { ...op, kind: 'add-unique' };
    case 'add-check':
      return { ...op, kind: 'drop-check' };
    case 'drop-check':
      return { ...op, kind: 'add-check' };
    case 'add-exclusion':
      return { ...op, kind: 'drop-exclusion' };
    case 'drop-exclusion':
      return { ...op, kind: 'add-exclusion' };
    case 'set-collation':
      return { ...op, collation: op.previous, previous: op.collation };
    case 'record-generated':
      return { ...op, kind: 'forget-generated' };
    case 'forget-generated':
      return { ...op, kind: 'record-generated' };
    case 'create-index':
      return { ...op, kind: 'drop-index' };
    case 'drop-index':
      return { ...op, kind: 'create-index' };
    case 'add-foreign-key': {
      const { notValid: _, ...rest } = op;
      return { ...rest, kind: 'drop-foreign-key' };
    }
    case 'drop-foreign-key':
      return { ...op, kind: 'add-foreign-key' };
    case 'validate-foreign-key':
      // Validating defines nothing: reverseAll leaves it out, and running it again is harmless.
      return op;
  }
}

/** The enum's values after `value` is added at `position` (appended when null). */
export function insertValue(
  values: readonly string[],
  value: string,
  position: { readonly before: string } | { readonly after: string } | null,
): string[] {
  const out = [...values];
  if (position === null) out.push(value);
  else if ('before' in position) out.splice(Math.max(0, out.indexOf(position.before)), 0, value);
  else out.splice(out.indexOf(position.after) + 1, 0, value);
  return out;
}

/**
 * Every operation's reverse, in reverse order: the body of down(). Values added to one
 * enum reverse into one rebuild of the type, not one rebuild per value.
 */
export function reverseAll(operations: readonly Operation[]): (Operation | Irreversible)[] {
  const out: (Operation | Irreversible)[] = [];
  for (const op of [...operations].reverse()) {
    if (op.kind === 'validate-foreign-key') continue;
    const undo = reverse(op);
    const previous = out[out.length - 1];
    if (
      undo.kind === 'recreate-enum' &&
      previous?.kind === 'recreate-enum' &&
      previous.to.schema === undo.from.schema &&
      previous.to.name === undo.from.name &&
      previous.to.values.join('\u0000') === undo.from.values.join('\u0000')
    ) {
      out[out.length - 1] = { ...previous, to: undo.to };
      continue;
    }
    out.push(undo);
  }
  return out;
}
