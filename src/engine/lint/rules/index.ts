import type { Rule } from '../rule';
import { rule as addingCheckConstraint } from './adding-check-constraint';
import { rule as addingForeignKeyConstraint } from './adding-foreign-key-constraint';
import { rule as addingRequiredField } from './adding-required-field';
import { rule as addingSerialPrimaryKeyField } from './adding-serial-primary-key-field';
import { rule as addingUniqueConstraint } from './adding-unique-constraint';
import { rule as addingVolatileDefault } from './adding-volatile-default';
import { rule as banAlterDomainWithAddConstraint } from './ban-alter-domain-with-add-constraint';
import { rule as banCharField } from './ban-char-field';
import { rule as banCreateDomainWithConstraint } from './ban-create-domain-with-constraint';
import { rule as banDropDatabase } from './ban-drop-database';
import { rule as banDropNotNull } from './ban-drop-not-null';
import { rule as banDropTable } from './ban-drop-table';
import { rule as banTruncateCascade } from './ban-truncate-cascade';
import { rule as changingColumnType } from './changing-column-type';
import { rule as concurrentlyInTransaction } from './concurrently-in-transaction';
import { rule as droppingMappedColumn } from './dropping-mapped-column';
import { rule as preferBigintOverInt } from './prefer-bigint-over-int';
import { rule as preferBigintOverSmallint } from './prefer-bigint-over-smallint';
import { rule as preferIdentity } from './prefer-identity';
import { rule as preferRobustStmts } from './prefer-robust-stmts';
import { rule as preferTextField } from './prefer-text-field';
import { rule as preferTimestamptz } from './prefer-timestamptz';
import { rule as renamingColumn } from './renaming-column';
import { rule as renamingTable } from './renaming-table';
import { rule as requireConcurrentIndexCreation } from './require-concurrent-index-creation';
import { rule as requireConcurrentIndexDeletion } from './require-concurrent-index-deletion';
import { rule as requireConcurrentReindex } from './require-concurrent-reindex';
import { rule as requiringLockTimeout } from './requiring-lock-timeout';
import { rule as rewritingTable } from './rewriting-table';
import { rule as settingNotNull } from './setting-not-null';
import { rule as transactionNesting } from './transaction-nesting';
import { rule as writingThroughAnotherConnection } from './writing-through-another-connection';

/**
 * The one registry of lint rules. A rule's code is its docs page: docs/rules/<code>.md.
 * Lock and safety rules first, then statements to avoid, then style (hand-written SQL only).
 */
export const RULES: readonly Rule[] = [
  requireConcurrentIndexCreation,
  requireConcurrentIndexDeletion,
  requireConcurrentReindex,
  concurrentlyInTransaction,
  transactionNesting,
  addingRequiredField,
  addingVolatileDefault,
  addingSerialPrimaryKeyField,
  settingNotNull,
  addingForeignKeyConstraint,
  addingCheckConstraint,
  addingUniqueConstraint,
  changingColumnType,
  rewritingTable,
  banAlterDomainWithAddConstraint,
  droppingMappedColumn,
  renamingColumn,
  renamingTable,
  requiringLockTimeout,
  writingThroughAnotherConnection,
  preferRobustStmts,
  banDropDatabase,
  banTruncateCascade,
  banDropTable,
  banDropNotNull,
  banCreateDomainWithConstraint,
  preferBigintOverInt,
  preferBigintOverSmallint,
  preferIdentity,
  preferTimestamptz,
  preferTextField,
  banCharField,
];
