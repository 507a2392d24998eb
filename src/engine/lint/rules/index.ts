import type { Rule } from '../rule';
import { rule as addingCheckConstraint } from './adding-check-constraint';
import { rule as addingForeignKeyConstraint } from './adding-foreign-key-constraint';
import { rule as addingRequiredField } from './adding-required-field';
import { rule as addingUniqueConstraint } from './adding-unique-constraint';
import { rule as addingVolatileDefault } from './adding-volatile-default';
import { rule as changingColumnType } from './changing-column-type';
import { rule as concurrentlyInTransaction } from './concurrently-in-transaction';
import { rule as droppingMappedColumn } from './dropping-mapped-column';
import { rule as renamingColumn } from './renaming-column';
import { rule as renamingTable } from './renaming-table';
import { rule as requireConcurrentIndexCreation } from './require-concurrent-index-creation';
import { rule as requiringLockTimeout } from './requiring-lock-timeout';
import { rule as settingNotNull } from './setting-not-null';
import { rule as writingThroughAnotherConnection } from './writing-through-another-connection';

/** The one registry of lint rules. A rule's code is its docs page: docs/rules/<code>.md. */
export const RULES: readonly Rule[] = [
  requireConcurrentIndexCreation,
  concurrentlyInTransaction,
  addingRequiredField,
  addingVolatileDefault,
  settingNotNull,
  addingForeignKeyConstraint,
  addingCheckConstraint,
  addingUniqueConstraint,
  changingColumnType,
  droppingMappedColumn,
  renamingColumn,
  renamingTable,
  requiringLockTimeout,
  writingThroughAnotherConnection,
];
