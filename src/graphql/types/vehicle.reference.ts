import { TargetKind } from '../../domain/enums.js';
import { resolveTargetReference } from './target.reference.js';

export const resolveVehicleReference = resolveTargetReference(TargetKind.VEHICLE);
