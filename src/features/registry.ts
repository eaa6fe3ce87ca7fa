// Every feature class the extractor knows, by pyradiomics' class name. Each class module registers here.
import type { FeatureClass } from './types.js';
import { firstorder } from './firstorder.js';
import { glcm } from './glcm.js';
import { glrlm } from './glrlm.js';
import { glszm } from './glszm.js';
import { gldm } from './gldm.js';
import { ngtdm } from './ngtdm.js';
import { shapeClass as shape } from './shape.js';
import { shape2DClass as shape2D } from './shape2d.js';

export const featureClasses: Record<string, FeatureClass<any>> = { firstorder, glcm, glrlm, glszm, gldm, ngtdm, shape, shape2D };
