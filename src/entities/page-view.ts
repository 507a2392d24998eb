import { Column, Entity, Index, ManyToOne, type Relation } from 'typeorm';
import { BaseModel } from './base-model';
import { User } from './user';

@Entity({ name: 'page_views', schema: 'analytics' })
export class PageView extends BaseModel {
  @Index()
  @Column({ type: 'varchar', length: 500 })
  url: string;

  @Column({ type: 'varchar', nullable: true })
  userAgent: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: Record<string, unknown>;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  user: Relation<User> | null;
}
