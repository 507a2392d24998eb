import { storedName, withSuffix } from '../../src/engine/model/stored-names';
import type { FeatureSet } from './features';
import type { Rng } from './prng';

/**
 * Table and column names: plain snake_case mostly, with non-ASCII, mixed-case and over-long
 * names when their features are on. Short names keep the names TypeORM derives
 * (`<table>_<column>_enum`, `<a>_<prop>_<b>` join tables) under PostgreSQL's 63 bytes
 * unless `names.long` asks for exactly that.
 */
const TABLE_WORDS = ['order', 'invoice', 'customer', 'parcel', 'event', 'account', 'review', 'device', 'shipment', 'ticket', 'report', 'tag'];
const COLUMN_WORDS = ['title', 'amount', 'status', 'note', 'price', 'score', 'label', 'payload', 'period', 'code', 'ratio', 'flag', 'kind', 'rank', 'colour', 'size', 'weight', 'memo', 'starts', 'total'];
const NON_ASCII_TABLES = ['bücher', 'заказы', 'commandes_été', '顧客', 'città'];
const NON_ASCII_COLUMNS = ['größe', 'цена', 'café', '名前', 'año'];
const MIXED_TABLES = ['OrderLine', 'UserProfile', 'HTTPLog'];
const MIXED_COLUMNS = ['firstName', 'isActive', 'URLPath'];
const LONG_TABLES = [
  'a_table_name_that_is_much_longer_than_postgresql_allows_for_identifiers_x',
  'очень_длинное_имя_таблицы_для_проверки_предела',
];
const LONG_COLUMNS = ['a_column_name_that_runs_past_the_sixty_three_byte_identifier_limit_of_pg'];

/** Hands out names that never collide (case-insensitively: TypeORM lower-cases some derived names). */
export class NamePool {
  private readonly used = new Set<string>();

  constructor(private readonly r: Rng, private readonly on: FeatureSet) {}

  private take(base: string): string {
    // Keyed by the stored name: two long names differing past byte 63 are one name to PostgreSQL.
    const key = (n: string) => storedName(n).toLowerCase();
    let name = base;
    for (let i = 2; this.used.has(key(name)); i++) name = withSuffix(base, `_${i}`);
    this.used.add(key(name));
    return name;
  }

  /** Marks a name taken, e.g. one a previous step already uses. */
  reserve(name: string): void {
    this.used.add(storedName(name).toLowerCase());
  }

  table(): string {
    const r = this.r;
    if (this.on.has('names.long') && r.chance(0.08)) return this.take(r.pick(LONG_TABLES));
    if (this.on.has('names.non-ascii') && r.chance(0.12)) return this.take(r.pick(NON_ASCII_TABLES));
    if (this.on.has('names.mixed-case') && r.chance(0.1)) return this.take(r.pick(MIXED_TABLES));
    return this.take(r.pick(TABLE_WORDS));
  }

  column(): string {
    const r = this.r;
    if (this.on.has('names.long') && r.chance(0.04)) return this.take(r.pick(LONG_COLUMNS));
    if (this.on.has('names.non-ascii') && r.chance(0.08)) return this.take(r.pick(NON_ASCII_COLUMNS));
    if (this.on.has('names.mixed-case') && r.chance(0.08)) return this.take(r.pick(MIXED_COLUMNS));
    return this.take(r.pick(COLUMN_WORDS));
  }
}

/** A property name for a database name: an ASCII identifier, unique within its class. */
export function propFor(dbName: string, used: Set<string>): string {
  const ascii = dbName.normalize('NFKD').replace(/[^A-Za-z0-9_]/g, '');
  let base = /^[A-Za-z_]/.test(ascii) ? ascii : `p${ascii}`;
  if (base.length > 40) base = base.slice(0, 40);
  let prop = base;
  for (let i = 2; used.has(prop.toLowerCase()); i++) prop = `${base}${i}`;
  used.add(prop.toLowerCase());
  return prop;
}

export function pascal(text: string): string {
  const ascii = text.normalize('NFKD').replace(/[^A-Za-z0-9_]/g, '');
  const words = ascii.split('_').filter(Boolean);
  return words.map((w) => w[0].toUpperCase() + w.slice(1)).join('') || 'Thing';
}
