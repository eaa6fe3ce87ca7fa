// Every feature class the extractor knows, by pyradiomics' class name. Each class module registers here.
import type { FeatureClass } from './types.js';

export const featureClasses: Record<string, FeatureClass<any>> = {};
