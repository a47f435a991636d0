import { TargetKind } from '../../domain/enums.js';
import { resolveTargetReference } from './target.reference.js';

export const resolveLockReference = resolveTargetReference(TargetKind.LOCK);
