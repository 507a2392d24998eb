import { Column, Entity, Index, ManyToOne, type Relation } from 'typeorm';
import { BaseModel } from './base-model';
import { User } from './user';

@Entity('posts')
@Index(['author', 'createdAt'])
export class Post extends BaseModel {
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ unique: true })
  slug: string;

  @Column({ default: false })
  published: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @ManyToOne(() => User, { nullable: false, onDelete: 'CASCADE' })
  author: Relation<User>;
}
