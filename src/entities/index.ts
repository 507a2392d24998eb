export { BaseModel } from './base-model';
export { User, UserRole } from './user';
export { Post } from './post';
export { PageView } from './page-view';
